// Dossier tracking: the JSON API, the team's pages (a resident's dossiers, one dossier with its
// history, the list with overdue flags, the SMS outbox) and the public status look-up.
#include <boost/json.hpp>

#include "core/text.hpp"
#include "http/error_status.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "procedures/services.hpp"
#include "registry/registry.hpp"
#include "sms/phone.hpp"
#include "sms/service.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;
using procedures::Dossier;
using procedures::DossierStatus;
using procedures::kDossierStatuses;

json::array StatusNames(const std::vector<DossierStatus>& statuses) {
    json::array out;
    for (auto s : statuses) out.emplace_back(kDossierStatuses.Name(s));
    return out;
}

json::object DossierJson(const Dossier& d, int64_t today) {
    return {{"id", d.id},
            {"resident_id", d.resident_id},
            {"procedure", d.procedure},
            {"portal_code", d.portal_code},
            {"channel", d.channel},
            {"assisted_by", d.assisted_by.empty() ? json::value(nullptr) : json::value(d.assisted_by)},
            {"submitted_on", FormatDate(d.submitted_day)},
            {"due_on", FormatDate(d.due_day)},
            {"status", kDossierStatuses.Name(d.status)},
            {"overdue", procedures::IsOverdue(d, today)},
            {"next_statuses", StatusNames(procedures::NextStatuses(d.status))},
            {"created_at", d.created_at},
            {"updated_at", d.updated_at}};
}

json::object OutboxJson(const procedures::OutboxMessage& m) {
    return {{"id", m.id},
            {"phone", m.phone},
            {"body", m.body},
            {"parts", m.parts},
            {"status", m.status},
            {"dossier_id", m.dossier_id},
            {"kind", m.kind},
            {"attempts", m.attempts},
            {"reason", m.fail_reason},
            {"created_at", m.created_at}};
}

// `status` absent or empty: any open dossier.
Result<procedures::DossierQuery> QueryOf(const Request& r) {
    procedures::DossierQuery q;
    if (const std::string status = r.Query("status"); !status.empty()) {
        CAUNOI_ASSIGN(q.status, procedures::StatusNamed(status));
    }
    q.overdue = r.Query("overdue") == "1";
    q.resident_id = r.Query("resident_id");
    return q;
}

Data DossierRow(App& app, const Request& r, const Dossier& d, int64_t today) {
    auto proc = app.procedures.Find(d.procedure);
    Data x = Obj({{"id", d.id},
                  {"code", d.portal_code},
                  {"procedure", proc.ok() ? (*proc)->Title(r.lang) : d.procedure},
                  {"resident", d.resident_name},
                  {"status", app.Tr(r, kDossierStatuses.Msgid(d.status))},
                  {"due", FormatDateVn(d.due_day)}});
    x.set("overdue", procedures::IsOverdue(d, today));
    return x;
}

Result<Response> ListPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto q, QueryOf(r));
    CAUNOI_ASSIGN(auto list, app.dossiers.List(*r.actor, q));
    CAUNOI_ASSIGN(auto counts, app.dossiers.Counts(*r.actor));
    const int64_t today = app.dossiers.Today();
    Data items = List();
    for (const auto& d : list) items.push_back(DossierRow(app, r, d, today));
    Data d = Obj({{"open", std::to_string(counts.open)}, {"overdue_count", std::to_string(counts.overdue)}});
    d.set("items", items);
    d.set("none", list.empty());
    d.set("only_overdue", q.overdue);
    return app.views->Page(app, r, "dossiers", d, N_("Dossiers"));
}

Result<Response> DossierPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto got, app.dossiers.Get(*r.actor, r.Param("id")));
    auto& [dossier, events] = got;
    CAUNOI_ASSIGN(auto proc, app.procedures.Find(dossier.procedure));
    CAUNOI_ASSIGN(auto outbox, app.dossiers.Outbox(*r.actor, dossier.id, 20));
    const int64_t today = app.dossiers.Today();
    Data d = DossierRow(app, r, dossier, today);
    d.set("procedure_code", proc->code);
    d.set("household_id", dossier.household_id);
    d.set("resident_id", dossier.resident_id);
    d.set("submitted", FormatDateVn(dossier.submitted_day));
    d.set("channel", app.Tr(r, MsgidOf(procedures::kDossierChannels, dossier.channel)));
    d.set("assisted_by", Str(dossier.assisted_by_name));
    d.set("next_step", app.Tr(r, procedures::NextStepMsgid(dossier.status)));
    d.set("clock_paused", !procedures::ClockRunning(dossier.status) && !procedures::IsClosed(dossier.status));
    d.set("no_sms", dossier.phone.empty() || !dossier.notify);
    Data history = List(), next = List(), sms = List();
    for (const auto& e : events)
        history.push_back(Obj({{"at", web::FormatTime(e.at)},
                               {"status", app.Tr(r, kDossierStatuses.Msgid(e.status))},
                               {"by", e.by_name.empty() ? e.by : e.by_name},
                               {"note", e.note}}));
    for (const auto& s : procedures::NextStatuses(dossier.status))
        next.push_back(
            Obj({{"value", std::string(kDossierStatuses.Name(s))}, {"label", app.Tr(r, kDossierStatuses.Msgid(s))}}));
    for (const auto& m : outbox)
        sms.push_back(Obj({{"at", web::FormatTime(m.created_at)},
                           {"phone", sms::MaskPhone(m.phone, 4)},
                           {"body", m.body},
                           {"parts", std::to_string(m.parts)},
                           {"status", app.Tr(r, MsgidOf(channel::kOutboxStatuses, m.status))}}));
    d.set("history", history);
    d.set("next", next);
    d.set("can_move", !next.is_empty_list());
    d.set("sms", sms);
    return app.views->Page(app, r, "dossier", d, N_("Dossier"));
}

// The public look-up page: the answer above the form; a refused form comes back as typed, with
// the message next to the field it is about (or above the form when it is about no one field).
Response LookupPage(App& app, const Request& r, const Fields* typed, const procedures::LookupAnswer* ans,
                    const Error* err) {
    Data d;
    for (const char* field : {"code", "phone_last4"})
        if (typed && typed->Has(field)) d.set(field, Str(typed->all().at(field)));
    if (ans) {
        d.set("found", true);
        d.set("portal_code", ans->portal_code);
        d.set("procedure", Str(ans->procedure ? ans->procedure->Title(r.lang) : ""));
        d.set("status", app.Tr(r, kDossierStatuses.Msgid(ans->status)));
        d.set("next_step", app.Tr(r, procedures::NextStepMsgid(ans->status, ans->overdue)));
        d.set("where",
              Str(ans->status == DossierStatus::kResultReady && ans->procedure ? ans->procedure->Where(r.lang) : ""));
        d.set("due", Str(ans->clock_running && !ans->overdue ? FormatDateVn(ans->due_day) : ""));
        d.set("overdue", ans->overdue);
        if (ans->overdue) {
            std::string late = app.Tr(r, N_("Late: the result was due on {due}."));
            text::ReplaceAll(late, "{due}", FormatDateVn(ans->due_day));
            d.set("late", late);
        }
    }
    int status = 200;
    if (err) {
        const std::string message = app.Tr(r, err->title_id);
        if (err->field == "code" || err->field == "portal_code")
            d.set("code_error", message);
        else if (err->field == "phone_last4")
            d.set("l4_error", message);
        else
            d.set("error", message);
        status = StatusFor(err->code);
    }
    Response resp = app.views->Page(app, r, "status_lookup", d, N_("Where is my dossier?"), status);
    if (err && err->retry_after > 0) resp.headers.emplace_back("Retry-After", std::to_string(err->retry_after));
    return resp;
}

}  // namespace

namespace web {
Status AddDossierSection(App& app, const Request& r, const registry::Resident& res, Data& d) {
    procedures::DossierQuery q;
    q.resident_id = res.id;
    CAUNOI_ASSIGN(auto list, app.dossiers.List(*r.actor, q));
    CAUNOI_ASSIGN(auto all, app.procedures.All());
    const int64_t today = app.dossiers.Today();
    Data rows = List(), procs = List();
    for (const auto& x : list) rows.push_back(DossierRow(app, r, x, today));
    for (const auto& p : *all) procs.push_back(Obj({{"value", p.code}, {"label", p.Title(r.lang)}}));
    d.set("dossiers", rows);
    d.set("has_dossiers", !list.empty());
    d.set("procedure_options", procs);
    d.set("today", FormatDate(today));
    d.set("channel_options", Options(app, r,
                                     {{"assisted_online", MsgidOf(procedures::kDossierChannels, "assisted_online")},
                                      {"self_online", MsgidOf(procedures::kDossierChannels, "self_online")},
                                      {"desk", MsgidOf(procedures::kDossierChannels, "desk")}},
                                     "assisted_online"));
    return {};
}
}  // namespace web

void AddDossierRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    const auto L = Role::kTeamLeader;
    rt.push_back({"POST", "/api/v1/dossiers", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto d, app.dossiers.Record(*r.actor, f));
                      return Response::Json(201, json::serialize(DossierJson(d, app.dossiers.Today())));
                  }});
    rt.push_back(
        {"GET", "/api/v1/dossiers", M, [](App& app, Request& r) -> Result<Response> {
             CAUNOI_ASSIGN(auto q, QueryOf(r));
             CAUNOI_ASSIGN(auto list, app.dossiers.List(*r.actor, q));
             json::array items;
             for (const auto& d : list) items.push_back(DossierJson(d, app.dossiers.Today()));
             return Response::Json(200, json::serialize(json::object{{"items", items}, {"next_cursor", nullptr}}));
         }});
    rt.push_back(
        {"GET", "/api/v1/dossiers/{id}", M, [](App& app, Request& r) -> Result<Response> {
             CAUNOI_ASSIGN(auto got, app.dossiers.Get(*r.actor, r.Param("id")));
             auto o = DossierJson(got.first, app.dossiers.Today());
             json::array history;
             for (const auto& e : got.second)
                 history.push_back(
                     {{"status", kDossierStatuses.Name(e.status)}, {"at", e.at}, {"by", e.by}, {"note", e.note}});
             o["history"] = history;
             return Response::Json(200, json::serialize(o));
         }});
    rt.push_back({"POST", "/api/v1/dossiers/{id}/status", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto d, app.dossiers.Move(*r.actor, r.Param("id"), f));
                      return Response::Json(200, json::serialize(DossierJson(d, app.dossiers.Today())));
                  }});
    rt.push_back(
        {"GET", "/api/v1/sms/outbox", L, [](App& app, Request& r) -> Result<Response> {
             CAUNOI_ASSIGN(auto list, app.dossiers.Outbox(*r.actor, "", 100));
             json::array items;
             for (const auto& m : list) items.push_back(OutboxJson(m));
             return Response::Json(200, json::serialize(json::object{{"items", items}, {"next_cursor", nullptr}}));
         }});
    rt.push_back({"POST", "/api/v1/status-lookup", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto a, app.dossiers.Lookup(r.remote_addr, f));
                      json::object o{{"portal_code", a.portal_code},
                                     {"procedure", a.procedure ? json::value(a.procedure->code) : json::value(nullptr)},
                                     {"status", kDossierStatuses.Name(a.status)},
                                     {"status_text", app.Tr(r, kDossierStatuses.Msgid(a.status))},
                                     {"next_step", app.Tr(r, procedures::NextStepMsgid(a.status, a.overdue))},
                                     {"due_on", a.clock_running ? json::value(FormatDate(a.due_day)) : nullptr},
                                     {"overdue", a.overdue}};
                      return Response::Json(200, json::serialize(o));
                  }});

    rt.push_back({"GET", "/dossiers", M, ListPage});
    rt.push_back({"POST", "/dossiers", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto d, app.dossiers.Record(*r.actor, f));
                      return Response::Redirect("/dossiers/" + d.id);
                  }});
    rt.push_back({"GET", "/dossiers/{id}", M, DossierPage});
    rt.push_back({"POST", "/dossiers/{id}/status", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto d, app.dossiers.Move(*r.actor, r.Param("id"), f));
                      return Response::Redirect("/dossiers/" + d.id);
                  }});
    rt.push_back({"GET", "/status", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      return LookupPage(app, r, nullptr, nullptr, nullptr);
                  }});
    rt.push_back({"POST", "/status", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      auto a = app.dossiers.Lookup(r.remote_addr, f);
                      if (!a.ok()) return LookupPage(app, r, &f, nullptr, &a.error());
                      return LookupPage(app, r, &f, &a.value(), nullptr);
                  }});
}

}  // namespace caunoi::http
