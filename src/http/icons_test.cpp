// One icon for each thing a person who does not read must tell apart (issue 21, item 5): warning
// hazards, risk levels, the five skills, the kinds of paper to bring, the services of
// data/services.tsv and the lesson cards' steps each name a symbol that the page sprite
// (web/templates/icons.mustache) has, and no two of a list share one.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/embedded.hpp"
#include "fieldwork/fieldwork.hpp"
#include "procedures/catalog.hpp"
#include "registry/registry.hpp"
#include "training/curriculum.hpp"
#include "warnings/warnings.hpp"

namespace caunoi {
namespace {

bool InSprite(std::string_view icon) {
    static const std::string sprite = EmbeddedFile("web/templates/icons.mustache");
    return sprite.find("<symbol id=\"i-" + std::string(icon) + "\"") != std::string::npos;
}

template <typename List, typename Icon>
void EachOnceInSprite(const List& list, Icon icon, const char* what) {
    std::set<std::string> seen;
    for (const auto& x : list) {
        const std::string name(icon(x));
        EXPECT_FALSE(name.empty()) << what;
        EXPECT_TRUE(InSprite(name)) << what << ": no symbol i-" << name;
        EXPECT_TRUE(seen.insert(name).second) << what << ": i-" << name << " twice";
    }
}

TEST(Icons, EveryVocabularyHasItsOwnSymbol) {
    EachOnceInSprite(
        warnings::kHazardTerms, [](const Term& t) { return t.icon; }, "hazard");
    EachOnceInSprite(
        warnings::kRiskLevels, [](const warnings::RiskLevel& l) { return "lv" + std::to_string(l.level); },
        "risk level");
    EachOnceInSprite(
        registry::kSkills, [](const Term& t) { return t.icon; }, "skill");
    EachOnceInSprite(
        procedures::kDocKindIcons, [](std::string_view i) { return i; }, "kind of paper");
    EXPECT_EQ(std::size(procedures::kDocKindIcons), std::size(procedures::kDocKinds));
    EachOnceInSprite(
        fieldwork::kServiceIcons, [](const Term& t) { return t.icon; }, "service");
    for (const auto& i : training::kStepIcons) EXPECT_TRUE(InSprite(i)) << "step icon " << i;
    EXPECT_TRUE(InSprite("sound"));
}

TEST(Icons, EveryShippedServiceHasOne) {
    auto services = fieldwork::ParseCatalog(EmbeddedFile("data/services.tsv"));
    ASSERT_TRUE(services.ok());
    for (const auto& s : *services)
        EXPECT_TRUE(IndexOf(fieldwork::kServiceIcons, s.key).has_value()) << s.key << " has no icon";
    EXPECT_EQ(fieldwork::ServiceIcon("a_new_service"), "hand");
}

}  // namespace
}  // namespace caunoi
