#include "listings/listing_service.hpp"

#include "core/ulid.hpp"

namespace caunoi::listings {

Result<Listing> ListingService::Save(const Actor& a, Listing l, const char* action, const std::string& detail) {
    l.updated_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Update(l));
        return audit_.Record(a, action, "listing", l.id, l.area_path, detail);
    }));
    return l;
}

Result<Listing> ListingService::Create(const Actor& a, const std::string& id, const std::string& village_id,
                                       const Fields& f) {
    if (!id.empty() && !IsUlid(id)) return Error::Invalid("id", "not a ULID");
    if (!id.empty()) {
        auto existing = repo_.Find(a.scope, id);
        if (existing.ok() && existing->created_by == a.user_id) return existing;
        if (existing.ok()) return Error::Conflict("listing id in use");
    }
    CAUNOI_ASSIGN(auto l, ReadListing(f));
    std::string village = village_id;
    if (!l.household_id.empty()) {
        auto hh = repo_.HouseholdIn(a.scope, l.household_id);
        if (!hh.ok())
            return Error::Invalid("household_id", "household not in scope", N_("This household is not in your area"));
        if (l.owner_name.empty()) l.owner_name = hh->first;
        if (village.empty()) village = hh->second;
        if (village != hh->second)
            return Error::Invalid("household_id", "household of another village",
                                  N_("This household lives in another village"));
    }
    if (village.empty()) return Error::Invalid("village_id", "required", N_("Choose the village"));
    // A village out of scope is absent, as everywhere (the form offers only the member's).
    CAUNOI_ASSIGN(auto v, repo_.VillageIn(a.scope, village));
    const int64_t now = clock_.NowSeconds();
    l.id = id.empty() ? NewUlid() : id;
    l.village_id = v.id;
    l.area_path = v.path;
    l.status = State::kPending;
    l.consent_by = a.user_id;
    l.consent_at = now;
    l.created_by = a.user_id;
    l.created_at = l.updated_at = now;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Insert(l));
        return audit_.Record(a, "create", "listing", l.id, l.area_path, std::string(kKinds.Name(l.kind)));
    }));
    return repo_.Find(a.scope, l.id);
}

Result<Listing> ListingService::Edit(const Actor& a, const std::string& id, const Fields& f) {
    CAUNOI_ASSIGN(auto old, repo_.Find(a.scope, id));
    if (old.status == State::kWithdrawn)
        return Error::Invalid("status", "withdrawn", N_("This listing was withdrawn: put it back first"));
    CAUNOI_ASSIGN(auto l, ReadListing(f));
    if (!l.household_id.empty() && l.household_id != old.household_id) {
        auto hh = repo_.HouseholdIn(a.scope, l.household_id);
        if (!hh.ok() || hh->second != old.village_id)
            return Error::Invalid("household_id", "household not in scope", N_("This household is not in your area"));
    }
    if (l.owner_name.empty()) l.owner_name = old.owner_name;
    // A point taken from a photo (the owner chose to show the place) stays while they still do.
    if (!l.lat && old.lat && l.show_place) {
        l.lat = old.lat;
        l.lon = old.lon;
    }
    // What the listing is and where: kept from the stored one.
    l.id = old.id;
    l.village_id = old.village_id;
    l.area_path = old.area_path;
    l.photo_id = old.photo_id;
    l.created_by = old.created_by;
    l.created_at = old.created_at;
    l.consent_by = a.user_id;
    l.consent_at = clock_.NowSeconds();
    l.status = old.status == State::kPaused ? State::kPaused : State::kPending;
    l.ever_approved = false;  // the new content has not been approved
    l.village_name = old.village_name;
    l.commune_id = old.commune_id;
    l.commune_name = old.commune_name;
    return Save(a, std::move(l), "update", "content");
}

Result<Listing> ListingService::Decide(const Actor& a, const std::string& id, bool approve, const std::string& reason) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("listings are approved by team leaders and officers");
    CAUNOI_ASSIGN(auto l, repo_.Find(a.scope, id));
    if (l.status != State::kPending)
        return Error::Invalid("status", "not waiting", N_("This listing is not waiting for approval"));
    if (!approve && reason.empty())
        return Error::Invalid("reason", "required", N_("Say what should change, so the member can fix it"));
    Fields rf;
    rf.Set("reason", reason);
    CAUNOI_ASSIGN(auto why, ReadText(rf, "reason", 300, false, false));
    l.status = approve ? State::kApproved : State::kRejected;
    l.ever_approved = approve;
    l.reject_reason = approve ? "" : why;
    l.decided_by = a.user_id;
    l.decided_at = clock_.NowSeconds();
    return Save(a, std::move(l), approve ? "approve" : "reject", why);
}

Result<Listing> ListingService::Change(const Actor& a, const std::string& id, const std::string& action) {
    CAUNOI_ASSIGN(auto l, repo_.Find(a.scope, id));
    const auto refuse = [] {
        return Error::Invalid("status", "not possible now", N_("This cannot be done to the listing as it is now"));
    };
    if (action == "pause") {
        if (l.status != State::kApproved && l.status != State::kPending) return refuse();
        l.status = State::kPaused;
    } else if (action == "resume") {
        if (l.status != State::kPaused) return refuse();
        l.status = l.ever_approved ? State::kApproved : State::kPending;
    } else if (action == "withdraw") {
        if (l.status == State::kWithdrawn) return refuse();
        l.status = State::kWithdrawn;
    } else if (action == "restore") {
        if (l.status != State::kWithdrawn) return refuse();
        l.status = State::kPending;
        l.ever_approved = false;
    } else {
        return Error::Invalid("action", "unknown action");
    }
    return Save(a, std::move(l), action.c_str(), "");
}

Result<Listing> ListingService::Get(const Actor& a, const std::string& id) { return repo_.Find(a.scope, id); }

Result<std::vector<Listing>> ListingService::List(const Actor& a, const std::string& area_path,
                                                  std::optional<State> status) {
    return repo_.List(a.scope, area_path, status, 500);
}

Status ListingService::SetPhoto(const Actor& a, const std::string& id, const std::string& photo_id,
                                const std::optional<GeoPoint>& gps) {
    CAUNOI_ASSIGN(auto l, repo_.Find(a.scope, id));
    if (l.show_place && gps && !l.lat) {
        l.lat = gps->lat;
        l.lon = gps->lon;
    }
    if (l.status == State::kWithdrawn)
        return Error::Invalid("status", "withdrawn", N_("This listing was withdrawn: put it back first"));
    l.photo_id = photo_id;
    // A new photo is new content: a public listing waits for approval again.
    if (l.status == State::kApproved || l.status == State::kRejected) l.status = State::kPending;
    if (l.status == State::kPending) l.ever_approved = false;
    CAUNOI_ASSIGN(auto saved, Save(a, std::move(l), "update", "photo " + photo_id));
    (void)saved;
    return {};
}

}  // namespace caunoi::listings
