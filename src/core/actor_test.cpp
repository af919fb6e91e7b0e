#include "core/actor.hpp"

#include <gtest/gtest.h>

using caunoi::Scope;

TEST(ScopeRules, ContainsItselfAndDescendantsOnly) {
    Scope s{{"40/16813"}};
    EXPECT_TRUE(s.Contains("40/16813"));
    EXPECT_TRUE(s.Contains("40/16813/01ABC"));
    EXPECT_FALSE(s.Contains("40/168130"));  // a sibling whose code starts the same
    EXPECT_FALSE(s.Contains("40/16870/01ABC"));
    EXPECT_FALSE(s.Contains("40"));
}

TEST(ScopeRules, EmptyScopeContainsNothing) {
    Scope s;
    EXPECT_FALSE(s.Contains("40"));
    EXPECT_FALSE(s.IsAncestorOfScope("40"));
}

TEST(ScopeRules, AncestorsAreNavigableButNotOwned) {
    Scope member{{"40/16813/V1", "40/16813/V2"}};
    EXPECT_TRUE(member.IsAncestorOfScope("40"));
    EXPECT_TRUE(member.IsAncestorOfScope("40/16813"));
    EXPECT_FALSE(member.Contains("40/16813"));
    EXPECT_FALSE(member.IsAncestorOfScope("40/16870"));
    EXPECT_TRUE(member.Contains("40/16813/V2"));
    EXPECT_FALSE(member.Contains("40/16813/V3"));
}

TEST(RoleNames, RoundTrip) {
    for (auto r : {caunoi::Role::kMember, caunoi::Role::kTeamLeader, caunoi::Role::kCommuneOfficer,
                   caunoi::Role::kProvinceAdmin}) {
        caunoi::Role back;
        ASSERT_TRUE(caunoi::ParseRole(caunoi::RoleName(r), back));
        EXPECT_EQ(back, r);
    }
    caunoi::Role x;
    EXPECT_FALSE(caunoi::ParseRole("root", x));
}
