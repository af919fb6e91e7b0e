// AuthService over in-memory fakes: logins and their throttling, session look-up and its cache
// (expiry on the injected clock), and a password change ending every session of the user.
#include "auth/auth.hpp"

#include <gtest/gtest.h>

#include "auth/password.hpp"
#include "core/crypto.hpp"
#include "testing/fakes.hpp"

using namespace caunoi;
using namespace caunoi::auth;

namespace {

constexpr int64_t kNow = 1'780'000'000;
const char* const kPassword = "mây trắng bay 42";

struct AuthTest : ::testing::Test {
    AuthTest() {
        crypto::InitCrypto();
        User u;
        u.id = "U1";
        u.username = "lan";
        u.phone = "0912345678";
        u.display_name = "Lò Thị Lan";
        u.role = Role::kMember;
        u.area_path = "40/16813";
        u.team_id = "T1";
        u.password_hash = HashPassword(kPassword).value();
        users.users[u.id] = u;
        users.team_villages["T1"] = {"40/16813/V1", "40/16813/V2"};
    }
    std::string LoginToken() {
        auto r = svc.Login("lan", kPassword, "10.0.0.1");
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
        return r.ok() ? r->token : "";
    }

    fakes::FakeUsers users;
    fakes::FakeAudit audit_repo;
    fakes::FakeRateCounter limits;
    FakeClock clock{kNow};
    audit::AuditLog audit{audit_repo, clock};
    AuthService svc{users, audit, clock, limits};
};

TEST_F(AuthTest, ALoginOpensASessionKeptOnlyByItsHash) {
    auto r = svc.Login("0912345678", kPassword, "10.0.0.1");  // by phone number
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ(r->token.size(), 43u);  // 32 random bytes, base64url
    EXPECT_FALSE(r->csrf.empty());
    EXPECT_EQ(r->expires_at, kNow + AuthService::kSessionSeconds);
    EXPECT_EQ(users.sessions.count(r->token), 0u);
    ASSERT_EQ(users.sessions.count(crypto::HashHex(r->token)), 1u);
    EXPECT_EQ(users.sessions[crypto::HashHex(r->token)].csrf, r->csrf);
    EXPECT_EQ(r->actor.user_id, "U1");
    EXPECT_EQ(r->actor.scope.paths, (std::vector<std::string>{"40/16813/V1", "40/16813/V2"}));  // the team's villages
    EXPECT_EQ(audit_repo.entries.back().action, "login");
}

TEST_F(AuthTest, AWrongPasswordIsCountedAndEnoughOfThemLockTheAccount) {
    for (int i = 1; i <= 4; ++i) {
        auto r = svc.Login("lan", "wrong password", "10.0.0.1");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::kUnauthorized);
        EXPECT_EQ(users.users["U1"].failed_logins, i);
        EXPECT_EQ(users.users["U1"].locked_until, kNow);  // no lock before the 5th failure
    }
    EXPECT_EQ(audit_repo.With("login_failed").size(), 4u);
    ASSERT_FALSE(svc.Login("lan", "wrong password", "10.0.0.1").ok());
    EXPECT_EQ(users.users["U1"].locked_until, kNow + 2);
    // Locked: even the right password waits, and the refusal does not count.
    auto locked = svc.Login("lan", kPassword, "10.0.0.1");
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::kTooManyRequests);
    EXPECT_EQ(locked.error().retry_after, 2);
    EXPECT_EQ(users.users["U1"].failed_logins, 5);
    clock.Advance(2);
    ASSERT_TRUE(svc.Login("lan", kPassword, "10.0.0.1").ok());
    EXPECT_EQ(users.users["U1"].failed_logins, 0);
}

TEST_F(AuthTest, AnAddressWithTooManyFailuresIsRefusedBeforeAnyPasswordIsChecked) {
    for (int i = 0; i < AuthService::kFailuresPerAddress; ++i) {
        auto attempt = svc.BeginLogin("nobody", "10.0.0.9");
        ASSERT_TRUE(attempt.ok());
        EXPECT_FALSE(attempt->user.has_value());
        EXPECT_EQ(svc.FinishLogin(*attempt, false).error().code, ErrorCode::kUnauthorized);
    }
    auto refused = svc.BeginLogin("lan", "10.0.0.9");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
    EXPECT_GT(refused.error().retry_after, 0);
    EXPECT_TRUE(svc.BeginLogin("lan", "10.0.0.10").ok());  // another address is not held back
    clock.Advance(AuthService::kAddressWindow);
    EXPECT_TRUE(svc.BeginLogin("lan", "10.0.0.9").ok());
}

TEST_F(AuthTest, ASessionIsLookedUpOnceAndThenServedFromTheCacheForItsTtl) {
    const std::string token = LoginToken();
    auto who = svc.Authenticate(token, "10.0.0.2");
    ASSERT_TRUE(who.ok());
    EXPECT_EQ(who->first.user_id, "U1");
    EXPECT_EQ(who->first.remote_addr, "10.0.0.2");
    EXPECT_EQ(users.find_session_calls, 1);

    users.sessions.clear();  // ended behind this process's back (the CLI)
    clock.Advance(29);
    auto cached = svc.Authenticate(token, "10.0.0.3");
    ASSERT_TRUE(cached.ok());
    EXPECT_EQ(cached->first.remote_addr, "10.0.0.3");  // the request's address, not the cached one
    EXPECT_EQ(users.find_session_calls, 1);

    clock.Advance(1);  // the cache entry's 30 s are over: the ended session shows
    EXPECT_EQ(svc.Authenticate(token, "10.0.0.3").error().code, ErrorCode::kUnauthorized);
    EXPECT_EQ(users.find_session_calls, 2);
    EXPECT_FALSE(svc.Authenticate("", "10.0.0.3").ok());
    EXPECT_FALSE(svc.Authenticate(std::string(101, 'a'), "10.0.0.3").ok());
}

TEST_F(AuthTest, APasswordChangeEndsEverySessionOfTheUserAtOnce) {
    const std::string phone = LoginToken(), laptop = LoginToken();
    ASSERT_TRUE(svc.Authenticate(phone, "10.0.0.1").ok());  // both cached
    auto me = svc.Authenticate(laptop, "10.0.0.1");
    ASSERT_TRUE(me.ok());

    EXPECT_EQ(svc.ChangePassword(me->first, "not the password", "trăng sáng 2024").error().field, "current_password");
    auto changed = svc.ChangePassword(me->first, kPassword, "trăng sáng 2024");
    ASSERT_TRUE(changed.ok()) << changed.error().detail;
    EXPECT_EQ(svc.Authenticate(phone, "10.0.0.1").error().code, ErrorCode::kUnauthorized);
    EXPECT_EQ(svc.Authenticate(laptop, "10.0.0.1").error().code, ErrorCode::kUnauthorized);
    EXPECT_TRUE(svc.Authenticate(changed->token, "10.0.0.1").ok());  // the fresh one
    EXPECT_EQ(users.sessions.size(), 1u);
    EXPECT_EQ(audit_repo.With("password").size(), 1u);
    EXPECT_TRUE(VerifyPassword(users.users["U1"].password_hash, "trăng sáng 2024"));
}

TEST_F(AuthTest, ALogoutOrADisabledUserEndsTheCachedSession) {
    const std::string one = LoginToken(), two = LoginToken();
    auto me = svc.Authenticate(one, "10.0.0.1");
    ASSERT_TRUE(me.ok());
    ASSERT_TRUE(svc.Authenticate(two, "10.0.0.1").ok());
    ASSERT_TRUE(svc.Logout(me->first, one).ok());
    EXPECT_FALSE(svc.Authenticate(one, "10.0.0.1").ok());
    EXPECT_TRUE(svc.Authenticate(two, "10.0.0.1").ok());

    Actor officer;
    officer.user_id = "O1";
    officer.role = Role::kCommuneOfficer;
    officer.scope.paths = {"40/16813"};
    ASSERT_TRUE(svc.UpdateUser(officer, "U1", Fields(std::map<std::string, std::string>{{"disabled", "1"}})).ok());
    EXPECT_FALSE(svc.Authenticate(two, "10.0.0.1").ok());
}

}  // namespace
