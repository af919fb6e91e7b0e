// JSON encoding of domain values and decoding of request bodies (Boost.JSON).
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>

#include "area/area.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "core/fields.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/message.hpp"
#include "registry/registry.hpp"
#include "sync/sync.hpp"
#include "team/team.hpp"

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
// Push answers, with each rejection's message translated by `tr`.
std::string ToJson(const std::vector<sync::OpResult>& results,
                   const std::function<std::string(const std::string&)>& tr);
// Task titles (message ids for rule tasks) translated by `tr`.
std::string ToJson(const sync::PullPage& p, const std::function<std::string(const std::string&)>& tr);
std::string ToJson(const sync::Preflight& p);
std::string ToJson(const std::vector<sync::Conflict>& cs);
std::string ToJson(const sync::Conflict& c);

std::string ToJson(const area::Area& a);
std::string ToJson(const std::vector<area::Area>& as);
std::string ToJson(const registry::Household& h);
std::string ToJson(const registry::HouseholdPage& p);
std::string ToJson(const registry::Resident& r);
std::string ToJson(const std::vector<registry::Resident>& rs);
std::string ToJson(const auth::User& u);
std::string ToJson(const std::vector<auth::User>& us, const std::string& next_cursor);
std::string ToJson(const team::Team& t);
std::string ToJson(const std::vector<team::Team>& ts);
std::string ToJson(const team::Member& m);
std::string ToJson(const std::vector<audit::AuditEntry>& es, int64_t next_before);
std::string ToJson(const Actor& a);
std::string ToJson(const fieldwork::SupportSession& s);
std::string ToJson(const std::vector<fieldwork::SupportSession>& ss);
std::string ToJson(const fieldwork::Task& t);
std::string ToJson(const std::vector<fieldwork::Task>& ts);
// A catalog in one language; `text_key` names the text field ("name" for services, "text" for tips).
std::string ToJson(const std::vector<fieldwork::CatalogEntry>& es, const std::string& lang,
                   const std::string& text_key);
// A catalog entry as stored, both languages; `prefix` as above ("name" gives name_vi, name_en).
std::string ToJson(const fieldwork::CatalogEntry& e, const std::string& prefix);
std::string ToJson(const fieldwork::ResidentHistory& h);
std::string ToJson(const std::vector<fieldwork::TimelineEvent>& events);

}  // namespace caunoi::http
