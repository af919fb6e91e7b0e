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

// A request body that must be one valid UTF-8 JSON object, nested at most `depth` levels.
Result<json::object> JsonObjectBody(const Request& r, int depth) {
    if (!text::IsValidUtf8(r.body, true)) return Error::Invalid("body", "invalid UTF-8", N_("Invalid text"));
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = depth;
    json::value v = json::parse(r.body, ec, {}, opts);
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

namespace {

json::value Opt(const std::optional<double>& d) { return d ? json::value(*d) : json::value(nullptr); }
json::value OptS(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::object AreaObj(const area::Area& a) {
    return {{"id", a.id},
            {"parent_id", OptS(a.parent_id)},
            {"kind", a.kind},
            {"name", a.name},
            {"path", a.path},
            {"former_district", OptS(a.former_district)},
            {"highland", a.highland},
            {"lat", Opt(a.lat)},
            {"lon", Opt(a.lon)},
            {"coverage", OptS(a.coverage)}};
}

json::object ConsentObj(const registry::Consent& c) {
    json::array purposes;
    for (auto p : text::Split(c.purposes, ',')) purposes.emplace_back(p);
    return {{"recorded_by", c.by}, {"recorded_at", c.at}, {"purposes", purposes}};
}

json::object HouseholdObj(const registry::Household& h) {
    return {{"id", h.id},
            {"village_id", h.village_id},
            {"name", h.name},
            {"address", OptS(h.address)},
            {"resident_count", h.resident_count},
            {"consent", ConsentObj(h.consent)},
            {"created_at", h.created_at},
            {"updated_at", h.updated_at}};
}

json::object ResidentObj(const registry::Resident& r) {
    json::object skills;
    for (size_t i = 0; i < registry::kSkills.size(); ++i)
        skills[registry::kSkills[i].key.substr(6)] = registry::kSkillLevels[r.skills[i]].key;
    static const char* kVneid[] = {"none", "level1", "level2"};
    return {{"id", r.id},
            {"household_id", r.household_id},
            {"full_name", r.full_name},
            {"birth_year", r.birth_year ? json::value(*r.birth_year) : json::value(nullptr)},
            {"sex", OptS(r.sex)},
            {"phone", OptS(r.phone)},
            {"phone_kind", r.phone_kind},
            {"language", r.language},
            {"ethnicity", OptS(r.ethnicity)},
            {"vneid_level", kVneid[r.vneid_level]},
            {"portal_account", r.portal_account},
            {"payment_account", r.payment_account},
            {"skills", skills},
            {"national_id_last4", OptS(r.national_id_last4)},
            {"consent", ConsentObj(r.consent)},
            {"created_at", r.created_at},
            {"updated_at", r.updated_at}};
}

json::object UserObj(const auth::User& u) {
    return {{"id", u.id},
            {"username", OptS(u.username)},
            {"phone", OptS(u.phone)},
            {"display_name", u.display_name},
            {"role", RoleName(u.role)},
            {"area_path", u.area_path},
            {"team_id", OptS(u.team_id)},
            {"disabled", u.disabled}};
}

json::object MemberObj(const team::Member& m) {
    return {{"id", m.id}, {"name", m.name}, {"phone", OptS(m.phone)}, {"kind", m.kind}, {"leader", m.leader}};
}

json::object TeamObj(const team::Team& t) {
    json::array villages(t.village_ids.begin(), t.village_ids.end());
    json::array members;
    for (const auto& m : t.members) members.push_back(MemberObj(m));
    return {{"id", t.id},         {"commune_id", t.commune_id}, {"name", t.name}, {"village_ids", villages},
            {"members", members}, {"created_at", t.created_at}};
}

template <typename T, typename F>
std::string List(const std::vector<T>& items, F obj, const std::string& next) {
    json::array a;
    for (const auto& i : items) a.push_back(obj(i));
    return json::serialize(json::object{{"items", a}, {"next_cursor", OptS(next)}});
}

}  // namespace

std::string ToJson(const area::Area& a) { return json::serialize(AreaObj(a)); }
std::string ToJson(const std::vector<area::Area>& as) { return List(as, AreaObj, ""); }
std::string ToJson(const registry::Household& h) { return json::serialize(HouseholdObj(h)); }
std::string ToJson(const registry::HouseholdPage& p) { return List(p.items, HouseholdObj, p.next_cursor); }
std::string ToJson(const registry::Resident& r) { return json::serialize(ResidentObj(r)); }
std::string ToJson(const std::vector<registry::Resident>& rs) { return List(rs, ResidentObj, ""); }
std::string ToJson(const auth::User& u) { return json::serialize(UserObj(u)); }
std::string ToJson(const std::vector<auth::User>& us, const std::string& next) { return List(us, UserObj, next); }
std::string ToJson(const team::Team& t) { return json::serialize(TeamObj(t)); }
std::string ToJson(const std::vector<team::Team>& ts) { return List(ts, TeamObj, ""); }
std::string ToJson(const team::Member& m) { return json::serialize(MemberObj(m)); }

std::string ToJson(const std::vector<audit::AuditEntry>& es, int64_t next_before) {
    json::array a;
    for (const auto& e : es)
        a.push_back(json::object{{"seq", e.seq},
                                 {"at", e.at},
                                 {"user_id", OptS(e.user_id)},
                                 {"action", e.action},
                                 {"entity", e.entity},
                                 {"entity_id", OptS(e.entity_id)},
                                 {"area_path", e.area_path},
                                 {"remote_addr", OptS(e.remote_addr)},
                                 {"detail", OptS(e.detail)},
                                 {"user_name", OptS(e.user_name)}});
    json::value next = next_before > 0 ? json::value(std::to_string(next_before)) : json::value(nullptr);
    return json::serialize(json::object{{"items", a}, {"next_cursor", next}});
}

std::string ToJson(const Actor& a) {
    json::array scope(a.scope.paths.begin(), a.scope.paths.end());
    return json::serialize(json::object{{"id", a.user_id},
                                        {"display_name", a.display_name},
                                        {"role", RoleName(a.role)},
                                        {"area_path", a.area_path},
                                        {"team_id", OptS(a.team_id)},
                                        {"scope", scope}});
}

namespace {

json::object SessionObj(const fieldwork::SupportSession& s) {
    json::array lines, changes;
    for (const auto& l : s.lines)
        lines.push_back({{"service", l.service}, {"outcome", l.outcome}, {"reason", OptS(l.reason)}});
    for (const auto& c : s.skill_changes)
        changes.push_back({{"resident_id", c.resident_id},
                           {"skill", registry::kSkills[c.skill].key.substr(6)},
                           {"from", registry::kSkillLevels[c.from].key},
                           {"to", registry::kSkillLevels[c.to].key}});
    return {{"id", s.id},
            {"household_id", s.household_id},
            {"channel", s.channel},
            {"minutes", s.minutes},
            {"notes", OptS(s.notes)},
            {"tip", s.tip_key},
            {"corrects", OptS(s.corrects_id)},
            {"recorded_by", s.recorded_by},
            {"helpers", json::array(s.helpers.begin(), s.helpers.end())},
            {"residents", json::array(s.residents.begin(), s.residents.end())},
            {"services", lines},
            {"skill_changes", changes},
            {"at", s.at}};
}

json::object TaskObj(const fieldwork::Task& t) {
    return {{"id", t.id},
            {"household_id", t.household_id},
            {"household_name", t.household_name},
            {"resident_id", OptS(t.resident_id)},
            {"title", t.title},
            {"rule", OptS(t.rule_key)},
            {"session_id", OptS(t.session_id)},
            {"assignee", OptS(t.assignee)},
            {"due_at", t.due_at},
            {"status", fieldwork::kTaskStatuses.Name(t.status)},
            {"skip_reason", OptS(t.skip_reason)},
            {"created_at", t.created_at}};
}

}  // namespace

std::string ToJson(const fieldwork::SupportSession& s) { return json::serialize(SessionObj(s)); }
std::string ToJson(const std::vector<fieldwork::SupportSession>& ss) { return List(ss, SessionObj, ""); }
std::string ToJson(const fieldwork::Task& t) { return json::serialize(TaskObj(t)); }
std::string ToJson(const std::vector<fieldwork::Task>& ts) { return List(ts, TaskObj, ""); }

std::string ToJson(const std::vector<fieldwork::CatalogEntry>& es, const std::string& lang,
                   const std::string& text_key) {
    return List(
        es,
        [&](const fieldwork::CatalogEntry& e) {
            return json::object{{"key", e.key}, {text_key, e.In(lang)}, {"active", e.active}};
        },
        "");
}

std::string ToJson(const fieldwork::CatalogEntry& e, const std::string& prefix) {
    return json::serialize(
        json::object{{"key", e.key}, {prefix + "_vi", e.vi}, {prefix + "_en", e.en}, {"active", e.active}});
}

std::string ToJson(const fieldwork::ResidentHistory& h) {
    json::array tips, skills;
    for (const auto& [key, at] : h.tips_heard) tips.push_back({{"tip", key}, {"at", at}});
    for (const auto& e : h.skill_events)
        skills.push_back({{"skill", registry::kSkills[e.skill].key.substr(6)},
                          {"from", registry::kSkillLevels[e.from].key},
                          {"to", registry::kSkillLevels[e.to].key},
                          {"at", e.at},
                          {"session_id", OptS(e.session_id)}});
    return json::serialize(json::object{{"tips_heard", tips}, {"skill_events", skills}});
}

std::string ToJson(const std::vector<fieldwork::TimelineEvent>& events) {
    json::array items;
    for (const auto& e : events) {
        json::object o{{"at", e.at}, {"kind", e.kind}};
        if (e.session) o["session"] = SessionObj(*e.session);
        if (e.task) o["task"] = TaskObj(*e.task);
        items.push_back(std::move(o));
    }
    return json::serialize(json::object{{"items", items}, {"next_cursor", nullptr}});
}

Result<PushBody> ReadPush(const Request& r) {
    if (r.Header("content-type").rfind("application/json", 0) != 0)
        return Error{ErrorCode::kUnsupported, N_("Unsupported content type"), "send application/json", {}};
    CAUNOI_ASSIGN(auto o, JsonObjectBody(r, 5));
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
            (std::string(part) == "data" ? op.data : op.from) = f->all();
        }
        out.ops.push_back(std::move(op));
    }
    return out;
}

std::string ToJson(const std::vector<sync::OpResult>& results,
                   const std::function<std::string(const std::string&)>& tr) {
    json::array a;
    for (const auto& r : results) {
        json::object o{{"id", r.id}, {"status", r.status}};
        if (!r.first.empty()) o["first"] = r.first;
        if (!r.field.empty()) o["field"] = r.field;
        if (r.status == "rejected" || r.first == "rejected") o["reason"] = tr(r.reason);
        if (!r.conflicts.empty()) {
            json::array c;
            for (const auto& f : r.conflicts) c.emplace_back(f);
            o["conflicts"] = c;
        }
        a.push_back(o);
    }
    return json::serialize(json::object{{"results", a}});
}

std::string ToJson(const sync::PullPage& p, const std::function<std::string(const std::string&)>& tr) {
    json::array hs, rs, ts, del;
    for (const auto& h : p.households) hs.push_back(HouseholdObj(h));
    for (const auto& r : p.residents) {
        auto o = ResidentObj(r);
        json::object profile;
        for (const auto& [k, v] : registry::ProfileValues(r)) profile[k] = v;
        o["profile"] = profile;  // the values to send back as "from" with an edit
        if (auto heard = p.tips_heard.find(r.id); heard != p.tips_heard.end() && !heard->second.empty())
            o["tips_heard"] = json::array(heard->second.begin(), heard->second.end());
        rs.push_back(o);
    }
    for (const auto& t : p.tasks) {
        auto o = TaskObj(t);
        o["title_text"] = tr(t.title);
        ts.push_back(o);
    }
    for (const auto& [kind, id] : p.deleted) del.push_back(json::object{{"kind", kind}, {"id", id}});
    return json::serialize(json::object{{"households", hs},
                                        {"residents", rs},
                                        {"tasks", ts},
                                        {"deleted", del},
                                        {"cursor", std::to_string(p.cursor)},
                                        {"more", p.more}});
}

std::string ToJson(const sync::Preflight& p) {
    return json::serialize(json::object{{"households", p.counts.households},
                                        {"residents", p.counts.residents},
                                        {"open_tasks", p.counts.open_tasks},
                                        {"estimated_bytes", p.estimated_bytes},
                                        {"warn_above_bytes", p.warn_above_bytes}});
}

namespace {
json::object ConflictObj(const sync::Conflict& c) {
    return {{"id", c.id},           {"resident_id", c.resident_id},   {"resident_name", c.resident_name},
            {"field", c.field},     {"server_value", c.server_value}, {"phone_value", c.phone_value},
            {"by_user", c.by_user}, {"by_name", c.by_name},           {"at", c.at},
            {"status", c.status}};
}
}  // namespace

std::string ToJson(const std::vector<sync::Conflict>& cs) { return List(cs, ConflictObj, ""); }
std::string ToJson(const sync::Conflict& c) { return json::serialize(ConflictObj(c)); }

}  // namespace caunoi::http
