#include "warnings/spoken.hpp"

#include <gtest/gtest.h>

namespace caunoi::warnings {
namespace {

TEST(Spoken, NumbersAsTheyAreRead) {
    const std::vector<std::pair<int64_t, std::string>> cases = {
        {0, "không"},
        {1, "một"},
        {5, "năm"},
        {10, "mười"},
        {11, "mười một"},
        {14, "mười bốn"},
        {15, "mười lăm"},
        {20, "hai mươi"},
        {21, "hai mươi mốt"},
        {24, "hai mươi tư"},
        {25, "hai mươi lăm"},
        {100, "một trăm"},
        {101, "một trăm linh một"},
        {105, "một trăm linh năm"},
        {110, "một trăm mười"},
        {115, "một trăm mười lăm"},
        {150, "một trăm năm mươi"},
        {1000, "một nghìn"},
        {1005, "một nghìn không trăm linh năm"},
        {2026, "hai nghìn không trăm hai mươi sáu"},
        {20000, "hai mươi nghìn"},
        {1000000, "một triệu"},
        {1250000, "một triệu hai trăm năm mươi nghìn"},
        {3000000000, "ba tỷ"},
        {-5, "âm năm"},
    };
    for (const auto& [n, want] : cases) EXPECT_EQ(SpokenNumber(n), want) << n;
}

TEST(Spoken, TextWithNumbersTimesDatesAndUnits) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Mưa 150 mm trong 6 giờ", "Mưa một trăm năm mươi mi-li-mét trong sáu giờ"},
        {"từ 14:30 đến 20h", "từ mười bốn giờ ba mươi phút đến hai mươi giờ"},
        {"lúc 7h05 sáng", "lúc bảy giờ năm phút sáng"},
        {"ngày 12/6/2026", "ngày mười hai tháng sáu năm hai nghìn không trăm hai mươi sáu"},
        {"hết 31/12", "hết ngày ba mươi mốt tháng mười hai"},
        {"nước lên 2,5 m", "nước lên hai phẩy năm mét"},
        {"gió 60 km/h", "gió sáu mươi ki-lô-mét một giờ"},
        {"nhiệt độ 5°C", "nhiệt độ năm độ C"},
        {"80% khả năng", "tám mươi phần trăm khả năng"},
        {"1.500 hộ dân", "một nghìn năm trăm hộ dân"},
        {"cấp 3", "cấp ba"},
        {"mưa 150mm", "mưa một trăm năm mươi mi-li-mét"},
        {"sóng 3G và 4G, xã T3", "sóng 3G và 4G, xã T3"},  // a number inside a word stays
        {"5 mưa", "năm mưa"},                              // "m" of "mưa" is no unit
        {"không có số", "không có số"},
    };
    for (const auto& [text, want] : cases) EXPECT_EQ(SpokenText(text), want) << text;
}

TEST(Spoken, ReadingTimeGrowsWithTheText) {
    EXPECT_EQ(SpeakingSeconds(""), 0);
    const int short_text = SpeakingSeconds("Lũ quét. Lên chỗ cao.");
    const int long_text = SpeakingSeconds(
        "Ủy ban nhân dân xã Mường Xén thông báo khẩn: cảnh báo lũ quét cấp độ ba trong sáu giờ tới. Bà con ở ven suối "
        "rời khỏi nhà, lên chỗ cao, không qua ngầm tràn. Thông báo lần hai.");
    EXPECT_GE(short_text, 2);
    EXPECT_LE(short_text, 5);
    EXPECT_GE(long_text, 12);
    EXPECT_LT(long_text, 30);
}

}  // namespace
}  // namespace caunoi::warnings
