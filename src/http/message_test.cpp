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

}  // namespace caunoi::http
