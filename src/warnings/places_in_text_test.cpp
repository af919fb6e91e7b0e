#include "warnings/places_in_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "warnings/warnings.hpp"

namespace caunoi::warnings {
namespace {

// The province's communes as shipped (code, kind, name, province, former highland district).
std::vector<Place> Communes() {
    std::vector<Place> out;
    bool header = true;
    for (auto line : text::Split(EmbeddedFile("data/nghe_an_communes.tsv"), '\n')) {
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> cols;
        size_t start = 0;
        const std::string l(line);
        for (size_t i = 0; i <= l.size(); ++i)
            if (i == l.size() || l[i] == '\t') {
                cols.push_back(l.substr(start, i - start));
                start = i + 1;
            }
        out.push_back({cols.at(0), cols.at(2), cols.size() > 4 ? text::Trim(cols[4]) : ""});
    }
    return out;
}

std::vector<std::string> Ids(const PlacesInText& f) {
    std::vector<std::string> ids;
    for (const auto& p : f.places) ids.push_back(p.id);
    return ids;
}

const std::vector<Place>& All() {
    static const std::vector<Place> all = Communes();
    return all;
}

TEST(PlacesInText, ABulletinsListOfCommunesWithOrWithoutMarks) {
    const std::vector<std::string> want = {"16813", "16870", "16831"};  // Mường Xén, Na Ngoi, Mường Lống
    for (const char* bulletin :
         {"Cảnh báo lũ quét, sạt lở đất trong 3-6 giờ tới tại các xã Mường Xén, Na Ngoi, Mường Lống.",
          "CANH BAO LU QUET tai cac xa muong xen, na ngoi va Muong Long trong 6 gio toi",
          // decomposed marks (NFD), as some phones paste them
          "các xã Mu\xcc\x9bo\xcc\x9b\xcc\x80ng Xe\xcc\x81n; Na Ngoi; Mu\xcc\x9bo\xcc\x9b\xcc\x80ng "
          "Lo\xcc\x82\xcc\x81ng"}) {
        auto f = FindPlaces(bulletin, All());
        EXPECT_EQ(Ids(f), want) << bulletin;
        EXPECT_TRUE(f.unknown.empty()) << bulletin << ": " << (f.unknown.empty() ? "" : f.unknown.front());
    }
}

TEST(PlacesInText, TheLongerNameWinsAndEachPlaceComesOnce) {
    auto f = FindPlaces("Mưa lớn ở xã Anh Sơn Đông và Anh Sơn; Anh Sơn Đông có nguy cơ sạt lở.", All());
    EXPECT_EQ(Ids(f), (std::vector<std::string>{"17365", "17329"}));
    auto only_long = FindPlaces("xã Anh Sơn Đông", All());
    EXPECT_EQ(Ids(only_long), (std::vector<std::string>{"17365"})) << "not also Anh Sơn";
}

TEST(PlacesInText, WholeWordsOnly) {
    // "Na Ngoi" inside longer words, and a commune's name as part of another word, find nothing.
    for (const char* t : {"Thông báo: nhà ngoài bản Nangoi, xã Mườngxén", "xã Na Ngoix", "bản Hữu Kiệmm"}) {
        auto f = FindPlaces(t, All());
        EXPECT_TRUE(f.places.empty()) << t << ": " << f.places.front().name;
    }
}

TEST(PlacesInText, AFormerDistrictProposesItsCommunesMarkedAsSuch) {
    auto f = FindPlaces("Cảnh báo rét hại cho huyện Kỳ Sơn và xã Na Ngoi.", All());
    const auto ky_son =
        std::count_if(All().begin(), All().end(), [](const Place& p) { return p.former_district == "Kỳ Sơn"; });
    ASSERT_EQ(static_cast<long>(f.places.size()), ky_son) << "Na Ngoi is in Kỳ Sơn: once";
    EXPECT_TRUE(std::all_of(f.places.begin(), f.places.end(), [](const PlaceMatch& m) { return m.by_district; }));
    EXPECT_EQ(f.places.front().said, "huyen ky son");
    // Without "huyện" a district's name proposes nothing (it may be a village's or a river's name).
    EXPECT_TRUE(FindPlaces("sông Kỳ Sơn", All()).places.empty());
}

TEST(PlacesInText, NamesInTheListThatMatchNothingAreShownNotDropped) {
    // Mường Ải and Xốp Mạt are no commune of data/nghe_an_communes.tsv (a typo, a village, an old name).
    auto f = FindPlaces("Lũ quét tại các xã Mường Xén, Mường Ải, Xốp Mạt và Na Ngoi trong 6 giờ tới.", All());
    EXPECT_EQ(Ids(f), (std::vector<std::string>{"16813", "16870"}));
    EXPECT_EQ(f.unknown, (std::vector<std::string>{"muong ai", "xop mat"}))
        << "the prose after the list (\"trong 6 giờ tới\") is not a name";
}

TEST(PlacesInText, ABulletinNamingNoCommuneProposesNothing) {
    auto f = FindPlaces("Dự báo thời tiết: trời nhiều mây, có mưa rào. Nhiệt độ 22-30 độ.", All());
    EXPECT_TRUE(f.places.empty());
    EXPECT_TRUE(f.unknown.empty());
    EXPECT_TRUE(FindPlaces("", All()).places.empty());
    EXPECT_TRUE(FindPlaces("xã Atlantis", All()).places.empty());
    EXPECT_EQ(FindPlaces("xã Atlantis", All()).unknown, (std::vector<std::string>{"atlantis"}));
}

TEST(PlacesInText, HostileTextIsOnlyText) {
    std::string big(200000, 'a');
    big += " xã Na Ngoi \x01\xff\xfe";
    auto f = FindPlaces(big, All());
    EXPECT_EQ(Ids(f), (std::vector<std::string>{"16870"}));
}

TEST(RiskLevels, FiveOfficialLevelsAndNothingElse) {
    for (int l = 1; l <= 5; ++l) EXPECT_EQ(RiskLevelOf(l).value()->level, l);
    for (int bad : {0, 6, -1}) {
        auto r = RiskLevelOf(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "level");
    }
    EXPECT_EQ(kRiskLevels[4].hex, "#7b2d8e") << "level 5 is purple (Decision 18/2021/QĐ-TTg, Art. 4.3)";
    EXPECT_EQ(kHazards.Parse("flash_flood"), Hazard::kFlashFlood);
    EXPECT_FALSE(kHazards.Parse("tsunami").has_value());
}

}  // namespace
}  // namespace caunoi::warnings
