// A resident's own data, everything held about them (Decree 13/2023/NĐ-CP, art. 14; docs/api.md,
// "A person's data"): GET /api/v1/residents/{id}/export as JSON, GET /residents/{id}/export as a
// page to print and hand over. Team leaders and above, in their area; each export is audited.
#include <boost/json.hpp>

#include "desk/desk.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/registry_json.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "procedures/dossier.hpp"
#include "procedures/services.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "registry/registry.hpp"
#include "channel/outbox.hpp"
#include "storage/personal_data_store.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

// Columns holding an instant (epoch seconds; 0 or empty: none).
bool IsTime(const std::string& column) {
    return column == "at" || column == "consent_at" || column == "due_at" || column == "closed_at";
}

struct Export {
    registry::Resident resident;
    std::vector<storage::DataSection> sections;
};

Result<Export> Collect(App& app, const Request& r) {
    Export out;
    // The export is one audited read of the record.
    CAUNOI_ASSIGN(out.resident, app.registry.GetResident(*r.actor, r.Param("id"), "data export"));
    CAUNOI_ASSIGN(out.sections, storage::PersonalDataStore(app.db).Collect(out.resident.id, out.resident.phone));
    return out;
}

Result<Response> ExportJson(App& app, Request& r) {
    CAUNOI_ASSIGN(auto e, Collect(app, r));
    json::object sections;
    for (const auto& s : e.sections) {
        json::array rows;
        for (const auto& row : s.rows) {
            json::object o;
            for (size_t c = 0; c < s.columns.size(); ++c) {
                const std::string& v = row[c];
                // Instants as readable local times; numbers as numbers.
                if (IsTime(s.columns[c]))
                    o[s.columns[c]] = v.empty() || v == "0" ? json::value(nullptr)
                                                            : json::value(FormatVietnamTime(std::stoll(v),
                                                                                            "%Y-%m-%dT%H:%M:%S+07:00"));
                else if (s.columns[c] == "due_day")
                    o[s.columns[c]] = FormatDate(std::stoll(v.empty() ? "0" : v));
                else if (s.columns[c] == "minutes" || s.columns[c] == "number")
                    o[s.columns[c]] = std::stoll(v.empty() ? "0" : v);
                else
                    o[s.columns[c]] = v;
            }
            rows.push_back(std::move(o));
        }
        sections[s.key] = std::move(rows);
    }
    return JsonResponse(json::object{{"resident", ToJson(e.resident)},
                                     {"exported_at", app.clock.NowSeconds()},
                                     {"sections", std::move(sections)}});
}

// What a section is called, and each column's heading.
const char* SectionMsgid(const std::string& key) {
    static const std::map<std::string, const char*> k = {
        {"household", N_("Household")},           {"consent", N_("Consent given and changed")},
        {"sessions", N_("Visits and help received")},
        {"services", N_("Services in those visits")}, {"skills", N_("Skill changes")},
        {"tasks", N_("Follow-up tasks")},         {"dossiers", N_("Dossiers")},
        {"desk", N_("Tickets at the commune desk")}, {"training", N_("Training attended")},
        {"sms", N_("Text messages")},             {"reads", N_("Who looked at this record")}};
    auto it = k.find(key);
    return it == k.end() ? "" : it->second;
}

const char* ColumnMsgid(const std::string& key) {
    static const std::map<std::string, const char*> k = {
        {"household", N_("Household")},    {"address", N_("Address")},       {"village", N_("Village")},
        {"consent_purposes", N_("The household agreed to")}, {"consent_at", N_("The household's consent given")},
        {"at", N_("When")},
        {"channel", N_("How")},            {"minutes", N_("Minutes")},       {"tip", N_("Safety tip")},
        {"notes", N_("Notes")},            {"recorded_by", N_("Recorded by")}, {"service", N_("Service")},
        {"outcome", N_("Result")},         {"reason", N_("Why not")},        {"skill", N_("Skill")},
        {"from_level", N_("Before")},      {"to_level", N_("After")},        {"title", N_("Task")},
        {"status", N_("Status")},          {"due_at", N_("Due")},            {"closed_at", N_("Closed")},
        {"procedure", N_("Procedure")},    {"portal_code", N_("Dossier code")}, {"due_day", N_("Due")},
        {"day", N_("Day")},                {"number", N_("Number")},         {"need", N_("Need")},
        {"place", N_("Place")},            {"direction", N_("Direction")},   {"text", N_("Text")},
        {"who", N_("Who")},                {"action", N_("What")},           {"how", N_("How")},
        {"change", N_("Change")},          {"purposes", N_("Consent for")}};
    auto it = k.find(key);
    return it == k.end() ? "" : it->second;
}

// A stored value as a person reads it: times in Vietnam's, every code by its translated name.
std::string Shown(App& app, const Request& r, const std::string& section, const std::string& column,
                  const std::string& v, const std::vector<fieldwork::CatalogEntry>& services,
                  const std::vector<fieldwork::CatalogEntry>& tips) {
    auto term = [&](Vocabulary voc) { return app.Tr(r, MsgidOf(voc, v)); };
    auto entry = [&](const std::vector<fieldwork::CatalogEntry>& list) {
        for (const auto& e : list)
            if (e.key == v) return e.In(r.lang);
        return v;
    };
    if (IsTime(column)) return v.empty() || v == "0" ? "—" : web::FormatTime(std::stoll(v));
    if (column == "due_day") return v.empty() ? "—" : FormatDateVn(std::stoll(v));
    if (column == "title") return app.Tr(r, v);  // a rule's task title is a message id
    if (column == "how") {
        // The ways a record is read (audit entries' details), in words; anything else stays in the JSON.
        static const std::map<std::string, const char*> kHow = {{"household list", N_("on the household's page")},
                                                                {"search", N_("in a search")},
                                                                {"sync", N_("sent to a team member's phone")},
                                                                {"history", N_("their progress")},
                                                                {"data export", N_("in this export of their data")}};
        auto it = kHow.find(v);
        return it == kHow.end() ? "—" : app.Tr(r, it->second);
    }
    if (column == "channel") return term(fieldwork::kChannels);
    if (column == "outcome") return term(fieldwork::kOutcomes);
    if (column == "reason") return v.empty() ? "—" : term(fieldwork::kReasons);
    if (column == "service") return entry(services);
    if (column == "tip") return entry(tips);
    if (column == "skill") {
        for (const auto& s : registry::kSkills)
            if (s.key == v) return app.Tr(r, s.msgid);
        return v;
    }
    if (column == "from_level" || column == "to_level") {
        size_t level = v.empty() ? 0 : static_cast<size_t>(std::stoi(v));
        return level < std::size(registry::kSkillLevels) ? app.Tr(r, registry::kSkillLevels[level].msgid) : v;
    }
    if (column == "need") return term(desk::kNeeds);
    if (column == "direction") return app.Tr(r, v == "sent" ? N_("to them") : N_("from them"));
    if (column == "action") return app.Tr(r, web::AuditActionMsgid(v));
    if (column == "who" || column == "recorded_by") return v.empty() ? app.Tr(r, N_("the system")) : v;
    if (column == "procedure") {
        auto p = app.procedures.Find(v);
        return p.ok() ? (*p)->Title(r.lang) : v;
    }
    if (column == "status") {
        if (section == "tasks") return term(fieldwork::kTaskStatusTerms);
        if (section == "dossiers") return term(procedures::kDossierStatusTerms);
        if (section == "desk") return term(desk::kTicketStatusTerms);
        if (section == "sms") return v.empty() ? "—" : term(channel::kOutboxStatuses);
    }
    if (column == "consent_purposes" || column == "purposes") return v.empty() ? "—" : web::PurposesText(app, r, v);
    if (column == "change") return app.Tr(r, web::ConsentChangeMsgid(v));
    return v.empty() ? "—" : v;
}

Result<Response> ExportPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto e, Collect(app, r));
    CAUNOI_ASSIGN(auto services, app.fieldwork.Services());
    CAUNOI_ASSIGN(auto tips, app.fieldwork.Tips());
    Data sections = List();
    for (const auto& s : e.sections) {
        Data heads = List(), rows = List();
        for (const auto& c : s.columns) heads.push_back(Obj({{"text", app.Tr(r, ColumnMsgid(c))}}));
        // Who looked at the record: the same look (who, what, how) repeated on one day is one line,
        // with how many times, so that a person can read it.
        const bool grouped = s.key == "reads";
        if (grouped) heads.push_back(Obj({{"text", app.Tr(r, N_("Times"))}}));
        std::vector<std::pair<std::vector<std::string>, int>> lines;
        for (const auto& row : s.rows) {
            std::vector<std::string> shown;
            for (size_t c = 0; c < s.columns.size(); ++c)
                shown.push_back(Shown(app, r, s.key, s.columns[c], row[c], services, tips));
            if (grouped && !lines.empty()) {
                auto& [last, times] = lines.back();
                const bool same_day = last[0].substr(0, 10) == shown[0].substr(0, 10);
                if (same_day && std::equal(last.begin() + 1, last.end(), shown.begin() + 1)) {
                    ++times;
                    continue;
                }
            }
            lines.emplace_back(std::move(shown), 1);
        }
        for (const auto& [shown, times] : lines) {
            Data cells = List();
            for (const auto& text : shown) cells.push_back(Obj({{"text", text}}));
            if (grouped) cells.push_back(Obj({{"text", std::to_string(times)}}));
            Data one;
            one.set("cells", cells);
            rows.push_back(one);
        }
        Data section = Obj({{"title", app.Tr(r, SectionMsgid(s.key))}});
        section.set("heads", heads);
        section.set("rows", rows);
        section.set("empty", s.rows.empty());
        sections.push_back(section);
    }
    const auto& res = e.resident;
    Data d = Obj({{"id", res.id},
                  {"full_name", res.full_name},
                  {"birth_year", res.birth_year ? std::to_string(*res.birth_year) : "—"},
                  {"phone", res.phone.empty() ? "—" : res.phone},
                  {"national_id_last4", res.national_id_last4.empty() ? "—" : "••••••••" + res.national_id_last4},
                  {"ethnicity", res.ethnicity.empty() ? "—" : res.ethnicity},
                  {"consent_at", web::FormatTime(res.consent.at)},
                  {"consent_purposes", web::PurposesText(app, r, res.consent.purposes)},
                  {"exported_at", web::FormatTime(app.clock.NowSeconds())},
                  {"exported_by", r.actor->display_name}});
    d.set("sees_sensitive", registry::SeesSensitive(*r.actor));
    d.set("sections", sections);
    return app.views->Standalone(app, r, "personal_data", d, N_("A person's data"));
}

}  // namespace

void AddPersonalDataRoutes(std::vector<Route>& rt) {
    rt.push_back({"GET", "/api/v1/residents/{id}/export", Role::kTeamLeader, ExportJson});
    rt.push_back({"GET", "/residents/{id}/export", Role::kTeamLeader, ExportPage});
}

}  // namespace caunoi::http
