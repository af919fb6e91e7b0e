// Announcements through App::Handle, on an App over a migrated SQLite database in memory: what an
// officer types (HTML, a script) is shown as text on every page and in the JSON, never run; the
// routes' roles; the audio of a withdrawn announcement is gone.
#include "http/handlers/announcements.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "http/app_testing.hpp"
#include "storage/migrator.hpp"
#include "storage/testing.hpp"
#include "storage/user_store.hpp"

using namespace caunoi;

namespace {

constexpr int64_t kNow = 1781250000;  // 2026-06-12 14:40 in Vietnam

class AnnouncementPages : public http::testing::AppOverSqlite {
  protected:
    AnnouncementPages() : AppOverSqlite(kNow, Config("https://caunoi.example.vn")) {}
    void SetUp() override {
        ASSERT_TRUE(migrated);
        ASSERT_TRUE(storage::test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                                        {"16813", "40", "commune", "40/16813"},
                                                        {"16870", "40", "commune", "40/16870"},
                                                        {"V1", "16813", "village", "40/16813/V1"}})
                        .ok());
        AddUser("O1", Role::kCommuneOfficer, "40/16813", kOfficer);
        AddUser("O2", Role::kCommuneOfficer, "40/16870", kOther);
    }
    void AddUser(const std::string& id, Role role, const std::string& area, const std::string& token) {
        AppOverSqlite::AddUser(id, role, area, "", token);
    }
    http::Response Send(const std::string& method, const std::string& path, const std::string& token = "",
                        const std::string& json = "") {
        http::Request req;
        req.method = method;
        req.path = path;
        auto q = path.find('?');
        if (q != std::string::npos) {
            req.path = path.substr(0, q);
            const std::string query = path.substr(q + 1);
            for (const auto& kv : text::Split(query, '&')) {
                auto eq = kv.find('=');
                req.query[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
            }
        }
        req.remote_addr = "10.0.0.1";
        req.body = json;
        if (!json.empty()) req.headers["content-type"] = "application/json";
        if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
        return app.Handle(req);
    }

    const std::string kOfficer = std::string(43, 'o');
    const std::string kOther = std::string(43, 'p');
};

TEST_F(AnnouncementPages, WhatAnOfficerTypesIsShownAsTextEverywhere) {
    const std::string body =
        R"({"title":"<script>alert(1)</script> Họp","text":"<img src=x onerror=alert(2)> & \"quotes\"\nline 2",)"
        R"("valid_until":"2026-06-20","villages":["V1"]})";
    auto posted = Send("POST", "/api/v1/announcements", kOfficer, body);
    ASSERT_EQ(posted.status, 201) << posted.body;
    const auto id = boost::json::parse(posted.body).at("id").as_string();
    const std::string path = "/announcements/" + std::string(id);
    for (const std::string& page : {path, path + "/print", std::string("/announcements?commune=16813")}) {
        auto r = Send("GET", page, page.find('?') == std::string::npos ? "" : kOfficer);
        ASSERT_EQ(r.status, 200) << page << ": " << r.body;
        EXPECT_EQ(r.body.find("<script>alert"), std::string::npos) << page;
        EXPECT_EQ(r.body.find("<img src=x"), std::string::npos) << page;
        EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt; Họp"), std::string::npos) << page;
    }
    auto print = Send("GET", path + "/print");
    EXPECT_NE(print.body.find("<svg"), std::string::npos) << "the QR code";
    EXPECT_NE(print.body.find("https://caunoi.example.vn" + path), std::string::npos);
    EXPECT_NE(print.body.find("@page{size:A4"), std::string::npos);
    // JSON carries the text as typed (it is data, typed application/json).
    auto json = Send("GET", "/api/v1/" + path.substr(1));
    EXPECT_EQ(json.status, 200);
    EXPECT_EQ(boost::json::parse(json.body).at("title").as_string(), "<script>alert(1)</script> Họp");
    EXPECT_EQ(json.content_type.rfind("application/json", 0), 0u);
    EXPECT_FALSE(boost::json::parse(json.body).as_object().contains("sms_text")) << "public: no SMS details";
}

TEST_F(AnnouncementPages, WritesByCommuneOfficersOfTheCommuneReadsByAnyone) {
    const std::string body = R"({"title":"Họp bản","text":"Họp lúc 19:00.","valid_until":"2026-06-20"})";
    EXPECT_EQ(Send("POST", "/api/v1/announcements", "", body).status, 401);
    EXPECT_EQ(Send("POST", "/api/v1/announcements", kOther,
                   R"({"commune_id":"16813","title":"x","text":"y","valid_until":"2026-06-20"})")
                  .status,
              404);
    auto refused = Send("POST", "/api/v1/announcements", kOfficer, R"({"title":"","text":"y"})");
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("\"field\":\"title\""), std::string::npos) << refused.body;
    auto posted = Send("POST", "/api/v1/announcements", kOfficer, body);
    ASSERT_EQ(posted.status, 201);
    const std::string id(boost::json::parse(posted.body).at("id").as_string());
    auto list = Send("GET", "/api/v1/announcements?commune=16813");
    EXPECT_EQ(list.status, 200);
    EXPECT_NE(list.body.find(id), std::string::npos);
    EXPECT_EQ(Send("GET", "/api/v1/announcements").status, 422) << "which commune";
    EXPECT_EQ(Send("POST", "/api/v1/announcements/" + id + "/withdraw", kOther, "{}").status, 404);
    auto withdrawn = Send("POST", "/api/v1/announcements/" + id + "/withdraw", kOfficer, "{}");
    EXPECT_EQ(withdrawn.status, 200) << withdrawn.body;
    EXPECT_EQ(boost::json::parse(withdrawn.body).at("in_force").as_bool(), false);
    EXPECT_EQ(Send("GET", "/announcements/" + id + "/audio.mp3").status, 404) << "withdrawn: nothing to play";
    EXPECT_EQ(Send("GET", "/announcements/" + id).status, 200) << "the page says it was withdrawn";
    EXPECT_EQ(Send("GET", "/api/v1/announcements?commune=16813").body.find(id), std::string::npos);
}

}  // namespace
