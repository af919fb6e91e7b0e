// The middleware every request passes in App::Handle, on an App over a migrated SQLite database in
// memory: sign-in required, a role too low (403 for a list, 404 for a record), CSRF for cookie
// sessions only, and records outside the user's villages.
#include "http/app.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "http/app_testing.hpp"
#include "storage/migrator.hpp"
#include "storage/registry_store.hpp"
#include "storage/testing.hpp"
#include "storage/user_store.hpp"

using namespace caunoi;

namespace {

constexpr int64_t kNow = 1'780'000'000;

class Middleware : public http::testing::AppOverSqlite {
  protected:
    Middleware() : AppOverSqlite(kNow, Config()) {}
    void SetUp() override {
        ASSERT_TRUE(migrated);
        ASSERT_TRUE(storage::test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                                        {"16813", "40", "commune", "40/16813"},
                                                        {"V1", "16813", "village", "40/16813/V1"},
                                                        {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        ASSERT_TRUE(db->Exec("INSERT INTO teams (id, commune_id, area_path, name, created_at) VALUES "
                             "('T1', '16813', '40/16813', 'Tổ 1', 0)")
                        .ok());
        ASSERT_TRUE(db->Exec("INSERT INTO team_villages (team_id, village_id) VALUES ('T1', 'V1')").ok());
        ASSERT_TRUE(storage::test_db::AddResidents(
                        registry_store, kNow,
                        {{"H1", "V1", "R1", "0912345678", "registry"}, {"H2", "V2", "R2", "0987654321", "registry"}})
                        .ok());
        AddUser("M1", Role::kMember, "T1", kMember);
        AddUser("O1", Role::kCommuneOfficer, "", kOfficer);
    }
    void AddUser(const std::string& id, Role role, const std::string& team, const std::string& token) {
        AppOverSqlite::AddUser(id, role, "40/16813", team, token);
    }
    // How the request carries its session.
    enum class Via { kNone, kBearer, kCookie };
    http::Response Send(const std::string& method, const std::string& path, const std::string& token, Via via,
                        std::map<std::string, std::string> headers = {}, const std::string& body = "") {
        http::Request req;
        req.method = method;
        req.path = path;
        req.remote_addr = "10.0.0.1";
        req.headers = std::move(headers);
        req.body = body;
        if (via == Via::kBearer) req.headers["authorization"] = "Bearer " + token;
        if (via == Via::kCookie) req.cookies["sid"] = token;
        return app.Handle(req);
    }

    const std::string kMember = std::string(43, 'm');
    const std::string kOfficer = std::string(43, 'o');
    storage::RegistryStore registry_store{*db, clock};
};

TEST_F(Middleware, WithoutASessionTheApiAnswers401AndAPageSendsToTheLogin) {
    EXPECT_EQ(Send("GET", "/api/v1/me", "", Via::kNone).status, 401);
    EXPECT_EQ(Send("GET", "/api/v1/me", "not-a-session", Via::kBearer).status, 401);
    auto page = Send("GET", "/teams", "", Via::kNone);
    EXPECT_EQ(page.status, 303);
    bool to_login = false;
    for (const auto& [k, v] : page.headers) to_login = to_login || (k == "Location" && v == "/login?next=%2Fteams");
    EXPECT_TRUE(to_login);
    EXPECT_EQ(Send("GET", "/api/v1/me", kMember, Via::kBearer).status, 200);
    EXPECT_EQ(Send("GET", "/healthz", "", Via::kNone).status, 200);  // public
}

TEST_F(Middleware, ARoleTooLowIs403ForAListAnd404ForARecord) {
    EXPECT_EQ(Send("GET", "/api/v1/users", kMember, Via::kBearer).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/users", kOfficer, Via::kBearer).status, 200);
    // Whether the record exists or not, a member cannot tell.
    EXPECT_EQ(Send("PATCH", "/api/v1/areas/V1", kMember, Via::kBearer).status, 404);
    EXPECT_EQ(Send("PATCH", "/api/v1/areas/NOPE", kMember, Via::kBearer).status, 404);
}

TEST_F(Middleware, ACookieSessionMustEchoItsCsrfTokenToChangeAnythingABearerNeedNot) {
    const std::map<std::string, std::string> json = {{"content-type", "application/json"}};
    const std::string body = R"({"village_id":"V1","name":"Lò Văn Páo","consent":"1","consent_purposes":"registry"})";
    auto refused = Send("POST", "/api/v1/households", kMember, Via::kCookie, json, body);
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("CSRF token mismatch"), std::string::npos);
    auto wrong = json;
    wrong["x-csrf-token"] = "csrf-O1";  // another session's token
    EXPECT_EQ(Send("POST", "/api/v1/households", kMember, Via::kCookie, wrong, body).status, 403);

    auto with_token = json;
    with_token["x-csrf-token"] = "csrf-M1";
    EXPECT_EQ(Send("POST", "/api/v1/households", kMember, Via::kCookie, with_token, body).status, 201);
    EXPECT_EQ(Send("POST", "/api/v1/households", kMember, Via::kBearer, json, body).status, 201);
    // A form carries the token in its _csrf field.
    auto form = Send("POST", "/api/v1/households", kMember, Via::kCookie,
                     {{"content-type", "application/x-www-form-urlencoded"}},
                     "village_id=V1&name=Vi+Van+Hung&consent=1&consent_purposes=registry&_csrf=csrf-M1");
    EXPECT_NE(form.status, 403);
    // Reading needs no token.
    EXPECT_EQ(Send("GET", "/api/v1/households/H1", kMember, Via::kCookie).status, 200);
}

TEST_F(Middleware, ARecordOutsideTheUsersVillagesIsNotFound) {
    EXPECT_EQ(Send("GET", "/api/v1/households/H1", kMember, Via::kBearer).status, 200);
    EXPECT_EQ(Send("GET", "/api/v1/households/H2", kMember, Via::kBearer).status, 404);
    EXPECT_EQ(Send("GET", "/api/v1/households/H2", kOfficer, Via::kBearer).status, 200);  // the whole commune
}

TEST_F(Middleware, EveryAnswerCarriesTheSecurityHeaders) {
    for (const auto& resp :
         {Send("GET", "/api/v1/users", kMember, Via::kBearer), Send("GET", "/nowhere", "", Via::kNone)}) {
        bool nosniff = false;
        for (const auto& [k, v] : resp.headers) nosniff = nosniff || (k == "X-Content-Type-Options" && v == "nosniff");
        EXPECT_TRUE(nosniff) << resp.status;
    }
}

}  // namespace
