#include "http/handlers/fieldwork_json.hpp"

#include "core/text.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/json_values.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace json = boost::json;

json::object ToJson(const fieldwork::SupportSession& s) {
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

json::object ToJson(const fieldwork::Task& t) {
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

json::object ToJson(const std::vector<fieldwork::SupportSession>& ss) {
    return List(
        ss, [](const fieldwork::SupportSession& s) { return ToJson(s); }, "");
}
json::object ToJson(const std::vector<fieldwork::Task>& ts) {
    return List(
        ts, [](const fieldwork::Task& t) { return ToJson(t); }, "");
}

json::object ToJson(const std::vector<fieldwork::CatalogEntry>& es, const std::string& lang,
                    const std::string& text_key) {
    return List(
        es,
        [&](const fieldwork::CatalogEntry& e) {
            return json::object{{"key", e.key}, {text_key, e.In(lang)}, {"active", e.active}};
        },
        "");
}

json::object ToJson(const fieldwork::CatalogEntry& e, const std::string& prefix) {
    return json::object{{"key", e.key}, {prefix + "_vi", e.vi}, {prefix + "_en", e.en}, {"active", e.active}};
}

json::object ToJson(const fieldwork::ResidentHistory& h) {
    json::array tips, skills;
    for (const auto& [key, at] : h.tips_heard) tips.push_back({{"tip", key}, {"at", at}});
    for (const auto& e : h.skill_events)
        skills.push_back({{"skill", registry::kSkills[e.skill].key.substr(6)},
                          {"from", registry::kSkillLevels[e.from].key},
                          {"to", registry::kSkillLevels[e.to].key},
                          {"at", e.at},
                          {"session_id", OptS(e.session_id)},
                          {"training_id", OptS(e.training_id)}});
    return json::object{{"tips_heard", tips}, {"skill_events", skills}};
}

json::object ToJson(const std::vector<fieldwork::TimelineEvent>& events) {
    json::array items;
    for (const auto& e : events) {
        json::object o{{"at", e.at}, {"kind", e.kind}};
        if (e.session) o["session"] = ToJson(*e.session);
        if (e.task) o["task"] = ToJson(*e.task);
        items.push_back(std::move(o));
    }
    return json::object{{"items", items}, {"next_cursor", nullptr}};
}

}  // namespace caunoi::http
