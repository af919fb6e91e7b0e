#include "auth/password.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

using namespace caunoi::auth;

TEST(PasswordPolicy, RejectsShortCommonAndLoginEqual) {
    EXPECT_FALSE(CheckPasswordPolicy("short1", "bob").ok());
    EXPECT_FALSE(CheckPasswordPolicy("12345678", "bob").ok());
    EXPECT_FALSE(CheckPasswordPolicy("MatKhau123", "bob").ok());
    EXPECT_FALSE(CheckPasswordPolicy("Mật khẩu 123", "bob").ok());  // folds to a common one
    EXPECT_FALSE(CheckPasswordPolicy("nguyenvana", "NguyenVanA").ok());
    EXPECT_TRUE(CheckPasswordPolicy("bản Huồi Pốc 2026", "bob").ok());
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
    // 7 Vietnamese characters are more than 8 bytes but still too short.
    EXPECT_FALSE(CheckPasswordPolicy("đườngđi", "x").ok());
}

TEST(PasswordHash, VerifiesOnlyTheRightPassword) {
    caunoi::crypto::InitCrypto();
    auto h = HashPassword("Sông Lam chảy mãi");
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(VerifyPassword(*h, "Sông Lam chảy mãi"));
    EXPECT_FALSE(VerifyPassword(*h, "Song Lam chay mai"));
}

TEST(LoginThrottle, GrowsThenCapsAtFiveMinutes) {
    EXPECT_EQ(LockSecondsAfter(4), 0);
    EXPECT_EQ(LockSecondsAfter(5), 2);
    EXPECT_EQ(LockSecondsAfter(6), 4);
    EXPECT_LT(LockSecondsAfter(7), LockSecondsAfter(8));
    EXPECT_EQ(LockSecondsAfter(50), 300);
    EXPECT_EQ(LockSecondsAfter(100000), 300);
}
