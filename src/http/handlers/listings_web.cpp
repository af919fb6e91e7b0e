// Listings' pages for members and leaders (docs/listings.md): the area's listings, the form with
// the description helper, a listing's page (photo, approval, pause, withdraw), and the figures.
#include <algorithm>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "http/handlers/listings.hpp"
#include "http/handlers/web_common.hpp"
#include "listings/description.hpp"

namespace caunoi::http {
namespace {

using listings::Listing;

ListingsModule& M(App& app) { return app.Get<ListingsModule>(); }

std::string Value(const Fields& f, const std::string& k) { return f.all().count(k) ? f.all().at(k) : ""; }

// The form's values as they were sent (or as stored, to edit).
Fields FieldsOf(const Listing& l) {
    Fields f;
    f.Set("category", l.category);
    f.Set("ocop_stars", l.ocop_stars ? std::to_string(l.ocop_stars) : "");
    const std::pair<const char*, const std::string*> texts[] = {{"name", &l.name},
                                                                {"description", &l.description},
                                                                {"description_en", &l.description_en},
                                                                {"household_id", &l.household_id},
                                                                {"owner_name", &l.owner_name},
                                                                {"contact_phone", &l.contact_phone},
                                                                {"unit", &l.unit},
                                                                {"quantity", &l.quantity},
                                                                {"pickup", &l.pickup},
                                                                {"directions", &l.directions}};
    for (const auto& [k, v] : texts) f.Set(k, *v);
    f.Set("price", std::to_string(l.price));
    if (l.price_max) f.Set("price_max", std::to_string(l.price_max));
    if (l.capacity) f.Set("capacity", std::to_string(l.capacity));
    if (l.lat) f.Set("lat", std::to_string(*l.lat));
    if (l.lon) f.Set("lon", std::to_string(*l.lon));
    for (int m : listings::MonthList(l.months)) f.Set("month_" + std::to_string(m), "1");
    if (l.show_place) f.Set("show_place", "1");
    return f;
}

}  // namespace

Result<Response> ListingFormPage(App& app, Request& r, const ListingForm& form, const Fields& sent,
                                 const Error* refused) {
    const std::string& id = form.id;
    Data d;
    d.set("action", form.action);
    d.set("editing", !id.empty());
    d.set("owner_form", form.owner);
    for (const auto& [k, v] : sent.all()) {
        std::string key = k;
        std::replace(key.begin(), key.end(), '.', '_');
        d.set("v_" + key, Str(v));
    }
    const std::string category = Value(sent, "category");
    Data products = List(), places = List();
    for (size_t i = 0; i < std::size(listings::kCategories); ++i) {
        const auto& c = listings::kCategories[i];
        Data o = Obj({{"key", std::string(c.key)}, {"label", app.Tr(r, c.msgid)}});
        o.set("selected", category == c.key);
        (i < listings::kFirstPlaceCategory ? products : places).push_back(o);
    }
    d.set("products", products);
    d.set("places", places);
    Data stars = List();
    for (int s = 3; s <= 5; ++s) {
        Data o = Obj({{"n", std::to_string(s)}});
        o.set("selected", Value(sent, "ocop_stars") == std::to_string(s));
        stars.push_back(o);
    }
    d.set("stars", stars);
    Data vs = List();
    if (id.empty()) {
        std::vector<listings::Village> in_scope;
        for (const auto& path : form.villages.paths) {
            CAUNOI_ASSIGN(auto some, M(app).store.VillagesUnder(path));
            in_scope.insert(in_scope.end(), some.begin(), some.end());
        }
        const std::string chosen = Value(sent, "village_id");
        for (const auto& v : in_scope) {
            Data o = Obj({{"id", v.id}, {"name", v.name}});
            o.set("selected", chosen == v.id || (chosen.empty() && in_scope.size() == 1));
            vs.push_back(o);
        }
        d.set("choose_village", true);
    }
    d.set("villages", vs);
    Data months = List();
    for (int m = 1; m <= 12; ++m) {
        Data o = Obj({{"n", std::to_string(m)}});
        o.set("checked", !Value(sent, "month_" + std::to_string(m)).empty());
        months.push_back(o);
    }
    d.set("months", months);
    Data questions = List();
    for (const auto& q : listings::kHelperQuestions) {
        const std::string key = q.key;
        Data o = Obj({{"key", key}, {"value", Value(sent, key)}, {"label", app.Tr(r, q.question_msgid)}});
        o.set("error", Str(refused && refused->field == key ? app.Tr(r, refused->title_id) : ""));
        questions.push_back(o);
    }
    d.set("questions", questions);
    // The same questions answered in English (optional) make the English description.
    Data questions_en = List();
    for (const auto& q : listings::kHelperQuestions) {
        const std::string key = std::string(q.key) + "_en";
        Data o = Obj({{"key", key}, {"value", Value(sent, key)}, {"label", q.question_msgid}});
        o.set("error", Str(refused && refused->field == key ? app.Tr(r, refused->title_id) : ""));
        questions_en.push_back(o);
    }
    d.set("questions_en", questions_en);
    d.set("show_place_checked", !Value(sent, "show_place").empty());
    d.set("composed", r.Query("composed") == "1" || Value(sent, "action") == "compose");
    if (refused) {
        web::SetFormError(app, r, *refused, d);
        d.set("error_field", Str(refused->field));
    }
    return app.views->Page(app, r, "listing_form", d, id.empty() ? N_("New listing") : N_("Edit the listing"),
                           refused ? 422 : 200);
}

// The helper's answers in Vietnamese (and English), the form back with everything kept.
Result<Response> ComposeListing(App& app, Request& r, const ListingForm& page, Fields form) {
    auto vi = listings::ComposeDescription(form, "", [&](const char* m) { return app.catalogs_.Translate("vi", m); });
    if (!vi.ok()) return ListingFormPage(app, r, page, form, &vi.error());
    auto en = listings::ComposeDescription(form, "_en", [&](const char* m) { return std::string(m); });
    if (!en.ok()) return ListingFormPage(app, r, page, form, &en.error());
    if (vi->empty()) {
        Error e = Error::Invalid("help_what", "nothing answered", N_("Answer at least the first question"));
        return ListingFormPage(app, r, page, form, &e);
    }
    form.Set("description", *vi);
    if (!en->empty()) form.Set("description_en", *en);
    form.Set("action", "compose");
    return ListingFormPage(app, r, page, form, nullptr);
}

namespace {

ListingForm MemberForm(const Request& r, const std::string& id) {
    return {id.empty() ? "/listings/new" : "/listings/" + id + "/edit", id, r.actor->scope, false};
}
Result<Response> FormPage(App& app, Request& r, const std::string& id, const Fields& sent, const Error* refused) {
    return ListingFormPage(app, r, MemberForm(r, id), sent, refused);
}

Result<Response> Create(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    if (Value(form, "action") == "compose") return ComposeListing(app, r, MemberForm(r, ""), form);
    auto made = M(app).service.Create(*r.actor, "", Value(form, "village_id"), form);
    if (!made.ok()) {
        if (!web::IsFormError(made.error())) return made.error();
        return FormPage(app, r, "", form, &made.error());
    }
    return Response::Redirect("/listings/" + made->id + "?saved=1");
}

Result<Response> Edit(App& app, Request& r) {
    const std::string id = r.Param("id");
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    if (Value(form, "action") == "compose") return ComposeListing(app, r, MemberForm(r, id), form);
    auto saved = M(app).service.Edit(*r.actor, id, form);
    if (!saved.ok()) {
        if (!web::IsFormError(saved.error())) return saved.error();
        return FormPage(app, r, id, form, &saved.error());
    }
    return Response::Redirect("/listings/" + id + "?saved=1");
}

Result<Response> ListPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto all, M(app).service.List(*r.actor, "", std::nullopt));
    Data waiting = List(), others = List(), sent_back = List();
    bool any_waiting = false, any = false;
    for (const auto& l : all) {
        if (l.status == listings::State::kPending) {
            waiting.push_back(ListingData(app, r, l));
            any_waiting = true;
        } else if (l.status == listings::State::kRejected) {
            sent_back.push_back(ListingData(app, r, l));
        } else {
            others.push_back(ListingData(app, r, l));
            any = true;
        }
    }
    Data d;
    d.set("waiting", waiting);
    d.set("any_waiting", any_waiting);
    d.set("any_sent_back", !sent_back.is_empty_list());
    d.set("sent_back", sent_back);
    d.set("others", others);
    d.set("any_others", any);
    d.set("none", all.empty());
    d.set("leader", r.actor->AtLeast(Role::kTeamLeader));
    Data platforms = List();
    for (const auto& p : M(app).platforms) platforms.push_back(Obj({{"key", p.key}, {"name", p.name}}));
    d.set("platforms", platforms);
    d.set("commune_id", CommuneIdOf(r.actor->area_path));
    return app.views->Page(app, r, "listings", d, N_("Products and places"));
}

Result<Response> ListingPage(App& app, Request& r, const Error* refused, const std::string& form) {
    CAUNOI_ASSIGN(auto l, M(app).service.Get(*r.actor, r.Param("id")));
    Data d = ListingData(app, r, l);
    const auto s = l.status;
    using listings::State;
    d.set("may_decide", s == State::kPending && r.actor->AtLeast(Role::kTeamLeader));
    d.set("may_pause", s == State::kApproved || s == State::kPending);
    d.set("may_resume", s == State::kPaused);
    d.set("may_withdraw", s != State::kWithdrawn);
    d.set("may_restore", s == State::kWithdrawn);
    d.set("may_edit", s != State::kWithdrawn);
    d.set("public_url", web::BaseUrl(app, r) + "/l/" + l.id);
    const std::string owner_path = "/l/" + l.id + "/owner/" + OwnerToken(app, l.id);
    d.set("owner_url", owner_path);
    d.set("owner_full_url", web::BaseUrl(app, r) + owner_path);
    for (const char* k : {"saved", "approved", "rejected", "paused", "resumed", "withdrawn", "restored", "photo"})
        d.set(std::string("done_") + k, r.Query("done") == k || (std::string(k) == "saved" && r.Query("saved") == "1"));
    d.set("rejected_state", s == State::kRejected);
    if (refused) {
        web::SetFormError(app, r, *refused, d);
        d.set("form_" + form, true);
    }
    return app.views->Page(app, r, "listing", d, N_("Listing"), refused ? 422 : 200);
}

Result<Response> Decide(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const bool approve = Value(form, "decision") == "approve";
    auto done = M(app).service.Decide(*r.actor, r.Param("id"), approve, text::Trim(Value(form, "reason")));
    if (!done.ok()) {
        if (!web::IsFormError(done.error())) return done.error();
        return ListingPage(app, r, &done.error(), "decide");
    }
    return Response::Redirect("/listings/" + r.Param("id") + "?done=" + (approve ? "approved" : "rejected"));
}

Result<Response> ChangeStatus(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const std::string action = Value(form, "action");
    auto done = M(app).service.Change(*r.actor, r.Param("id"), action);
    if (!done.ok()) {
        if (!web::IsFormError(done.error())) return done.error();
        return ListingPage(app, r, &done.error(), "status");
    }
    static const std::map<std::string, std::string> kDone = {
        {"pause", "paused"}, {"resume", "resumed"}, {"withdraw", "withdrawn"}, {"restore", "restored"}};
    return Response::Redirect("/listings/" + r.Param("id") + "?done=" + kDone.at(action));
}

Result<Response> FiguresPage(App& app, Request& r) {
    const int64_t today = LocalDayOf(app.clock.NowSeconds());
    CAUNOI_ASSIGN(auto days, r.IntQuery("days", 1, 3650, 30));
    CAUNOI_ASSIGN(auto rows, M(app).store.FiguresOf(r.actor->scope, "", today - days + 1));
    Data list = List();
    int64_t views = 0, contacts = 0, products = 0, places = 0;
    for (const auto& f : rows) {
        list.push_back(Obj({{"village", f.village_name},
                            {"products", std::to_string(f.products)},
                            {"places", std::to_string(f.places)},
                            {"pending", std::to_string(f.pending)},
                            {"views", std::to_string(f.views)},
                            {"contacts", std::to_string(f.contacts)}}));
        views += f.views, contacts += f.contacts, products += f.products, places += f.places;
    }
    Data d = Obj({{"days", std::to_string(days)},
                  {"views", std::to_string(views)},
                  {"contacts", std::to_string(contacts)},
                  {"products", std::to_string(products)},
                  {"places", std::to_string(places)}});
    d.set("rows", list);
    d.set("any", !rows.empty());
    return app.views->Page(app, r, "listing_figures", d, N_("Listing figures"));
}

}  // namespace

void AddListingPages(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, L = Role::kTeamLeader;
    rt.push_back({"GET", "/listings", Mb, ListPage});
    rt.push_back({"GET", "/listings/new", Mb, [](App& app, Request& r) {
                      Fields f;
                      if (!r.Query("household").empty()) f.Set("household_id", r.Query("household"));
                      return FormPage(app, r, "", f, nullptr);
                  }});
    rt.push_back({"POST", "/listings/new", Mb, Create});
    rt.push_back({"GET", "/listings/figures", Mb, FiguresPage});
    rt.push_back({"GET", "/listings/{id}", Mb, [](App& app, Request& r) { return ListingPage(app, r, nullptr, ""); }});
    rt.push_back({"GET", "/listings/{id}/edit", Mb, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto l, M(app).service.Get(*r.actor, r.Param("id")));
                      return FormPage(app, r, l.id, FieldsOf(l), nullptr);
                  }});
    rt.push_back({"POST", "/listings/{id}/edit", Mb, Edit});
    rt.push_back({"POST", "/listings/{id}/decide", L, Decide});
    rt.push_back({"POST", "/listings/{id}/status", Mb, ChangeStatus});
}

}  // namespace caunoi::http
