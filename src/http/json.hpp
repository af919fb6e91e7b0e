// Decoding of request bodies (Boost.JSON) and RFC 9457 problem answers. Encoders of domain values
// live beside their handlers (handlers/*_json.hpp).
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/fields.hpp"
#include "http/message.hpp"
#include "sync/sync.hpp"

namespace caunoi::http {

std::string ProblemJson(int status, const std::string& title, const std::string& detail, const std::string& field);

// Reads the body of a create/update: a flat JSON object (application/json) or an HTML form.
// Arrays of strings become comma-joined values; nested objects are refused.
Result<Fields> ReadFields(const Request& r);

// Reads a sync push: {"device": "…", "ops": [{"id", "kind", "at", "base_rev", "data": {…}, "from": {…}}]}.
struct PushBody {
    std::string device;
    std::vector<sync::Op> ops;
};
Result<PushBody> ReadPush(const Request& r);

}  // namespace caunoi::http
