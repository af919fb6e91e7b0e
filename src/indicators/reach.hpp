// Reach: can a resident be reached by at least one channel they can actually use, in a language
// they read or hear? The rules, in one place, for the counts (storage/indicator_sources_registry.cpp)
// and for the named list of those not reached (IndicatorService::Unreached). docs/indicators.md
// ("Reach") explains them. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace caunoi::indicators {

// What the counts need of one resident (no name: the counts never read one).
struct ResidentFacts {
    std::string household_id;
    std::string village_id;
    std::optional<int64_t> birth_year;
    std::string phone_kind;  // none | basic | smart
    bool has_phone = false;  // a number is on record
    std::string language;    // vi | tai | hmn | kjg | other
    int vneid_level = 0;
    bool portal_account = false, payment_account = false;
    int skills[5] = {0, 0, 0, 0, 0};
};

// What reach needs of a village and of a household.
struct VillageFacts {
    bool loudspeaker_working = false;
    std::string languages;  // besides Vietnamese, comma-separated (village_languages)
    std::string coverage;   // none | 2g | 3g | 4g | ""
};

// Channels, as bits.
enum Channel : unsigned { kApp = 1, kSms = 2, kLoudspeaker = 4, kVisit = 8 };
inline constexpr const char* kChannelKeys[] = {"app", "sms", "loudspeaker", "visit"};

// A team visit counts when the household had a support session in the last kVisitDays.
inline constexpr int64_t kVisitDays = 90;

// The channels that reach `r`: the web and field app with a smartphone, SMS with any phone on
// record (both in writing: Vietnamese readers only, as no field says who reads Vietnamese besides
// their own language), the village loudspeaker when it works and speaks Vietnamese or their
// language, and a team visit in the last 90 days (the team speaks to them).
unsigned Reach(const ResidentFacts& r, const VillageFacts& v, bool visited_recently);

// Age rules of the national targets, by birth year against the current year: adults are 18 or
// more in the year, "15+" 15 or more. An unknown birth year counts in neither.
bool IsAdult(const ResidentFacts& r, int year);
bool IsAged15(const ResidentFacts& r, int year);
// Whom reach counts (and the list of those not reached names): everyone but children known to be
// under 15, whom their household's adults are the channel to. An unknown birth year counts.
bool CountsForReach(const ResidentFacts& r, int year);

}  // namespace caunoi::indicators
