#include "http/qr_svg.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <regex>

namespace caunoi::http {

// The SVG draws exactly the modules libqrencode set: sum of run lengths = dark modules.
TEST(QrSvg, DrawsEveryDarkModuleOnce) {
    const std::string url = "https://caunoi.example.vn/p/birth_linked";
    auto svg = QrSvg(url);
    ASSERT_TRUE(svg.ok());
    QRcode* qr = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    ASSERT_NE(qr, nullptr);
    int dark = 0;
    for (int i = 0; i < qr->width * qr->width; ++i) dark += qr->data[i] & 1;
    const int size = qr->width + 8;
    QRcode_free(qr);
    int drawn = 0;
    std::regex run("h([0-9]+)v1");
    for (std::sregex_iterator it(svg->begin(), svg->end(), run), end; it != end; ++it) drawn += std::stoi((*it)[1]);
    EXPECT_EQ(drawn, dark);
    EXPECT_NE(svg->find("viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) + "\""),
              std::string::npos);
    EXPECT_LT(svg->size(), 8000u);
}

TEST(QrSvg, RefusesEmptyOrHugeText) {
    EXPECT_FALSE(QrSvg("").ok());
    EXPECT_FALSE(QrSvg(std::string(600, 'x')).ok());
}

}  // namespace caunoi::http
