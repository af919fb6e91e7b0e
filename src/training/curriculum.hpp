// The training curriculum (issue 19, docs/training.md): modules tied to one of the five basic
// digital skills and to one item of the province's practical list, each with short lesson cards
// (a few steps, an icon each) and a practical check of 3–5 items ("show me how you…") done on the
// resident's own phone. Shipped as data/curriculum.txt; the province admin edits the whole text,
// read by the same block reader as the procedure catalog (core/blocks.hpp).
// Thread-safety: a parsed Curriculum is a plain value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace caunoi::training {

// The province's practical list: what training must make people able to do.
inline constexpr Term kPracticals[] = {{"accounts", N_("Digital accounts")},
                                       {"eid", N_("Electronic identity (VNeID)")},
                                       {"filing", N_("Filing dossiers online")},
                                       {"payment", N_("Basic cashless payments")},
                                       {"safety", N_("Keeping personal information safe")}};

// The icons a step may show (the page sprite's i-<name> symbols; a test checks each exists).
inline constexpr std::string_view kStepIcons[] = {"bridge", "clock", "coin",   "doc",    "hand", "home",
                                                  "id",     "key",   "lock",   "map",    "ok",   "person",
                                                  "phone",  "pin",   "search", "signal", "team", "warn"};

inline constexpr int kMinChecks = 3, kMaxChecks = 5, kMaxCards = 6, kMaxSteps = 6;

struct Step {
    std::string icon, vi, en;
};

struct Card {
    std::string title_vi, title_en;
    std::vector<Step> steps;
};

struct CheckItem {
    std::string vi, en;
};

struct Module {
    std::string key;
    std::string title_vi, title_en;
    int skill = 0;  // index into registry::kSkills
    std::string practical;  // a key of kPracticals
    int minutes = 60;       // how long a session of it takes
    std::vector<Card> cards;
    std::vector<CheckItem> checks;
    std::string source;  // its block, as written
};

struct Curriculum {
    std::vector<Module> modules;
    const Module* Find(std::string_view key) const;
};

// Parses and validates a curriculum. Every error names the module and the line (field "source").
// A module has title.vi, title.en, skill (a key of registry::kSkills), practical, minutes
// (15–240), 1–6 cards ("card.vi", "card.en", then 1–6 "step = icon | vi | en" lines) and 3–5
// "check = vi | en" lines.
Result<Curriculum> ParseCurriculum(const std::string& text);

}  // namespace caunoi::training
