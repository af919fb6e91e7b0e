// /api/v1/listings (docs/api.md "Listings"): listings as JSON, photos uploaded in pieces (the field
// app resumes after a lost signal; the photo is made once, however often the last piece is sent),
// and the CSV export of approved listings for a platform.
#include <boost/json.hpp>
#include <memory>

#include "core/ulid.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/listings.hpp"
#include "http/handlers/web_common.hpp"
#include "http/json.hpp"
#include "listings/photo.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;
using listings::Listing;

ListingsModule& M(App& app) { return app.Get<ListingsModule>(); }

json::object ListingJson(const Listing& l) {
    json::array months;
    for (int m : listings::MonthList(l.months)) months.push_back(m);
    return json::object{{"id", l.id},
                        {"kind", listings::kKinds.Name(l.kind)},
                        {"category", l.category},
                        {"ocop_stars", l.ocop_stars},
                        {"name", l.name},
                        {"description", l.description},
                        {"description_en", l.description_en},
                        {"village_id", l.village_id},
                        {"village", l.village_name},
                        {"commune_id", l.commune_id},
                        {"household_id", OptS(l.household_id)},
                        {"owner_name", l.owner_name},
                        {"contact_phone", l.contact_phone},
                        {"price", l.price},
                        {"price_max", l.price_max},
                        {"unit", l.unit},
                        {"months", months},
                        {"quantity", l.quantity},
                        {"pickup", l.pickup},
                        {"capacity", l.capacity},
                        {"directions", l.directions},
                        {"lat", Opt(l.lat)},
                        {"lon", Opt(l.lon)},
                        {"show_place", l.show_place},
                        {"status", listings::kStatuses.Name(l.status)},
                        {"reject_reason", l.reject_reason},
                        {"photo_id", OptS(l.photo_id)},
                        {"updated_at", l.updated_at}};
}

Result<Response> Create(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    const std::string id = f.Has("id") ? f.all().at("id") : "";
    const std::string village = f.Has("village_id") ? f.all().at("village_id") : "";
    CAUNOI_ASSIGN(auto l, M(app).service.Create(*r.actor, id, village, f));
    return JsonResponse(ListingJson(l), 201);
}

Result<Response> ListAll(App& app, Request& r) {
    std::optional<listings::State> status;
    if (!r.Query("status").empty()) {
        status = listings::kStatuses.Parse(r.Query("status"));
        if (!status) return Error::Invalid("status", "unknown status");
    }
    CAUNOI_ASSIGN(auto ls, M(app).service.List(*r.actor, "", status));
    return JsonResponse(List(ls, ListingJson, ""));
}

json::object Progress(int64_t received, int64_t total, const std::string& photo) {
    return json::object{{"received", received}, {"total", total}, {"done", !photo.empty()}, {"photo_id", OptS(photo)}};
}

// PUT /api/v1/listings/{id}/photos/{upload}?offset=N&total=T, the body the bytes from N on. The
// upload's id (a ULID the phone makes) becomes the photo's. Pieces must come in order; a piece
// already received is acknowledged again (its answer may have been lost), a gap is a 409 that
// says where to resume.
Result<Response> PutPart(App& app, Request& r) {
    auto& m = M(app);
    CAUNOI_ASSIGN(auto l, m.service.Get(*r.actor, r.Param("id")));
    const std::string upload_id = r.Param("upload");
    if (!IsUlid(upload_id)) return Error::Invalid("upload", "not a ULID");
    const listings::PhotoLimits limits;
    CAUNOI_ASSIGN(auto total, r.IntQuery("total", 1, INT64_MAX, 0));
    CAUNOI_ASSIGN(auto offset, r.IntQuery("offset", 0, INT64_MAX, -1));
    if (offset < 0) return Error::Invalid("offset", "required");
    if (total == 0) return Error::Invalid("total", "required");
    CAUNOI_ASSIGN(auto exists, m.store.PhotoExists(upload_id));
    if (exists) return JsonResponse(Progress(total, total, upload_id));
    if (static_cast<size_t>(total) > limits.max_bytes)
        return Error{ErrorCode::kPayloadTooLarge, N_("The photo is too large: at most 12 MB"), "upload too large",
                     "photo"};
    auto up = m.store.FindUpload(l, upload_id);
    if (!up.ok() && up.error().code != ErrorCode::kNotFound) return up.error();
    storage::ListingStore::Upload u{upload_id, l.id, r.actor->user_id, total, 0};
    if (up.ok()) u = *up;
    if (u.total != total || u.listing_id != l.id) return Error::Conflict("another upload has this id");
    if (u.received < u.total) {
        if (offset < u.received) return JsonResponse(Progress(u.received, u.total, ""));
        if (offset > u.received) return JsonResponse(Progress(u.received, u.total, ""), 409);
        if (r.body.empty() || offset + static_cast<int64_t>(r.body.size()) > total)
            return Error::Invalid("photo", "piece empty or past the end");
        const int64_t now = app.clock.NowSeconds();
        CAUNOI_TRY(app.transactions.Atomically([&]() -> Status {
            if (!up.ok()) {
                CAUNOI_TRY(m.store.DropOtherUploads(l, upload_id));
                CAUNOI_TRY(m.store.StartUpload(l, u, now));
            }
            return m.store.AddPart(l, upload_id, offset, r.body);
        }));
        u.received += static_cast<int64_t>(r.body.size());
        if (u.received < u.total) return JsonResponse(Progress(u.received, u.total, ""));
    }
    // Whole now, or already (the answer to the last piece was lost while the photo was being
    // made): made (again) off the io thread (decoding a 12 MP photo takes a while); the photo is
    // stored once, whichever finishes first.
    CAUNOI_ASSIGN(auto bytes, m.store.Assemble(l, upload_id));
    struct State {
        std::string bytes;
        Result<listings::Photo> photo = Error::Internal("not processed");
    };
    auto st = std::make_shared<State>();
    st->bytes = std::move(bytes);
    const Actor actor = *r.actor;
    const std::string listing_id = l.id;
    return Response::Offload(
        [st] {
            st->photo = listings::ProcessPhoto(st->bytes);
            st->bytes.clear();
        },
        [&app, st, actor, listing_id, upload_id, total]() -> Result<Response> {
            auto& m = M(app);
            CAUNOI_ASSIGN(auto l, m.service.Get(actor, listing_id));
            if (!st->photo.ok()) {
                // Refused: the pieces go, so the member can send another photo with a new upload.
                CAUNOI_TRY(m.store.DropUpload(l, upload_id));
                return st->photo.error();
            }
            CAUNOI_ASSIGN(auto again, m.store.PhotoExists(upload_id));
            if (again) return JsonResponse(Progress(total, total, upload_id));
            Status saved = app.transactions.Atomically([&]() -> Status {
                CAUNOI_TRY(m.store.InsertPhoto(l, upload_id, *st->photo, actor.user_id, app.clock.NowSeconds()));
                CAUNOI_TRY(m.store.DropUpload(l, upload_id));
                return m.service.SetPhoto(actor, l.id, upload_id, st->photo->gps);
            });
            if (!saved.ok()) {
                // Another process stored it first: the same photo, once.
                if (saved.error().code != ErrorCode::kConflict) return saved.error();
                CAUNOI_ASSIGN(auto there, m.store.PhotoExists(upload_id));
                if (!there) return saved.error();
                return JsonResponse(Progress(total, total, upload_id));
            }
            return JsonResponse(Progress(total, total, upload_id), 201);
        });
}

Result<Response> GetUpload(App& app, Request& r) {
    auto& m = M(app);
    CAUNOI_ASSIGN(auto l, m.service.Get(*r.actor, r.Param("id")));
    const std::string upload_id = r.Param("upload");
    CAUNOI_ASSIGN(auto exists, m.store.PhotoExists(upload_id));
    if (exists) return JsonResponse(Progress(1, 1, upload_id));
    auto up = m.store.FindUpload(l, upload_id);
    if (!up.ok()) {
        if (up.error().code != ErrorCode::kNotFound) return up.error();
        return JsonResponse(Progress(0, 0, ""));
    }
    return JsonResponse(Progress(up->received, up->total, ""));
}

// The approved listings under the actor's area (or ?area=), as the platform's sheet.
Result<Response> Export(App& app, Request& r) {
    auto& m = M(app);
    const auto* p = listings::FindPlatform(m.platforms, r.Query("platform"));
    if (!p) return Error::Invalid("platform", "unknown platform", N_("Choose one of the platforms in the list"));
    std::string area = r.Query("area");
    if (!area.empty()) {
        auto a = app.areas.Get(*r.actor, area);
        if (!a.ok()) return a.error();
        area = a->path;
    }
    CAUNOI_ASSIGN(auto ls, m.store.Approved(r.actor->scope, area));
    listings::ExportContext ctx{web::BaseUrl(app, r),
                                [&](const char* msgid) { return app.catalogs_.Translate("vi", msgid); },
                                [&](int months) {
                                    Request vi = r;
                                    vi.lang = "vi";
                                    return SeasonText(app, vi, months);
                                }};
    Response resp;
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = listings::ExportCsv(*p, ls, ctx);
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"caunoi-" + p->key + ".csv\"");
    resp.headers.emplace_back("Cache-Control", "no-store");
    CAUNOI_TRY(app.audit.Record(*r.actor, "export", "listings", p->key, area.empty() ? r.actor->area_path : area,
                                std::to_string(ls.size()) + " approved"));
    return resp;
}

}  // namespace

void AddListingApi(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, L = Role::kTeamLeader;
    rt.push_back({"GET", "/api/v1/listings", Mb, ListAll});
    rt.push_back({"POST", "/api/v1/listings", Mb, Create});
    rt.push_back({"GET", "/api/v1/listings/export.csv", L, Export});
    rt.push_back({"GET", "/api/v1/listings/{id}", Mb, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto l, M(app).service.Get(*r.actor, r.Param("id")));
                      return JsonResponse(ListingJson(l));
                  }});
    rt.push_back({"GET", "/api/v1/listings/{id}/photos/{upload}", Mb, GetUpload});
    rt.push_back({"PUT", "/api/v1/listings/{id}/photos/{upload}", Mb, PutPart});
}

}  // namespace caunoi::http
