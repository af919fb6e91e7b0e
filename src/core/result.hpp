// Result<T> and Error: expected failures are values, not exceptions.
//
// An Error carries a machine code (mapped to an HTTP status in exactly one place,
// http/error_status.cpp), a gettext message id for the user-facing title, and a
// detail string (English, for logs and the problem+json "detail" field).
// Thread-safety: plain values, copy freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

// Marks a string literal as a message id for the catalogs without translating it here.
#define N_(s) s

namespace caunoi {

enum class ErrorCode {
    kInvalid,       // malformed or out-of-range input
    kNotFound,      // absent or outside the caller's area scope (never distinguish the two)
    kConflict,      // unique constraint, stale version
    kUnauthorized,  // not logged in / bad credentials
    kForbidden,     // logged in but role too low (only for non-resource actions)
    kTooManyRequests,
    kPayloadTooLarge,
    kUnsupported,  // unsupported media type
    kUnavailable,  // busy for now (a full queue): try again after retry_after
    kMethodNotAllowed,  // the address exists, not with this method
    kInternal,
};

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string title_id;  // msgid in i18n catalogs
    std::string detail;    // English detail, safe to show
    std::string field;     // offending field, if any
    int retry_after = 0;   // seconds, for kTooManyRequests and kUnavailable

    static Error Invalid(std::string field, std::string detail, std::string title_id = N_("Invalid input")) {
        return {ErrorCode::kInvalid, std::move(title_id), std::move(detail), std::move(field)};
    }
    static Error NotFound(std::string detail = "not found") {
        return {ErrorCode::kNotFound, N_("Not found"), std::move(detail), {}};
    }
    static Error Conflict(std::string detail) { return {ErrorCode::kConflict, N_("Conflict"), std::move(detail), {}}; }
    static Error Unauthorized(std::string detail = "login required") {
        return {ErrorCode::kUnauthorized, N_("Login required"), std::move(detail), {}};
    }
    static Error Forbidden(std::string detail = "not allowed") {
        return {ErrorCode::kForbidden, N_("Not allowed"), std::move(detail), {}};
    }
    static Error Internal(std::string detail) {
        return {ErrorCode::kInternal, N_("Internal error"), std::move(detail), {}};
    }
};

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : v_(std::move(error)) {}  // NOLINT
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const T& value() const& { return std::get<0>(v_); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return std::get<0>(v_); }
    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : e_(std::move(error)) {}  // NOLINT
    bool ok() const { return !e_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *e_; }

  private:
    std::optional<Error> e_;
};

using Status = Result<void>;

}  // namespace caunoi

// Propagate an error from an expression returning Result<...>.
#define CAUNOI_TRY(expr)                               \
    do {                                               \
        auto&& caunoi_r_ = (expr);                     \
        if (!caunoi_r_.ok()) return caunoi_r_.error(); \
    } while (0)

#define CAUNOI_CONCAT_(a, b) a##b
#define CAUNOI_CONCAT(a, b) CAUNOI_CONCAT_(a, b)
#define CAUNOI_ASSIGN_IMPL_(tmp, lhs, expr) \
    auto tmp = (expr);                      \
    if (!tmp.ok()) return tmp.error();      \
    lhs = std::move(tmp).value()
// Assign the value of a Result or return its error.
#define CAUNOI_ASSIGN(lhs, expr) CAUNOI_ASSIGN_IMPL_(CAUNOI_CONCAT(caunoi_a_, __LINE__), lhs, expr)
