// Local products and community tourism over HTTP (listings/, docs/listings.md) as a module
// (http/module.hpp): members' and leaders' pages (handlers/listings_web.cpp), the public catalog,
// listing pages, map, QR codes and photos (handlers/listings_public.cpp), and /api/v1/listings:
// creation (also offline, sync kind "listing"), photo uploads in pieces, the GeoJSON of places
// and the CSV export for the e-commerce platforms (handlers/listings_api.cpp).
#pragma once

#include <string>
#include <vector>

#include "http/module.hpp"
#include "http/views.hpp"
#include "listings/export.hpp"
#include "listings/listing_service.hpp"
#include "storage/listing_store.hpp"
#include "storage/service_graph.hpp"

namespace caunoi::http {

class ListingsModule final : public Module {
  public:
    explicit ListingsModule(storage::ServiceGraph& g);
    void AddRoutes(std::vector<Route>& rt) override;

    storage::ListingStore store;
    listings::ListingService service;
    listings::Platforms platforms;  // data/listing_platforms.tsv
    storage::ServiceGraph& graph;
};

// The listing's text fields for pages and JSON: category, status and months in the reader's
// language, price as people write it ("45.000 đ / kg").
Data ListingData(App& app, const Request& r, const listings::Listing& l);
// "45.000 đ"
std::string Dong(int64_t v);
// "tháng 1–3, 12" / "quanh năm", in the reader's language.
std::string SeasonText(App& app, const Request& r, int months);

// The owner's own link to a listing (/l/{id}/owner/{token}): a keyed hash of the listing's id, so
// it is never stored and a member can show it again (as a QR code) at any time. With it the owner
// pauses, resumes, withdraws or puts back their listing without an account.
std::string OwnerToken(App& app, const std::string& listing_id);

// The listing form (web/templates/listing_form.mustache): a member's (new or `id` to edit), or an
// owner's own proposal from a commune's public page (`owner`: no household, their own consent).
struct ListingForm {
    std::string action, id;
    Scope villages;  // the villages offered: those under these paths
    bool owner = false;
};
Result<Response> ListingFormPage(App& app, Request& r, const ListingForm& form, const Fields& sent,
                                 const Error* refused);
// "Write the description": the helper's answers become the description; the form comes back.
Result<Response> ComposeListing(App& app, Request& r, const ListingForm& page, Fields form);

void AddListingPages(std::vector<Route>& rt);
void AddListingPublic(std::vector<Route>& rt);
void AddListingApi(std::vector<Route>& rt);

}  // namespace caunoi::http
