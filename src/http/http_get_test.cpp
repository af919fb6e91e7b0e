#include "http/http_get.hpp"

#include <gtest/gtest.h>

namespace caunoi::http {
namespace {

TEST(ParseHttpUrl, ReadsHostPortAndTarget) {
    auto u = ParseHttpUrl("http://127.0.0.1:13013");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->host, "127.0.0.1");
    EXPECT_EQ(u->port, "13013");
    EXPECT_EQ(u->target, "/");
    u = ParseHttpUrl("HTTP://hub.example.vn/cap/feed.atom?lang=vi#top");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->host, "hub.example.vn");
    EXPECT_EQ(u->port, "80");
    EXPECT_EQ(u->target, "/cap/feed.atom?lang=vi");
    u = ParseHttpUrl("http://[::1]:8080?x=1");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->host, "::1");
    EXPECT_EQ(u->port, "8080");
    EXPECT_EQ(u->target, "/?x=1");
}

TEST(ParseHttpUrl, RefusesWhatItCannotFetch) {
    for (const char* url : {"https://hub.example.vn/feed", "ftp://hub.example.vn/", "hub.example.vn", "http://",
                            "http://:80/", "http://host:/", "http://host:8o/", "http://user:pw@host/", "http://[::1/",
                            "http://host/a b", "http://host/\r\nX: y"})
        EXPECT_FALSE(ParseHttpUrl(url)) << url;
}

}  // namespace
}  // namespace caunoi::http
