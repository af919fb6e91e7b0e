// Listings (issue 20; listings/listing_service.hpp) over the database: the listings themselves,
// their photos (base64 text, the same in both engines), uploads in pieces, and daily page views
// and contact taps. Members' reads go through the area scope; public reads see approved listings
// only.
// Thread-safety: one thread (as the database connection).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "listings/listing_service.hpp"
#include "listings/photo.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class ListingStore final : public listings::ListingRepository {
  public:
    explicit ListingStore(Database& db) : db_(db) {}
    Result<listings::Village> VillageIn(const Scope& s, const std::string& village_id) override;
    Result<std::pair<std::string, std::string>> HouseholdIn(const Scope& s, const std::string& id) override;
    Status Insert(const listings::Listing& l) override;
    Status Update(const listings::Listing& l) override;
    Result<listings::Listing> Find(const Scope& s, const std::string& id) override;
    Result<std::vector<listings::Listing>> List(const Scope& s, const std::string& area_path,
                                                std::optional<listings::State> status, int limit) override;

    // How many listings in `s` are in `state` (only those `created_by` made, when given).
    Result<int64_t> CountIn(const Scope& s, listings::State state, const std::string& created_by);

    // Public: an approved listing (NotFound otherwise), and the approved ones under `area_path`.
    Result<listings::Listing> FindPublic(const std::string& id);
    Result<std::vector<listings::Listing>> Public(const std::string& area_path, int limit);
    // The villages under `area_path` (a commune's, or the village itself), with coordinates.
    Result<std::vector<listings::Village>> VillagesUnder(const std::string& area_path);
    // Communes with approved listings, by name, with how many.
    struct CommuneCount {
        std::string id, name;
        int64_t count = 0;
    };
    Result<std::vector<CommuneCount>> CommunesWithListings();
    // Approved listings of the whole province, for the export (every commune in `s`).
    Result<std::vector<listings::Listing>> Approved(const Scope& s, const std::string& area_path);

    // Photos. `kind`: "large" or "thumb"; `webp`: else the JPEG. The listing's status and area come
    // with the bytes, for the caller to decide who may see them.
    struct PhotoBytes {
        std::string bytes, listing_status, area_path;
    };
    Status InsertPhoto(const listings::Listing& l, const std::string& photo_id, const listings::Photo& p,
                       const std::string& by, int64_t at);
    Result<PhotoBytes> PhotoOf(const std::string& photo_id, bool thumb, bool webp);

    // Uploads in pieces: how much of `upload_id` has arrived (NotFound: none yet).
    struct Upload {
        std::string id, listing_id, created_by;
        int64_t total = 0, received = 0;
    };
    Result<Upload> FindUpload(const listings::Listing& l, const std::string& upload_id);
    Status StartUpload(const listings::Listing& l, const Upload& u, int64_t at);
    Status AddPart(const listings::Listing& l, const std::string& upload_id, int64_t first_byte,
                   const std::string& data);
    Result<std::string> Assemble(const listings::Listing& l, const std::string& upload_id);
    Status DropUpload(const listings::Listing& l, const std::string& upload_id);
    // A listing has one photo on its way at a time: a new upload drops the pieces of the others
    // (a photo abandoned half-sent, then chosen again, leaves nothing behind).
    Status DropOtherUploads(const listings::Listing& l, const std::string& upload_id);
    Result<bool> PhotoExists(const std::string& photo_id);

    // Figures: views and contact taps counted per listing and day.
    Status Count(const listings::Listing& l, int64_t day, bool contact);
    struct Figures {
        std::string village_id, village_name;
        int64_t products = 0, places = 0, pending = 0, views = 0, contacts = 0;
    };
    // Per village under `area_path` (in `s`), views and taps since `from_day`.
    Result<std::vector<Figures>> FiguresOf(const Scope& s, const std::string& area_path, int64_t from_day);

  private:
    Result<std::vector<listings::Listing>> Select(const std::string& where, const Params& p, const std::string& tail);
    Database& db_;
};

}  // namespace caunoi::storage
