// Disaster warnings (issue 17): the closed vocabularies of a warning. Hazards are the kinds a
// commune or the province warns of; risk levels are the five of Decision 18/2021/QĐ-TTg
// (Article 4.3), each with its official colour on maps and in bulletins.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace caunoi::warnings {

enum class Hazard { kFlashFlood, kLandslide, kHeavyRain, kStorm, kColdSpell, kForestFire, kOther };
// Each with its icon: the page sprite's i-<icon> symbol (web/templates/icons.mustache).
inline constexpr Term kHazardTerms[] = {{"flash_flood", N_("Flash flood"), "flood"},
                                        {"landslide", N_("Landslide"), "landslide"},
                                        {"heavy_rain", N_("Heavy rain"), "rain"},
                                        {"storm", N_("Storm"), "storm"},
                                        {"cold_spell", N_("Cold spell or frost"), "cold"},
                                        {"forest_fire", N_("Forest fire"), "fire"},
                                        {"other", N_("Other danger"), "warn"}};
inline constexpr EnumVocabulary<Hazard> kHazards{kHazardTerms};

// A risk level as Decision 18/2021/QĐ-TTg names and colours it.
struct RiskLevel {
    int level;                 // 1..5 (its icon: the sprite's i-lv<level>, as many bars as the level)
    const char* msgid;         // its name ("low risk" .. "disaster risk")
    const char* colour_msgid;  // its colour's name, as the bulletins say it
    std::string_view hex;      // the colour for pages ("#9fd3f5")
};
inline constexpr std::array<RiskLevel, 5> kRiskLevels = {{
    {1, N_("Level 1: low risk"), N_("light blue"), "#9fd3f5"},
    {2, N_("Level 2: medium risk"), N_("light yellow"), "#fff3a0"},
    {3, N_("Level 3: high risk"), N_("orange"), "#f7931e"},
    {4, N_("Level 4: very high risk"), N_("red"), "#e0201b"},
    {5, N_("Level 5: disaster"), N_("purple"), "#7b2d8e"},
}};
// Message ids translated into the text's language (Vietnamese for residents).
using Translate = std::function<std::string(const char* msgid)>;
// A name said inside a sentence: "Lũ quét" -> "lũ quét" (the names here start with an ASCII letter).
std::string MidSentence(std::string name);

// The level 1..5, or Invalid naming `field`.
Result<const RiskLevel*> RiskLevelOf(int level, const char* field = "level");

}  // namespace caunoi::warnings
