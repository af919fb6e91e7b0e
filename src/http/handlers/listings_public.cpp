// The public side of listings (docs/listings.md), no login: the catalog of a commune or a village
// with its map, a page per listing with its contact links and QR code, the photos, and the
// GeoJSON of the listings for public maps. Only approved listings are shown; a member of the area
// also sees the photos of listings not yet public (to check them before approving).
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/calendar.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "http/handlers/board.hpp"
#include "http/handlers/listings.hpp"
#include "http/handlers/web_common.hpp"
#include "http/json.hpp"
#include "http/qr_svg.hpp"
#include "listings/map.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

using listings::Listing;

ListingsModule& M(App& app) { return app.Get<ListingsModule>(); }

// A page seen or a contact link tapped by a visitor (members checking their own work are not
// counted). Counting never fails the page: a failure is logged and the visitor gets the page.
void Count(App& app, const Request& r, const Listing& l, bool contact) {
    if (r.actor) return;
    auto counted = M(app).store.Count(l, LocalDayOf(app.clock.NowSeconds()), contact);
    if (!counted.ok()) log::Error("listing " + l.id + ": not counted: " + counted.error().detail);
}

// The listings' marks and the villages' dots for listings::MapSvg.
std::string Map(const std::vector<Listing>& ls, const std::vector<listings::Village>& villages) {
    std::vector<listings::MapPoint> vs, marks;
    for (const auto& v : villages) vs.push_back({v.lat, v.lon, v.name, "", "", v.id, false});
    for (const auto& l : ls)
        marks.push_back({l.lat, l.lon, l.name, "/l/" + l.id, l.village_id, "", l.kind == listings::Kind::kPlace});
    return listings::MapSvg(vs, marks);
}

// A catalog page shows at most this many listings (14 KB on the wire with its map); a commune with
// more says so and leads to its villages' pages.
constexpr size_t kCatalogPage = 60;

Result<Response> Catalog(App& app, Request& r) {
    CAUNOI_ASSIGN(auto commune, CommuneById(app, r.Param("commune")));
    std::string path = commune.path, village_name;
    const bool one_village = r.params.count("village") > 0;
    CAUNOI_ASSIGN(auto villages, M(app).store.VillagesUnder(commune.path));
    if (one_village) {
        auto it = std::find_if(villages.begin(), villages.end(),
                               [&](const listings::Village& v) { return v.id == r.Param("village"); });
        if (it == villages.end()) return Error::NotFound("no such village");
        path = it->path;
        village_name = it->name;
        villages = {*it};
    }
    CAUNOI_ASSIGN(auto ls, M(app).store.Public(path, kCatalogPage + 1));
    const bool more = ls.size() > kCatalogPage;
    if (more) ls.pop_back();
    Data products = List(), places = List();
    for (const auto& l : ls) (l.kind == listings::Kind::kPlace ? places : products).push_back(ListingData(app, r, l));
    Data d = Obj({{"commune", commune.name}, {"commune_id", commune.id}});
    d.set("village", Str(village_name));
    d.set("products", products);
    d.set("places", places);
    d.set("any_products", !products.is_empty_list());
    d.set("any_places", !places.is_empty_list());
    d.set("none", ls.empty());
    d.set("more", more && !one_village);
    d.set("map", Str(Map(ls, villages)));
    Data vlist = List();
    if (!one_village)
        for (const auto& v : villages) vlist.push_back(Obj({{"id", v.id}, {"name", v.name}}));
    d.set("villages", vlist);
    d.set("any_villages", !one_village && villages.size() > 1);
    d.set("propose", !one_village);
    return app.views->Page(app, r, "products", d, N_("Local products and places"));
}

Result<Response> Index(App& app, Request& r) {
    CAUNOI_ASSIGN(auto counts, M(app).store.CommunesWithListings());
    Data list = List();
    for (const auto& c : counts)
        list.push_back(Obj({{"id", c.id}, {"name", c.name}, {"count", std::to_string(c.count)}}));
    Data d;
    d.set("communes", list);
    d.set("none", counts.empty());
    return app.views->Page(app, r, "products_index", d, N_("Local products and places"));
}

Result<Response> ListingPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto l, M(app).store.FindPublic(r.Param("id")));
    Count(app, r, l, false);
    Data d = ListingData(app, r, l);
    d.set("url", web::BaseUrl(app, r) + "/l/" + l.id);
    d.set("catalog", "/products/" + l.commune_id + "/" + l.village_id);
    // Where it is: the commune's villages and this listing (its own point, else its village's).
    CAUNOI_ASSIGN(auto commune, CommuneById(app, l.commune_id));
    CAUNOI_ASSIGN(auto villages, M(app).store.VillagesUnder(commune.path));
    d.set("map", Str(Map({l}, villages)));
    return app.views->Page(app, r, "product", d, N_("Local product"));
}

Result<Response> Qr(App& app, Request& r) {
    CAUNOI_ASSIGN(auto l, M(app).store.FindPublic(r.Param("id")));
    CAUNOI_ASSIGN(auto svg, QrSvg(web::BaseUrl(app, r) + "/l/" + l.id));
    Response resp;
    resp.content_type = "image/svg+xml";
    resp.body = std::move(svg);
    resp.headers.emplace_back("Cache-Control", app.config().public_url.empty() ? "no-cache" : "public, max-age=86400");
    return resp;
}

// Call, SMS or Zalo: counted, then on to the phone's own app.
Result<Response> Contact(App& app, Request& r) {
    CAUNOI_ASSIGN(auto l, M(app).store.FindPublic(r.Param("id")));
    const std::string how = r.Param("how");
    std::string to;
    if (how == "call") to = "tel:" + l.contact_phone;
    if (how == "sms") to = "sms:" + l.contact_phone;
    if (how == "zalo") to = "https://zalo.me/" + l.contact_phone;
    if (to.empty()) return Error::NotFound("no such contact link");
    Count(app, r, l, true);
    Response resp = Response::Redirect(to);
    resp.status = 302;
    resp.headers.emplace_back("Cache-Control", "no-store");
    return resp;
}

Result<Response> Photo(App& app, Request& r) {
    const std::string file = r.Param("file");
    const bool thumb = file.rfind("thumb.", 0) == 0, large = file.rfind("large.", 0) == 0;
    const std::string ext = file.substr(file.find('.') + 1);
    if ((!thumb && !large) || (ext != "webp" && ext != "jpg")) return Error::NotFound("no such photo file");
    CAUNOI_ASSIGN(auto p, M(app).store.PhotoOf(r.Param("photo"), thumb, ext == "webp"));
    const bool open = p.listing_status == "approved";
    if (!open && !(r.actor && r.actor->scope.Contains(p.area_path))) return Error::NotFound("no such photo");
    Response resp;
    resp.content_type = ext == "webp" ? "image/webp" : "image/jpeg";
    resp.body = std::move(p.bytes);
    // A photo's id never names other bytes: public ones are kept by browsers and proxies for a year.
    resp.headers.emplace_back("Cache-Control", open ? "public, max-age=31536000, immutable" : "private, no-store");
    return resp;
}

// The owner's page: their listing's state and what they may do to it, without an account.
Result<Listing> OwnedListing(App& app, const Request& r) {
    const std::string id = r.Param("id");
    if (!crypto::Equal(r.Param("token"), OwnerToken(app, id))) return Error::NotFound("no such owner link");
    return M(app).store.Find(Reader().scope, id);
}

Actor OwnerActor(const Listing& l) {
    Actor a;
    a.user_id = "owner";
    a.display_name = l.owner_name;
    a.area_path = l.area_path;
    a.scope.paths = {l.area_path};
    return a;
}

Result<Response> OwnerPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto l, OwnedListing(app, r));
    using listings::State;
    Data d = ListingData(app, r, l);
    d.set("may_pause", l.status == State::kApproved || l.status == State::kPending);
    d.set("may_resume", l.status == State::kPaused);
    d.set("may_withdraw", l.status != State::kWithdrawn);
    d.set("may_restore", l.status == State::kWithdrawn);
    d.set("token", r.Param("token"));
    d.set("address", web::BaseUrl(app, r) + "/l/" + l.id + "/owner/" + r.Param("token"));
    d.set("done", Str(r.Query("done")));
    d.set("created", r.Query("created") == "1");
    return app.views->Page(app, r, "product_owner", d, N_("Your listing"));
}

Result<Response> OwnerChange(App& app, Request& r) {
    CAUNOI_ASSIGN(auto l, OwnedListing(app, r));
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const std::string action = form.Has("action") ? form.all().at("action") : "";
    CAUNOI_ASSIGN(auto changed, M(app).service.Change(OwnerActor(l), l.id, action));
    (void)changed;
    return Response::Redirect(r.path + "?done=1");
}

// An owner's own proposal, from the commune's public page: the same form and checks as a member's,
// their own consent, at most kProposalsPerDay from one address; then their owner page.
constexpr int kProposalsPerDay = 5;

ListingForm OwnerForm(const BoardCommune& c) { return {"/products/" + c.id + "/new", "", Scope{{c.path}}, true}; }

Result<Response> Propose(App& app, Request& r) {
    CAUNOI_ASSIGN(auto commune, CommuneById(app, r.Param("commune")));
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    form.Set("household_id", "");  // an owner names no household: the registry is not theirs to read
    if (form.Has("action") && form.all().at("action") == "compose")
        return ComposeListing(app, r, OwnerForm(commune), form);
    auto& limits = M(app).graph.rate_limit_store;
    const std::string key = "listing-proposal:" + r.remote_addr;
    const int64_t now = app.clock.NowSeconds();
    CAUNOI_ASSIGN(auto wait, limits.WaitFor(key, kProposalsPerDay, 86400, now));
    if (wait > 0) {
        Error e{ErrorCode::kTooManyRequests,
                N_("Too many listings were sent from here today: ask your team member"),
                "proposal limit",
                {}};
        e.retry_after = static_cast<int>(wait);
        return e;
    }
    Actor owner = Reader(commune.path);
    owner.user_id = "owner";
    owner.area_path = commune.path;
    owner.remote_addr = r.remote_addr;
    auto made = M(app).service.Create(owner, "", form.Has("village_id") ? form.all().at("village_id") : "", form);
    if (!made.ok()) {
        if (!web::IsFormError(made.error())) return made.error();
        return ListingFormPage(app, r, OwnerForm(commune), form, &made.error());
    }
    CAUNOI_TRY(limits.Hit(key, 86400, now));
    return Response::Redirect("/l/" + made->id + "/owner/" + OwnerToken(app, made->id) + "?created=1");
}

// RFC 7946: a FeatureCollection of points (longitude first), each listing at its own point or its
// village's.
Result<Response> GeoJson(App& app, Request& r) {
    CAUNOI_ASSIGN(auto commune, CommuneById(app, r.Param("id")));
    CAUNOI_ASSIGN(auto ls, M(app).store.Public(commune.path, 1000));
    CAUNOI_ASSIGN(auto villages, M(app).store.VillagesUnder(commune.path));
    std::map<std::string, const listings::Village*> by_id;
    for (const auto& v : villages) by_id[v.id] = &v;
    const std::string base = web::BaseUrl(app, r);
    json::array features;
    for (const auto& l : ls) {
        auto lat = l.lat, lon = l.lon;
        if (!lat || !lon) {
            auto it = by_id.find(l.village_id);
            if (it == by_id.end() || !it->second->lat || !it->second->lon) continue;
            lat = it->second->lat, lon = it->second->lon;
        }
        features.push_back(
            json::object{{"type", "Feature"},
                         {"geometry", json::object{{"type", "Point"}, {"coordinates", json::array{*lon, *lat}}}},
                         {"properties", json::object{{"id", l.id},
                                                     {"name", l.name},
                                                     {"kind", listings::kKinds.Name(l.kind)},
                                                     {"category", l.category},
                                                     {"village", l.village_name},
                                                     {"price", l.price},
                                                     {"url", base + "/l/" + l.id},
                                                     {"own_point", l.lat && l.lon}}}});
    }
    Response resp =
        Response::Json(200, json::serialize(json::object{{"type", "FeatureCollection"}, {"features", features}}));
    resp.content_type = "application/geo+json";
    return resp;
}

}  // namespace

void AddListingPublic(std::vector<Route>& rt) {
    rt.push_back({"GET", "/products", std::nullopt, Index});
    rt.push_back({"GET", "/products/{commune}", std::nullopt, Catalog});
    rt.push_back({"GET", "/products/{commune}/{village}", std::nullopt, Catalog});
    rt.push_back({"GET", "/products/{commune}/new", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto commune, CommuneById(app, r.Param("commune")));
                      return ListingFormPage(app, r, OwnerForm(commune), Fields(), nullptr);
                  }});
    rt.push_back({"POST", "/products/{commune}/new", std::nullopt, Propose});
    rt.push_back({"GET", "/l/{id}", std::nullopt, ListingPage});
    rt.push_back({"GET", "/l/{id}/qr.svg", std::nullopt, Qr});
    rt.push_back({"GET", "/l/{id}/owner/{token}", std::nullopt, OwnerPage});
    rt.push_back({"POST", "/l/{id}/owner/{token}", std::nullopt, OwnerChange});
    rt.push_back({"GET", "/l/{id}/owner/{token}/qr.svg", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto l, OwnedListing(app, r));
                      CAUNOI_ASSIGN(auto svg,
                                    QrSvg(web::BaseUrl(app, r) + "/l/" + l.id + "/owner/" + r.Param("token")));
                      Response resp;
                      resp.content_type = "image/svg+xml";
                      resp.body = std::move(svg);
                      resp.headers.emplace_back("Cache-Control", "no-store");
                      return resp;
                  }});
    rt.push_back({"GET", "/l/{id}/contact/{how}", std::nullopt, Contact});
    rt.push_back({"GET", "/listing-photos/{photo}/{file}", std::nullopt, Photo});
    rt.push_back({"GET", "/api/v1/communes/{id}/listings.geojson", std::nullopt, GeoJson});
}

}  // namespace caunoi::http
