#include "indicators/reach.hpp"

namespace caunoi::indicators {

namespace {

bool SpeaksIn(const std::string& languages, const std::string& lang) {
    size_t start = 0;
    while (start <= languages.size()) {
        size_t comma = languages.find(',', start);
        if (comma == std::string::npos) comma = languages.size();
        if (languages.compare(start, comma - start, lang) == 0) return true;
        start = comma + 1;
    }
    return false;
}

}  // namespace

unsigned Reach(const ResidentFacts& r, const VillageFacts& v, bool visited_recently) {
    unsigned out = 0;
    const bool reads = r.language == "vi";
    if (reads && r.phone_kind == "smart") out |= kApp;
    if (reads && r.has_phone && r.phone_kind != "none") out |= kSms;
    if (v.loudspeaker_working && (r.language == "vi" || (!r.language.empty() && SpeaksIn(v.languages, r.language))))
        out |= kLoudspeaker;
    if (visited_recently) out |= kVisit;
    return out;
}

bool IsAdult(const ResidentFacts& r, int year) { return r.birth_year && *r.birth_year <= year - 18; }
bool IsAged15(const ResidentFacts& r, int year) { return r.birth_year && *r.birth_year <= year - 15; }
bool CountsForReach(const ResidentFacts& r, int year) { return !r.birth_year || IsAged15(r, year); }

}  // namespace caunoi::indicators
