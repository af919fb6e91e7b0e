#include "http/error_status.hpp"

namespace caunoi::http {

int StatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalid:
            return 422;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kUnauthorized:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kPayloadTooLarge:
            return 413;
        case ErrorCode::kUnsupported:
            return 415;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kMethodNotAllowed:
            return 405;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

}  // namespace caunoi::http
