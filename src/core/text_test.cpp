#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace caunoi::text;

TEST(TextFold, StripsToneMarksAndCase) {
    EXPECT_EQ(Fold("Nguyễn Văn A"), "nguyen van a");
    EXPECT_EQ(Fold("NGUYEN VAN A"), "nguyen van a");
    EXPECT_EQ(Fold("nguyen van a"), "nguyen van a");
}

TEST(TextFold, MapsDStrokeToD) {
    EXPECT_EQ(Fold("Đức"), "duc");
    EXPECT_EQ(Fold("đường"), "duong");
}

TEST(TextFold, HandlesDecomposedInput) {
    // "Việt" written with combining marks (NFD): e + U+0323 + U+0302.
    EXPECT_EQ(Fold("Vie\xcc\xa3\xcc\x82t"), "viet");
}

TEST(TextFold, CollapsesPunctuationAndSpaces) {
    EXPECT_EQ(Fold("  Lầu   Bá-Chò, "), "lau ba cho");
    EXPECT_EQ(Fold(""), "");
}

TEST(TextTokens, SplitsFoldedText) {
    auto t = Tokens(Fold("Vi Văn Hùng 1990"));
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], "vi");
    EXPECT_EQ(t[3], "1990");
}

TEST(TextUtf8, RejectsMalformedAndControl) {
    EXPECT_TRUE(IsValidUtf8("Mường Xén"));
    EXPECT_FALSE(IsValidUtf8("\xff\xfe"));
    EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
    EXPECT_FALSE(IsValidUtf8(std::string("a\0b", 3)));
    EXPECT_FALSE(IsValidUtf8("a\nb", false));
    EXPECT_TRUE(IsValidUtf8("a\nb", true));
}

// Long printable runs are checked eight bytes at a time: a bad byte is found wherever it falls.
TEST(TextUtf8, FindsABadByteAnywhereInALongText) {
    const std::string base(40, 'a');
    EXPECT_TRUE(IsValidUtf8(base + "~ Mường Xén " + base));
    for (size_t at = 0; at < base.size(); ++at) {
        for (char bad : {'\0', '\x01', '\x1f', '\x7f', '\n', '\r'}) {
            std::string s = base;
            s[at] = bad;
            const bool newline = bad == '\n' || bad == '\r';
            EXPECT_EQ(IsValidUtf8(s, true), newline) << at << " " << int(bad);
            EXPECT_FALSE(IsValidUtf8(s, false)) << at << " " << int(bad);
        }
        std::string tab = base, stray = base, lead = base;
        tab[at] = '\t';
        stray[at] = '\x80';  // a continuation byte alone
        lead[at] = '\xc3';   // a lead byte without its continuation
        EXPECT_TRUE(IsValidUtf8(tab)) << at;
        EXPECT_FALSE(IsValidUtf8(stray)) << at;
        EXPECT_EQ(IsValidUtf8(lead), false) << at;
    }
}

TEST(TextSplit, TrimsAndDropsEmptyItems) {
    auto v = Split(" gzip, deflate ,, br;q=0.5 ", ',');
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0], "gzip");
    EXPECT_EQ(v[1], "deflate");
    EXPECT_EQ(v[2], "br;q=0.5");
    EXPECT_TRUE(Split("", ',').empty());
}

TEST(TextCodePoints, CountsCharactersNotBytes) { EXPECT_EQ(CodePoints("Đức"), 3u); }

TEST(Text, EditDistanceCountsOneTransposition) {
    EXPECT_EQ(EditDistance("GIAYTO", "GIAYTO"), 0);
    EXPECT_EQ(EditDistance("GAIYTO", "GIAYTO"), 1);
    EXPECT_EQ(EditDistance("GIATO", "GIAYTO"), 1);
    EXPECT_EQ(EditDistance("GIAYYTO", "GIAYTO"), 1);
    EXPECT_EQ(EditDistance("GXXYTO", "GIAYTO"), 2);
    EXPECT_EQ(EditDistance("", "HUY"), 2);
}
