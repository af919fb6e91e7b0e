// The one-stop desk: JSON API, the officer's desk page and the public display for a TV.
#include "desk/desk.hpp"

#include <boost/json.hpp>

#include "area/area.hpp"
#include "core/text.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

json::object TicketObj(const desk::Ticket& t) {
    return {{"id", t.id},
            {"number", t.number},
            {"need", t.need},
            {"status", desk::kTicketStatuses.Name(t.status)},
            {"desk", t.desk},
            {"resident_id", t.resident_id.empty() ? json::value(nullptr) : json::value(t.resident_id)},
            {"issued_at", t.issued_at},
            {"called_at", t.called_at},
            {"served_at", t.served_at},
            {"closed_at", t.closed_at},
            {"session_id", t.session_id.empty() ? json::value(nullptr) : json::value(t.session_id)}};
}

Response TicketJson(const desk::Ticket& t, int status = 200) {
    return Response::Json(status, json::serialize(TicketObj(t)));
}

// A ticket action on /api/v1/desk/tickets/{id}/<verb> or /desk/tickets/{id}/<verb>; the page
// comes back saying what was done to which number.
Handler Act(Result<desk::Ticket> (desk::DeskService::*fn)(const Actor&, const std::string&), bool web) {
    return [fn, web](App& app, Request& r) -> Result<Response> {
        CAUNOI_ASSIGN(auto t, (app.desk.*fn)(*r.actor, r.Param("id")));
        if (web)
            return Response::Redirect("/desk?did=" + std::string(desk::kTicketStatuses.Name(t.status)) +
                                      "&n=" + std::to_string(t.number));
        return TicketJson(t);
    };
}

// What the last action did, as the officer reads it: "Number 12 is being served."
std::string DoneMessage(App& app, const Request& r, const std::string& did, const std::string& number) {
    const char* id = did == "called"    ? N_("Called number {n}: ask them to come to the desk.")
                     : did == "serving" ? N_("Serving number {n}.")
                     : did == "closed"  ? N_("Number {n} is closed.")
                     : did == "no_show" ? N_("Number {n} did not come: marked as not here.")
                                        : nullptr;
    if (!id || number.empty() || number.find_first_not_of("0123456789") != std::string::npos) return "";
    std::string out = app.Tr(r, id);
    text::ReplaceAll(out, "{n}", number);
    return out;
}

// The desk page; `call_error` is a refused "call next" shown next to its button, with the desk
// name the officer typed.
Result<Response> DeskPage(App& app, Request& r, const Error* call_error = nullptr, const std::string& desk_name = "") {
    CAUNOI_ASSIGN(auto queue, app.desk.Queue(*r.actor));
    CAUNOI_ASSIGN(auto stats, app.desk.Figures(*r.actor, 30));
    CAUNOI_ASSIGN(auto commune, desk::DeskCommune(*r.actor));
    Data d = Obj({{"commune_id", commune},
                  {"avg_wait", std::to_string(stats.avg_wait_seconds / 60)},
                  {"avg_serve", std::to_string(stats.avg_serve_seconds / 60)},
                  {"served", std::to_string(stats.served)},
                  {"returns", std::to_string(stats.returns)},
                  {"tickets_30d", std::to_string(stats.tickets)}});
    Data waiting = List(), active = List(), needs = List();
    size_t waiting_count = 0;
    for (const auto& t : queue) {
        if (t.status == desk::TicketStatus::kWaiting) ++waiting_count;
        Data x = Obj({{"id", t.id},
                      {"number", std::to_string(t.number)},
                      {"need", app.Tr(r, MsgidOf(desk::kNeeds, t.need))},
                      {"desk", t.desk}});
        x.set("serving", t.status == desk::TicketStatus::kServing);
        x.set("household_id", Str(t.household_id));
        (t.status == desk::TicketStatus::kWaiting ? waiting : active).push_back(x);
    }
    for (const auto& n : desk::kNeeds)
        needs.push_back(Obj({{"value", std::string(n.key)}, {"label", app.Tr(r, n.msgid)}}));
    d.set("waiting", waiting);
    d.set("waiting_count", std::to_string(waiting_count));
    d.set("active", active);
    d.set("needs", needs);
    d.set("issued", Str(r.Query("issued")));
    d.set("done", Str(DoneMessage(app, r, r.Query("did"), r.Query("n"))));
    // Back from recording the help for a ticket: that ticket is ready to close.
    for (const auto& t : queue)
        if (t.id == r.Query("recorded") && t.status == desk::TicketStatus::kServing)
            d.set("recorded", Obj({{"id", t.id}, {"number", std::to_string(t.number)}}));
    if (call_error) d.set("call_error", app.Tr(r, call_error->title_id));
    d.set("desk_name", desk_name.empty() ? app.Tr(r, N_("Desk 1")) : desk_name);
    return app.views->Page(app, r, "desk", d, N_("One-stop desk"), call_error ? 422 : 200);
}

Result<Response> Display(App& app, Request& r) {
    CAUNOI_ASSIGN(auto open, app.desk.Display(r.Param("commune")));
    Data called = List();
    int waiting = 0;
    std::string next;
    for (const auto& t : open) {
        if (t.status == desk::TicketStatus::kWaiting) {
            if (++waiting <= 5) next += (next.empty() ? "" : " · ") + std::to_string(t.number);
        } else {
            called.push_back(Obj({{"number", std::to_string(t.number)}, {"desk", t.desk}}));
        }
    }
    Data d = Obj({{"waiting", std::to_string(waiting)}, {"next", next}, {"commune_id", r.Param("commune")}});
    d.set("called", called);
    d.set("none_called", called.is_empty_list());
    d.set("refresh", "5");  // the page reloads itself; it is tiny and has no assets
    d.set("bare", true);    // a screen for the room: no staff menu, no name, even in an officer's browser
    return app.views->Page(app, r, "display", d, N_("Queue"));
}

// For a ticket being served whose person is not known yet: find them (name, phone, ID-card
// number), then record the help bound to the ticket; or register a walk-in who is not in the
// registry yet (`sent`, `refused`: that form refused, shown again with its values).
Result<Response> FindForTicket(App& app, Request& r, const Fields* sent = nullptr, const Error* refused = nullptr) {
    CAUNOI_ASSIGN(auto ticket, app.desk.Get(*r.actor, r.Param("id")));
    auto value = [&](const std::string& k) { return sent && sent->Has(k) ? sent->all().at(k) : std::string(); };
    Data d = Obj({{"ticket", ticket.id},
                  {"v_name", value("name")},
                  {"v_birth_year", value("birth_year")},
                  {"v_phone", value("phone")},
                  {"v_consent", value("consent")}});
    CAUNOI_TRY(web::AddPeople(app, r, r.Query("q"), "", ticket.id, d));
    CAUNOI_ASSIGN(auto villages, app.areas.Children(*r.actor, ticket.commune_id));
    Data vs = List();
    for (const auto& v : villages) {
        Data x = Obj({{"id", v.id}, {"name", v.name}});
        x.set("selected", v.id == value("village_id"));
        vs.push_back(x);
    }
    d.set("villages", vs);
    if (refused) web::SetFormError(app, r, *refused, d);
    return app.views->Page(app, r, "desk_find", d, N_("Find the person"), refused ? 422 : 200);
}

// A walk-in registered at the desk: a household named after them with them as its first person,
// both under the consent just read to them, in one transaction; then the help for the ticket.
Result<Response> RegisterWalkIn(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto ticket, app.desk.Get(*r.actor, r.Param("id")));
    auto value = [&](const char* k) { return f.Has(k) ? f.all().at(k) : std::string(); };
    Fields household({{"village_id", value("village_id")},
                      {"name", value("name")},
                      {"consent", value("consent")},
                      {"consent_purposes", value("consent_purposes")}});
    Fields person(
        {{"full_name", value("name")}, {"consent", value("consent")}, {"consent_purposes", value("consent_purposes")}});
    if (!value("birth_year").empty()) person.Set("birth_year", value("birth_year"));
    if (!value("phone").empty()) person.Set("phone", value("phone"));
    auto created = app.registry.CreateHouseholdWithPerson(*r.actor, household, person);
    if (!created.ok()) {
        Error e = created.error();
        if (e.field == "full_name") e.field = "name";
        if (!web::IsFormError(e)) return e;
        return FindForTicket(app, r, &f, &e);
    }
    return Response::Redirect("/households/" + created->id + "/visit?ticket=" + ticket.id);
}

}  // namespace

void AddDeskRoutes(std::vector<Route>& rt) {
    const auto O = Role::kCommuneOfficer;
    rt.push_back({"POST", "/api/v1/desk/tickets", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto t, app.desk.Issue(*r.actor, f));
                      return TicketJson(t, 201);
                  }});
    rt.push_back({"POST", "/api/v1/desk/call", O, [](App& app, Request& r) -> Result<Response> {
                      Fields f;
                      if (!r.body.empty()) {
                          CAUNOI_ASSIGN(f, ReadFields(r));
                      }
                      CAUNOI_ASSIGN(auto t, app.desk.CallNext(*r.actor, f));
                      return TicketJson(t);
                  }});
    rt.push_back(
        {"GET", "/api/v1/desk/queue", O, [](App& app, Request& r) -> Result<Response> {
             CAUNOI_ASSIGN(auto q, app.desk.Queue(*r.actor));
             json::array items;
             for (const auto& t : q) items.push_back(TicketObj(t));
             return Response::Json(200, json::serialize(json::object{{"items", items}, {"next_cursor", nullptr}}));
         }});
    rt.push_back({"GET", "/api/v1/desk/stats", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(int64_t days, r.IntQuery("days", INT32_MIN, INT32_MAX, 30));
                      CAUNOI_ASSIGN(auto s, app.desk.Figures(*r.actor, static_cast<int>(days)));
                      return Response::Json(200,
                                            json::serialize(json::object{{"tickets", s.tickets},
                                                                         {"served", s.served},
                                                                         {"waiting_now", s.waiting_now},
                                                                         {"avg_wait_seconds", s.avg_wait_seconds},
                                                                         {"avg_serve_seconds", s.avg_serve_seconds},
                                                                         {"returns_30d", s.returns}}));
                  }});
    rt.push_back({"POST", "/api/v1/desk/tickets/{id}/serve", O, Act(&desk::DeskService::Serve, false)});
    rt.push_back({"POST", "/api/v1/desk/tickets/{id}/close", O, Act(&desk::DeskService::Close, false)});
    rt.push_back({"POST", "/api/v1/desk/tickets/{id}/no-show", O, Act(&desk::DeskService::NoShow, false)});

    rt.push_back({"GET", "/desk", O, [](App& app, Request& r) { return DeskPage(app, r); }});
    rt.push_back({"POST", "/desk/tickets", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto t, app.desk.Issue(*r.actor, f));
                      return Response::Redirect("/desk?issued=" + std::to_string(t.number));
                  }});
    rt.push_back({"POST", "/desk/call", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      auto t = app.desk.CallNext(*r.actor, f);
                      if (!t.ok() && t.error().code == ErrorCode::kNotFound)
                          return DeskPage(app, r, &t.error(), f.Has("desk") ? f.all().at("desk") : "");
                      if (!t.ok()) return t.error();
                      return Response::Redirect("/desk?did=called&n=" + std::to_string(t->number));
                  }});
    rt.push_back({"POST", "/desk/tickets/{id}/serve", O, Act(&desk::DeskService::Serve, true)});
    rt.push_back({"GET", "/desk/tickets/{id}/find", O, [](App& app, Request& r) { return FindForTicket(app, r); }});
    rt.push_back({"POST", "/desk/tickets/{id}/register", O, RegisterWalkIn});
    rt.push_back({"POST", "/desk/tickets/{id}/close", O, Act(&desk::DeskService::Close, true)});
    rt.push_back({"POST", "/desk/tickets/{id}/no-show", O, Act(&desk::DeskService::NoShow, true)});
    // For the TV in the commune centre: ticket numbers only, no login, no personal data.
    rt.push_back({"GET", "/desk/{commune}/display", std::nullopt, Display});
}

}  // namespace caunoi::http
