#include "http/message.hpp"

#include <gtest/gtest.h>

namespace caunoi::http {

TEST(SafeNext, KeepsSameSitePaths) {
    EXPECT_EQ(SafeNext("/households/01H"), "/households/01H");
    EXPECT_EQ(SafeNext("/procedures?q=khai"), "/procedures?q=khai");
    EXPECT_EQ(SafeNext("/"), "/");
}

TEST(SafeNext, RefusesWhatCouldLeaveTheSiteOrSplitAHeader) {
    for (const char* bad : {"", "x", "//evil.example", "/\\evil.example", "\\\\evil", "https://evil.example",
                            "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/x\r\nSet-Cookie: sid=1",
                            "/x\nSet-Cookie: sid=1", "/ /evil", "/\x7f", "/caf\xc3\xa9"})
        EXPECT_EQ(SafeNext(bad), "/") << bad;
    EXPECT_EQ(SafeNext(std::string("/a\0b", 4)), "/");
    EXPECT_EQ(SafeNext("/" + std::string(3000, 'a')), "/");
}

TEST(HeaderSafe, RefusesControlCharactersInNamesAndValues) {
    EXPECT_TRUE(HeaderSafe("Location", "/households/1"));
    EXPECT_TRUE(HeaderSafe("Set-Cookie", "sid=abc; Path=/; HttpOnly"));
    EXPECT_TRUE(HeaderSafe("Content-Disposition", "attachment; filename=\"ho-gia-dinh.csv\""));
    EXPECT_FALSE(HeaderSafe("Location", "/x\r\nSet-Cookie: sid=1"));
    EXPECT_FALSE(HeaderSafe("Location", "/x\nSet-Cookie: sid=1"));
    EXPECT_FALSE(HeaderSafe("Location", "/\t/evil"));
    EXPECT_FALSE(HeaderSafe("Location", std::string("/a\0b", 4)));
    EXPECT_FALSE(HeaderSafe("X-Bad Name", "1"));
    EXPECT_FALSE(HeaderSafe("X-Bad:", "1"));
    EXPECT_FALSE(HeaderSafe("", "1"));
}

TEST(OriginForm, TakesThePathOutOfAnAbsoluteTarget) {
    EXPECT_EQ(OriginForm("/api/v1/sms/inbound?from=1"), "/api/v1/sms/inbound?from=1");
    EXPECT_EQ(OriginForm("http://127.0.0.1:8080/api/v1/sms/inbound?from=1&text=a%2Fb"),
              "/api/v1/sms/inbound?from=1&text=a%2Fb");
    EXPECT_EQ(OriginForm("HTTP://caunoi.example.vn/sms"), "/sms");
    EXPECT_EQ(OriginForm("https://caunoi.example.vn"), "/");
    EXPECT_EQ(OriginForm("http://caunoi.example.vn?x=1"), "/");
    EXPECT_EQ(OriginForm("*"), "*");
}

TEST(BasicPassword, ReadsThePasswordOfABasicCredential) {
    std::string p;
    // base64("caunoi:s3cr:et") and base64("caunoi:")
    ASSERT_TRUE(BasicPassword("Basic Y2F1bm9pOnMzY3I6ZXQ=", p));
    EXPECT_EQ(p, "s3cr:et");
    ASSERT_TRUE(BasicPassword("basic  Y2F1bm9pOg== ", p));
    EXPECT_EQ(p, "");
    for (const char* bad : {"", "Basic", "Basic ", "Bearer Y2F1bm9pOnMzY3I6ZXQ=", "Basic Y2F1bm9p", "Basic !!!!",
                            "BasicY2F1bm9pOnMzY3I6ZXQ=", "Basic Y2F1bm9pOnMzY3I6ZXQ=x"})
        EXPECT_FALSE(BasicPassword(bad, p)) << bad;
}

TEST(PageLimit, OneRuleForEveryList) {
    Request r;
    EXPECT_EQ(r.Limit(50, 200).value(), 50) << "absent: the list's default";
    r.query["limit"] = "";
    EXPECT_EQ(r.Limit(50, 200).value(), 50);
    r.query["limit"] = "200";
    EXPECT_EQ(r.Limit(50, 200).value(), 200);
    r.query["limit"] = "1";
    EXPECT_EQ(r.Limit(50, 200).value(), 1);
    for (const char* bad : {"0", "201", "-5", "abc", "12x", "1e3", "99999999999999999999"}) {
        r.query["limit"] = bad;
        auto n = r.Limit(50, 200);
        ASSERT_FALSE(n.ok()) << bad;
        EXPECT_EQ(n.error().field, "limit") << bad;
        EXPECT_EQ(n.error().code, ErrorCode::kInvalid) << bad;
    }
}

}  // namespace caunoi::http
