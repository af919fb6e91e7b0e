#include "channel/encoding.hpp"

#include <gtest/gtest.h>

namespace caunoi::channel {

TEST(SmsEncoding, StripsDiacriticsToGsm7) {
    EXPECT_EQ(ToGsm7("Hồ sơ ĐÃ được tiếp nhận"), "Ho so DA duoc tiep nhan");
    EXPECT_EQ(ToGsm7("Ưu tiên Ơn “Cầu Nối” – xã"), "Uu tien On \"Cau Noi\" - xa");
    EXPECT_EQ(ToGsm7("a\n\n  b\tc`"), "a b c'");
    EXPECT_EQ(ToGsm7("日本"), "??");
    EXPECT_TRUE(Measure(ToGsm7("Nguyễn Thị Đào, bản Huồi Khe")).gsm7);
}

TEST(SmsEncoding, CountsPartsAtTheGsm7AndUcs2Limits) {
    EXPECT_EQ(Measure(std::string(160, 'a')).parts, 1);
    EXPECT_EQ(Measure(std::string(161, 'a')).parts, 2);
    EXPECT_EQ(Measure(std::string(306, 'a')).parts, 2);
    EXPECT_EQ(Measure(std::string(307, 'a')).parts, 3);
    // Extension characters take two septets.
    EXPECT_EQ(Measure(std::string(80, '[')).units, 160);
    EXPECT_EQ(Measure(std::string(81, '[')).parts, 2);
    // One accent turns the whole message into UCS-2: 70 per part.
    auto s = Measure("đ" + std::string(69, 'a'));
    EXPECT_FALSE(s.gsm7);
    EXPECT_EQ(s.units, 70);
    EXPECT_EQ(s.parts, 1);
    EXPECT_EQ(Measure("đ" + std::string(70, 'a')).parts, 2);
    EXPECT_EQ(Measure("").parts, 0);
    EXPECT_TRUE(Measure("é à £").gsm7);
}

TEST(SmsEncoding, EveryVietnameseLetterWithEveryToneBecomesItsBaseLetter) {
    // Each row: a base vowel, then with the five tone marks (huyền, sắc, hỏi, ngã, nặng).
    const char* rows[][2] = {{"aàáảãạ", "a"}, {"ăằắẳẵặ", "a"}, {"âầấẩẫậ", "a"}, {"eèéẻẽẹ", "e"}, {"êềếểễệ", "e"},
                             {"iìíỉĩị", "i"}, {"oòóỏõọ", "o"}, {"ôồốổỗộ", "o"}, {"ơờớởỡợ", "o"}, {"uùúủũụ", "u"},
                             {"ưừứửữự", "u"}, {"yỳýỷỹỵ", "y"}, {"AÀÁẢÃẠ", "A"}, {"ĂẰẮẲẴẶ", "A"}, {"ÂẦẤẨẪẬ", "A"},
                             {"EÈÉẺẼẸ", "E"}, {"ÊỀẾỂỄỆ", "E"}, {"IÌÍỈĨỊ", "I"}, {"OÒÓỎÕỌ", "O"}, {"ÔỒỐỔỖỘ", "O"},
                             {"ƠỜỚỞỠỢ", "O"}, {"UÙÚỦŨỤ", "U"}, {"ƯỪỨỬỮỰ", "U"}, {"YỲÝỶỸỴ", "Y"}, {"đĐ", "dD"}};
    int letters = 0;
    for (const auto& [row, base] : rows) {
        const std::string expected = std::string(base).size() == 2 ? base : std::string(6, base[0]);
        EXPECT_EQ(ToGsm7(row), expected) << row;
        const auto size = Measure(ToGsm7(row));
        EXPECT_TRUE(size.gsm7) << row;
        EXPECT_EQ(size.units, static_cast<int>(expected.size())) << row;
        letters += static_cast<int>(expected.size());
    }
    EXPECT_EQ(letters, 24 * 6 + 2);
    // Decomposed input (a base letter followed by combining tone marks) too.
    EXPECT_EQ(ToGsm7("Nguye\u0302\u0303n"), "Nguyen");
    EXPECT_EQ(ToGsm7("tie\u0302\u0301ng Vie\u0323\u0302t"), "tieng Viet");
    // With diacritics the same text would be UCS-2: 70 characters per SMS instead of 160.
    EXPECT_FALSE(Measure("Hồ sơ").gsm7);
}

TEST(SmsEncoding, ReadsUcs2AsUtf8) {
    using namespace std::string_literals;
    EXPECT_EQ(Utf16BeToUtf8("\x00H\x00\xf4\x1e\xd3\x00 \x00s\x01\xa1"s), "Hôồ sơ");
    EXPECT_EQ(Utf16BeToUtf8("\xd8\x3d\xde\x00"s), "\xf0\x9f\x98\x80");  // a surrogate pair
    EXPECT_EQ(Utf16BeToUtf8("\xd8\x3d\x00"
                            "a"
                            "\x00"s),
              "?a?");  // lone surrogate, odd byte
}

TEST(SmsEncoding, ShortensOnAWordBoundaryToFit) {
    std::string words;
    for (int i = 0; i < 60; ++i) words += "tu" + std::to_string(i) + " ";
    words.pop_back();
    ASSERT_GT(Measure(words).parts, 1);
    const std::string one = Shorten(words, 1);
    EXPECT_EQ(Measure(one).parts, 1);
    EXPECT_GE(Measure(one).units, 150);  // as much as fits, not much less
    EXPECT_EQ(one.substr(one.size() - 3), "...");
    EXPECT_EQ(words.rfind(one.substr(0, one.size() - 3) + " ", 0), 0u) << "cut between words";
    EXPECT_EQ(Measure(Shorten(words, 2)).parts, 2);
    EXPECT_EQ(Shorten("ngan gon", 1), "ngan gon");
    // A single word longer than the budget is cut by characters (UCS-2 text: 70 a message).
    const std::string long_word = Shorten(std::string(200, 'x'), 1);
    EXPECT_EQ(long_word.size(), 160u);
    EXPECT_EQ(Measure(Shorten("đ" + std::string(100, 'a') + " b", 1)).parts, 1);
}

}  // namespace caunoi::channel
