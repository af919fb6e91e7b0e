// Local products and community-tourism places (issue 20, docs/listings.md): what a listing holds,
// its categories and statuses, and the checks a listing passes before it is stored.
//
// A listing belongs to a village (its area path), is entered by a team member for its owner (a
// household, a cooperative, a homestay) with the owner's consent, and is public only once a team
// leader (or an officer) has approved it. Money is whole đồng; months are a bitmask (bit 0 =
// January; 0 = all year). No text field may carry markup: '<' and '>' are refused, and every page
// escapes what it shows.
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace caunoi::listings {

enum class Kind { kProduct, kPlace };
inline constexpr Term kKindTerms[] = {{"product", N_("Local product")}, {"place", N_("Community tourism")}};
inline constexpr EnumVocabulary<Kind> kKinds{kKindTerms};

// Products' categories first, then places'. "ocop" carries the product's OCOP star rating (3 to 5).
inline constexpr Term kCategories[] = {{"specialty", N_("Specialty food")},
                                       {"handicraft", N_("Handicraft")},
                                       {"medicinal", N_("Medicinal plant")},
                                       {"ocop", N_("OCOP product")},
                                       {"homestay", N_("Homestay")},
                                       {"viewpoint", N_("Viewpoint")},
                                       {"waterfall", N_("Waterfall")},
                                       {"craft_village", N_("Craft village")},
                                       {"trekking_guide", N_("Trekking guide")}};
inline constexpr size_t kFirstPlaceCategory = 4;
Kind KindOfCategory(std::string_view category);

enum class State { kPending, kApproved, kRejected, kPaused, kWithdrawn };
inline constexpr Term kStatusTerms[] = {{"pending", N_("Waiting for approval")},
                                        {"approved", N_("Public")},
                                        {"rejected", N_("Not approved")},
                                        {"paused", N_("Paused")},
                                        {"withdrawn", N_("Withdrawn")}};
inline constexpr EnumVocabulary<State> kStatuses{kStatusTerms};

inline constexpr size_t kMaxName = 80;
inline constexpr size_t kMaxDescription = 2000;  // code points
inline constexpr int64_t kMaxPrice = 1'000'000'000;

struct Listing {
    std::string id;  // ULID, made by the client (offline) or the server
    Kind kind = Kind::kProduct;
    std::string category;
    int ocop_stars = 0;
    std::string name, description, description_en;
    std::string village_id, area_path;      // the village's
    std::string household_id;               // the owner's household, when registered
    std::string owner_name, contact_phone;  // national mobile number, as core/phone.hpp keeps it
    int64_t price = 0;                      // product: per unit; place: the range's low end
    int64_t price_max = 0;                  // place: the range's high end (0: one price)
    std::string unit;                       // product: "kg", "chai", …
    int months = 0;
    std::string quantity, pickup;    // product
    int capacity = 0;                // place: guests
    std::string directions;          // place: how to get there
    std::optional<double> lat, lon;  // place: its own point, else the village's
    bool show_place = false;         // the owner chose to show where a photo was taken
    State status = State::kPending;
    bool ever_approved = false;  // approved once: pausing and resuming need no new approval
    std::string reject_reason;
    std::string photo_id;    // the photo shown, if any
    std::string consent_by;  // the member who recorded the owner's consent
    int64_t consent_at = 0;
    std::string created_by, decided_by;
    int64_t created_at = 0, updated_at = 0, decided_at = 0;
    // Read-only, from the areas: for pages.
    std::string village_name, commune_id, commune_name;
};

// The listing `f` describes (a form or a flat JSON object): every check of the kind, naming the
// field at fault, in a message id for the person. Fields: kind (or implied by category),
// category, ocop_stars, name, description, description_en, household_id, owner_name,
// contact_phone, price, price_max, unit, month_1..month_12 (or months "1,5,12"), quantity,
// pickup, capacity, directions, lat, lon, show_place, consent. Sets no id, area or status.
Result<Listing> ReadListing(const Fields& f);

// "45.000", "45,000", "45000 đ" → 45000; Invalid (naming `field`) for anything with letters, a
// negative or fractional sum, or more than kMaxPrice.
Result<int64_t> ParsePrice(const std::string& field, const std::string& text);

// Multi-line free text: trimmed, valid UTF-8 without control characters (newlines kept), at most
// `max` code points, with no '<' or '>'. Empty is allowed when !required.
Result<std::string> ReadText(const Fields& f, const std::string& key, size_t max, bool required, bool multiline);

// The months as people read them ("tháng 1–3, 12" / "all year"), and 1..12 as a list.
std::vector<int> MonthList(int months);

}  // namespace caunoi::listings
