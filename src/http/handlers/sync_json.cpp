#include "http/handlers/sync_json.hpp"

#include "core/text.hpp"
#include "http/handlers/fieldwork_json.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/registry_json.hpp"
#include "registry/registry.hpp"
#include "sync/sync.hpp"

namespace caunoi::http {
namespace json = boost::json;

json::object ToJson(const std::vector<sync::OpResult>& results,
                    const std::function<std::string(const std::string&)>& tr) {
    // A push's answer is built once and sent: its hundreds of small values from one arena.
    json::storage_ptr sp = json::make_shared_resource<json::monotonic_resource>();
    json::array a(sp);
    a.reserve(results.size());
    for (const auto& r : results) {
        json::object o(sp);
        o.reserve(3);
        o.emplace("id", r.id);
        o.emplace("status", r.status);
        if (!r.first.empty()) o["first"] = r.first;
        if (!r.field.empty()) o["field"] = r.field;
        if (r.status == "rejected" || r.first == "rejected") o["reason"] = tr(r.reason);
        if (!r.conflicts.empty()) {
            json::array c;
            for (const auto& f : r.conflicts) c.emplace_back(f);
            o["conflicts"] = c;
        }
        a.push_back(std::move(o));
    }
    json::object out(sp);
    out["results"] = std::move(a);
    return out;
}

json::object ToJson(const sync::PullPage& p, const std::function<std::string(const std::string&)>& tr) {
    json::array hs, rs, ts, del;
    for (const auto& h : p.households) hs.push_back(ToJson(h));
    for (const auto& r : p.residents) {
        auto o = ToJson(r);
        json::object profile;
        for (const auto& [k, v] : registry::ProfileValues(r)) profile[k] = v;
        o["profile"] = profile;  // the values to send back as "from" with an edit
        if (auto heard = p.tips_heard.find(r.id); heard != p.tips_heard.end() && !heard->second.empty())
            o["tips_heard"] = json::array(heard->second.begin(), heard->second.end());
        rs.push_back(o);
    }
    for (const auto& t : p.tasks) {
        auto o = ToJson(t);
        o["title_text"] = tr(t.title);
        ts.push_back(o);
    }
    for (const auto& [kind, id] : p.deleted) del.push_back(json::object{{"kind", kind}, {"id", id}});
    return json::object{
        {"households", hs}, {"residents", rs}, {"tasks", ts}, {"deleted", del}, {"cursor", std::to_string(p.cursor)},
        {"more", p.more}};
}

json::object ToJson(const sync::Preflight& p) {
    return json::object{{"households", p.counts.households},
                        {"residents", p.counts.residents},
                        {"open_tasks", p.counts.open_tasks},
                        {"estimated_bytes", p.estimated_bytes},
                        {"warn_above_bytes", p.warn_above_bytes}};
}

namespace {
json::object ConflictObj(const sync::Conflict& c) {
    return {{"id", c.id},           {"resident_id", c.resident_id},   {"resident_name", c.resident_name},
            {"field", c.field},     {"server_value", c.server_value}, {"phone_value", c.phone_value},
            {"by_user", c.by_user}, {"by_name", c.by_name},           {"at", c.at},
            {"status", c.status}};
}
}  // namespace

json::object ToJson(const std::vector<sync::Conflict>& cs) { return List(cs, ConflictObj, ""); }
json::object ToJson(const sync::Conflict& c) { return ConflictObj(c); }

}  // namespace caunoi::http
