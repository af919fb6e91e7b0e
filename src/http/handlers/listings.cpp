// The listings module: its stores and services, the offline sync kind, and what every page of
// listings shows of one (ListingData).
#include "http/handlers/listings.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/phone.hpp"
#include "http/handlers/web_common.hpp"

namespace caunoi::http {

CAUNOI_MODULE(listings, ListingsModule);

namespace {

listings::Platforms ShippedPlatforms() {
    auto parsed = listings::ParsePlatforms(EmbeddedFile("data/listing_platforms.tsv"));
    if (!parsed.ok()) throw std::runtime_error(parsed.error().detail);
    return std::move(parsed).value();
}

}  // namespace

ListingsModule::ListingsModule(storage::ServiceGraph& g)
    : store(g.db), service(store, g.transactions, g.audit, g.clock), platforms(ShippedPlatforms()), graph(g) {
    // A listing made in the field app without signal (docs/sync.md): the operation's id is the
    // listing's, so a second copy of the operation finds the first.
    g.sync.AddKind("listing", [this](const Actor& a, const sync::Op& op, sync::OpResult& out) -> Status {
        Fields f(op.data);
        const std::string village = op.data.count("village_id") ? op.data.at("village_id") : "";
        CAUNOI_ASSIGN(auto l, service.Create(a, op.id, village, f));
        out.area_path = l.area_path;
        out.summary = "listing " + l.id;
        return {};
    });
}

void ListingsModule::AddRoutes(std::vector<Route>& rt) {
    AddListingPages(rt);
    AddListingPublic(rt);
    AddListingApi(rt);
}

std::string OwnerToken(App& app, const std::string& listing_id) {
    return crypto::KeyedHashHex(app.config().id_key, "listing-owner:" + listing_id).substr(0, 32);
}

std::string Dong(int64_t v) {
    std::string digits = std::to_string(v), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return out + " đ";
}

std::string SeasonText(App& app, const Request& r, int months) {
    if (months == 0) return app.Tr(r, N_("all year"));
    std::string out;
    const auto list = listings::MonthList(months);
    for (size_t i = 0; i < list.size(); ++i) {
        size_t j = i;
        while (j + 1 < list.size() && list[j + 1] == list[j] + 1) ++j;
        out += (out.empty() ? "" : ", ") + std::to_string(list[i]) + (j > i + 0 ? "–" + std::to_string(list[j]) : "");
        i = j;
    }
    return app.Tr(r, N_("month")) + " " + out;
}

Data ListingData(App& app, const Request& r, const listings::Listing& l) {
    using listings::Kind;
    Data d = Obj({{"id", l.id},
                  {"name", l.name},
                  {"description", l.description},
                  {"village", l.village_name},
                  {"village_id", l.village_id},
                  {"commune", l.commune_name},
                  {"commune_id", l.commune_id},
                  {"owner", l.owner_name},
                  {"phone", l.contact_phone},
                  {"phone_intl", phone::International(l.contact_phone)},
                  {"status_key", std::string(listings::kStatuses.Name(l.status))},
                  {"status", app.Tr(r, listings::kStatuses.Msgid(l.status))},
                  {"category", app.Tr(r, MsgidOf(listings::kCategories, l.category))},
                  {"category_key", l.category},
                  {"season", SeasonText(app, r, l.months)}});
    d.set("description_en", Str(l.description_en));
    d.set("english", Str(r.lang == "en" ? l.description_en : ""));
    d.set("place", l.kind == Kind::kPlace);
    d.set("show_season", l.kind == Kind::kProduct || l.months != 0);
    d.set("product", l.kind == Kind::kProduct);
    std::string price = Dong(l.price);
    if (l.price_max > l.price) price += " – " + Dong(l.price_max);
    if (!l.unit.empty()) price += " / " + l.unit;
    d.set("price", price);
    d.set("stars", Str(l.ocop_stars ? std::string(static_cast<size_t>(l.ocop_stars), '*') : ""));
    d.set("ocop_stars", Str(l.ocop_stars ? std::to_string(l.ocop_stars) : ""));
    d.set("quantity", Str(l.quantity));
    d.set("pickup", Str(l.pickup));
    d.set("directions", Str(l.directions));
    d.set("capacity", Str(l.capacity ? std::to_string(l.capacity) : ""));
    d.set("photo", Str(l.photo_id));
    d.set("reason", Str(l.reject_reason));
    d.set("public", l.status == listings::State::kApproved);
    d.set("updated", web::FormatTime(l.updated_at));
    return d;
}

}  // namespace caunoi::http
