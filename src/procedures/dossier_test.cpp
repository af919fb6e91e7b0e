#include "procedures/dossier.hpp"

#include <gtest/gtest.h>

namespace caunoi::procedures {
namespace {

std::string First(std::string_view typed) {
    auto r = LookupCodes(typed);
    return r.ok() ? r->front() : "(refused: " + r.error().field + ")";
}

TEST(DossierLookupCodes, ForgivesSpacesCaseAndTheSeparatorsAPersonAdds) {
    const std::string want = "H42.16813-251128-0003";
    for (const char* typed : {"H42.16813-251128-0003", "h42.16813-251128-0003", "  H42.16813-251128-0003 ",
                              "h42 16813 251128 0003", "H42 . 16813 - 251128 - 0003", "H42-16813-251128-0003",
                              "H42.16813.251128.0003", "H42/16813/251128/0003", "H4216813 251128 0003",
                              "H42.16813\xE2\x80\x93"
                              "251128\xE2\x80\x94"
                              "0003",  // dashes a phone typed
                              "H42\xC2\xA0"
                              "16813-251128-0003"})  // a copied no-break space
        EXPECT_EQ(First(typed), want) << typed;
    // The national portal's longer office codes follow the same shape.
    EXPECT_EQ(First("000 00 31 h42 240101 0001"), "000.00.31.H42-240101-0001");
}

TEST(DossierLookupCodes, AlsoTriesWhatWasTypedWithoutSpaces) {
    // A code kept in another form is still found as typed.
    auto r = LookupCodes("h42-16813-251128-0003").value();
    EXPECT_EQ(r, (std::vector<std::string>{"H42.16813-251128-0003", "H42-16813-251128-0003"}));
    EXPECT_EQ(LookupCodes("ab 12 cd").value(), std::vector<std::string>{"AB12CD"});
    EXPECT_EQ(LookupCodes("H42.16813-251128-0003").value().size(), 1u);
}

TEST(DossierLookupCodes, RefusesWhatCannotBeACodeNamingTheField) {
    EXPECT_EQ(First("H42'; DROP TABLE dossiers;--"), "(refused: code)");
    EXPECT_EQ(First("abc"), "(refused: code)");       // too short
    EXPECT_EQ(First("ABCDEFGH"), "(refused: code)");  // no digit
    EXPECT_EQ(First("   "), "(refused: code)");
    EXPECT_EQ(First(std::string(41, '1')), "(refused: code)");
    EXPECT_EQ(First(std::string(90, ' ') + "H42.16813-251128-0003"), "(refused: code)");
    EXPECT_EQ(First("H42.16813-251128-0003\xE2\x80"), "(refused: code)");  // cut UTF-8
}

TEST(DossierNextStep, AnOverdueDossierSaysWhomToAskNotToWait) {
    using enum DossierStatus;
    EXPECT_STREQ(NextStepMsgid(kProcessing, false), "Wait for the result by the due date.");
    const std::string late = NextStepMsgid(kProcessing, true);
    EXPECT_NE(late.find("commune public administrative service centre"), std::string::npos);
    EXPECT_EQ(late.find("Wait"), std::string::npos);
    // Once the office's clock stops (papers asked for, result ready), lateness is not the office's.
    EXPECT_STREQ(NextStepMsgid(kSupplementRequested, true), NextStepMsgid(kSupplementRequested));
    EXPECT_STREQ(NextStepMsgid(kResultReady, true), NextStepMsgid(kResultReady));
}

TEST(DossierNextStep, OverdueMeansPastTheDueDayWhileTheOfficeHasIt) {
    Dossier d;
    d.status = DossierStatus::kProcessing;
    d.due_day = 100;
    EXPECT_FALSE(IsOverdue(d, 100));
    EXPECT_TRUE(IsOverdue(d, 101));
    d.status = DossierStatus::kSupplementRequested;
    EXPECT_FALSE(IsOverdue(d, 120));
}

}  // namespace
}  // namespace caunoi::procedures
