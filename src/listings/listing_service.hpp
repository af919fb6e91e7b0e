// Listings' workflow (issue 20, docs/listings.md): members create and edit listings for owners in
// their area, with the owner's consent; a team leader or an officer of the area approves or
// refuses each before it is public; owners (through their member, or the member themselves) pause,
// resume, withdraw and put back. Editing a public listing sends it back for approval. Every change
// is audited; every read and write is confined to the actor's area scope by the repository.
// Thread-safety: as the repository (one thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/transactions.hpp"
#include "listings/listing.hpp"
#include "listings/photo.hpp"

namespace caunoi::listings {

struct Village {
    std::string id, name, path, commune_id, commune_name;
    std::optional<double> lat, lon;
};

class ListingRepository {
  public:
    virtual ~ListingRepository() = default;
    // A village in `s` (NotFound otherwise).
    virtual Result<Village> VillageIn(const Scope& s, const std::string& village_id) = 0;
    // A household in `s`: its name and village id (NotFound otherwise).
    virtual Result<std::pair<std::string, std::string>> HouseholdIn(const Scope& s, const std::string& id) = 0;
    virtual Status Insert(const Listing& l) = 0;
    virtual Status Update(const Listing& l) = 0;
    // A listing in `s` (NotFound otherwise), with its village's and commune's names.
    virtual Result<Listing> Find(const Scope& s, const std::string& id) = 0;
    // Listings under `area_path` (within `s`), newest change first; only `status` when given.
    virtual Result<std::vector<Listing>> List(const Scope& s, const std::string& area_path, std::optional<State> status,
                                              int limit) = 0;
};

class ListingService {
  public:
    ListingService(ListingRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock) {}

    // A new listing in `village_id` (or the household's village), waiting for approval. `id`: the
    // client's ULID (the field app makes it offline), else a new one; the same id twice by the
    // same member returns the listing stored the first time.
    Result<Listing> Create(const Actor& a, const std::string& id, const std::string& village_id, const Fields& f);
    // New content: a public listing goes back to waiting for approval; a paused one stays paused.
    Result<Listing> Edit(const Actor& a, const std::string& id, const Fields& f);
    // A team leader or an officer: public, or refused with a reason (required) the member reads.
    Result<Listing> Decide(const Actor& a, const std::string& id, bool approve, const std::string& reason);
    // "pause" (a public listing is hidden), "resume" (shown again: approved once, unchanged since),
    // "withdraw" (gone from every public list), "restore" (a withdrawn one waits for approval again).
    Result<Listing> Change(const Actor& a, const std::string& id, const std::string& action);
    Result<Listing> Get(const Actor& a, const std::string& id);
    Result<std::vector<Listing>> List(const Actor& a, const std::string& area_path, std::optional<State> status);
    // Records that `photo_id` (already stored) is the listing's photo. When the owner chose to show
    // the place and the listing has no point of its own, the photo's GPS position (`gps`) becomes
    // its point on the map.
    Status SetPhoto(const Actor& a, const std::string& id, const std::string& photo_id,
                    const std::optional<GeoPoint>& gps = std::nullopt);

  private:
    Result<Listing> Save(const Actor& a, Listing l, const char* action, const std::string& detail);
    ListingRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace caunoi::listings
