#include "http/json.hpp"

#include <boost/json.hpp>

#include "core/text.hpp"

namespace caunoi::http {
namespace json = boost::json;

std::string ProblemJson(int status, const std::string& title, const std::string& detail, const std::string& field) {
    json::object o{{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
    if (!field.empty()) o["field"] = field;
    return json::serialize(o);
}

namespace {

// A flat JSON object as form fields: strings as they are, numbers and booleans as text, null as
// "", arrays of strings comma-joined; nested objects refused.
Result<Fields> FieldsFrom(const json::object& o) {
    Fields f;
    for (const auto& [k, val] : o) {
        std::string key(k);
        if (val.is_string()) {
            f.Set(key, std::string(val.as_string()));
        } else if (val.is_int64()) {
            f.Set(key, std::to_string(val.as_int64()));
        } else if (val.is_uint64()) {
            f.Set(key, std::to_string(val.as_uint64()));
        } else if (val.is_double()) {
            f.Set(key, json::serialize(val));
        } else if (val.is_bool()) {
            f.Set(key, val.as_bool() ? "true" : "false");
        } else if (val.is_null()) {
            f.Set(key, "");
        } else if (val.is_array()) {
            std::string joined;
            for (const auto& e : val.as_array()) {
                if (!e.is_string()) return Error::Invalid(key, "expected a list of strings", N_("Invalid value"));
                joined += (joined.empty() ? "" : ",") + std::string(e.as_string());
            }
            f.Set(key, joined);
        } else {
            return Error::Invalid(key, "nested objects are not accepted", N_("Invalid value"));
        }
    }
    return f;
}

// A request body that must be one valid UTF-8 JSON object, nested at most `depth` levels; its
// values allocated from `storage` (the default heap, or an arena the caller keeps while it reads).
Result<json::object> JsonObjectBody(const Request& r, int depth, json::storage_ptr storage = {}) {
    if (!text::IsValidUtf8(r.body, true)) return Error::Invalid("body", "invalid UTF-8", N_("Invalid text"));
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = depth;
    json::value v = json::parse(r.body, ec, std::move(storage), opts);
    if (ec) return Error::Invalid("body", "malformed JSON: " + ec.message(), N_("Malformed JSON"));
    if (!v.is_object()) return Error::Invalid("body", "expected a JSON object", N_("Malformed JSON"));
    return std::move(v.as_object());
}

}  // namespace

Result<Fields> ReadFields(const Request& r) {
    std::string ct = r.Header("content-type");
    Fields f;
    if (ct.rfind("application/x-www-form-urlencoded", 0) == 0) {
        std::map<std::string, std::string> m;
        ParseUrlEncoded(r.body, m);
        m.erase("_csrf");
        for (auto& [k, v] : m) {
            if (!text::IsValidUtf8(v, true)) return Error::Invalid(k, "invalid UTF-8", N_("Invalid text"));
            f.Set(k, v);
        }
        return f;
    }
    if (ct.rfind("application/json", 0) != 0)
        return Error{ErrorCode::kUnsupported,
                     N_("Unsupported content type"),
                     "send application/json or application/x-www-form-urlencoded",
                     {}};
    CAUNOI_ASSIGN(auto o, JsonObjectBody(r, 4));
    return FieldsFrom(o);
}

Result<PushBody> ReadPush(const Request& r) {
    if (r.Header("content-type").rfind("application/json", 0) != 0)
        return Error{ErrorCode::kUnsupported, N_("Unsupported content type"), "send application/json", {}};
    // A push is up to 500 operations of a dozen strings each: their parsed values come from one
    // arena, freed at once when the push has been read, not one allocation each.
    json::monotonic_resource arena;
    CAUNOI_ASSIGN(auto o, JsonObjectBody(r, 5, &arena));
    PushBody out;
    auto device = o.if_contains("device");
    if (!device || !device->is_string() || device->as_string().empty() || device->as_string().size() > 64)
        return Error::Invalid("device", "a device name of 1 to 64 characters", N_("Invalid value"));
    out.device = std::string(device->as_string());
    auto ops = o.if_contains("ops");
    if (!ops || !ops->is_array()) return Error::Invalid("ops", "a list of operations", N_("Malformed JSON"));
    if (ops->as_array().size() > sync::kMaxOps)
        return Error::Invalid("ops", "at most " + std::to_string(sync::kMaxOps) + " operations per batch",
                              N_("Too many records at once"));
    for (const auto& e : ops->as_array()) {
        // A malformed operation is kept (with what could be read) so that it is answered, not dropped.
        sync::Op op;
        if (!e.is_object()) {
            out.ops.push_back(op);
            continue;
        }
        const auto& eo = e.as_object();
        auto str = [&](const char* k) {
            auto x = eo.if_contains(k);
            return x && x->is_string() ? std::string(x->as_string()) : std::string();
        };
        auto num = [&](const char* k) {
            auto x = eo.if_contains(k);
            return x && x->is_int64() ? x->as_int64() : x && x->is_uint64() ? static_cast<int64_t>(x->as_uint64()) : -1;
        };
        op.id = str("id");
        op.kind = str("kind");
        op.at_ms = num("at");
        op.base_rev = num("base_rev");
        for (const char* part : {"data", "from"}) {
            auto x = eo.if_contains(part);
            if (!x) continue;
            if (!x->is_object()) {
                op.kind = "";  // answered as rejected
                continue;
            }
            auto f = FieldsFrom(x->as_object());
            if (!f.ok()) {
                op.kind = "";
                continue;
            }
            (std::string(part) == "data" ? op.data : op.from) = std::move(*f).Release();
        }
        out.ops.push_back(std::move(op));
    }
    return out;
}

}  // namespace caunoi::http
