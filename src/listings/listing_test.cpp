// What a listing must be before it is stored, the description helper, the CSV export and the map.
#include "listings/listing.hpp"

#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "listings/description.hpp"
#include "listings/export.hpp"
#include "listings/map.hpp"

namespace caunoi::listings {
namespace {

Fields Honey() {
    return Fields({{"category", "specialty"},
                   {"name", "Mật ong rừng"},
                   {"description", "Mật ong rừng Pù Mát."},
                   {"owner_name", "Hợp tác xã Tam Hợp"},
                   {"contact_phone", "+84912345678"},
                   {"price", "450.000 đ"},
                   {"unit", "lít"},
                   {"consent", "1"}});
}

TEST(ListingRead, TakesAProductAsPeopleWriteIt) {
    Fields f = Honey();
    f.Set("month_4", "1");
    f.Set("month_5", "on");
    auto l = ReadListing(f);
    ASSERT_TRUE(l.ok()) << l.error().detail;
    EXPECT_EQ(l->kind, Kind::kProduct);
    EXPECT_EQ(l->price, 450000);
    EXPECT_EQ(l->contact_phone, "0912345678");
    EXPECT_EQ(l->months, (1 << 3) | (1 << 4));
    EXPECT_FALSE(l->show_place);
}

TEST(ListingRead, RefusesEachBadFieldByName) {
    const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases = {
        {{"price", "4 trăm nghìn"}, "price"},
        {{"price", "45,5"}, "price"},
        {{"price", ""}, "price"},
        {{"price", "-5000"}, "price"},
        {{"price", "99999999999"}, "price"},
        {{"contact_phone", ""}, "contact_phone"},
        {{"contact_phone", "hỏi trưởng bản"}, "contact_phone"},
        {{"name", "<script>alert(1)</script>"}, "name"},
        {{"description", "Ngon <b>lắm</b>"}, "description"},
        {{"description", ""}, "description"},
        {{"unit", ""}, "unit"},
        {{"category", "weapons"}, "category"},
        {{"category", "ocop"}, "ocop_stars"},
        {{"consent", ""}, "consent"},
        {{"months", "13"}, "months"},
        {{"name", std::string("Ch\xC3", 3)}, "name"},
    };
    for (const auto& [kv, field] : cases) {
        Fields f = Honey();
        f.Set(kv.first, kv.second);
        auto l = ReadListing(f);
        ASSERT_FALSE(l.ok()) << kv.first << "=" << kv.second;
        EXPECT_EQ(l.error().field, field) << kv.first << "=" << kv.second;
        EXPECT_EQ(l.error().code, ErrorCode::kInvalid);
    }
}

TEST(ListingRead, TakesAPlaceWithARangeAndItsPoint) {
    Fields f({{"category", "homestay"},
              {"name", "Homestay bản Hoa Tiến"},
              {"description", "Nhà sàn 3 gian."},
              {"owner_name", "Lô Văn Thắm"},
              {"contact_phone", "0987654321"},
              {"price", "200000"},
              {"price_max", "350.000"},
              {"unit", "đêm"},
              {"capacity", "12"},
              {"lat", "19.36"},
              {"lon", "104.88"},
              {"consent", "1"}});
    auto l = ReadListing(f);
    ASSERT_TRUE(l.ok()) << l.error().detail;
    EXPECT_EQ(l->kind, Kind::kPlace);
    EXPECT_EQ(l->price_max, 350000);
    EXPECT_EQ(l->capacity, 12);
    ASSERT_TRUE(l->lat.has_value());
    f.Set("price_max", "100000");
    EXPECT_EQ(ReadListing(f).error().field, "price_max");
    f.Set("price_max", "");
    f.Set("lon", "");
    EXPECT_EQ(ReadListing(f).error().field, "lon");
    f.Set("lon", "140.2");  // not in Nghệ An
    EXPECT_EQ(ReadListing(f).error().field, "lon");
}

TEST(ListingDescription, OrdersTheAnswersAndInventsNothing) {
    Fields f({{"help_what", "mật ong hoa rừng, màu vàng sẫm."},
              {"help_season", "tháng 4 đến tháng 6"},
              {"help_special", "không pha đường"},
              {"help_what_en", "dark wild-flower honey"}});
    auto vi = ComposeDescription(f, "", [](const char* m) { return std::string(m) == "Season" ? "Mùa vụ" : m; });
    ASSERT_TRUE(vi.ok());
    EXPECT_EQ(*vi,
              "Mật ong hoa rừng, màu vàng sẫm.\nMùa vụ: tháng 4 đến tháng 6.\nWhat makes it special: không pha "
              "đường.");
    auto en = ComposeDescription(f, "_en", [](const char* m) { return std::string(m); });
    EXPECT_EQ(*en, "Dark wild-flower honey.");
    EXPECT_EQ(ComposeDescription(Fields(), "", [](const char* m) { return std::string(m); }).value(), "");
    Fields bad;
    bad.Set("help_taste", "ngọt <img src=x onerror=alert(1)>");
    auto refused = ComposeDescription(bad, "", [](const char* m) { return std::string(m); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "help_taste");
}

TEST(ListingExport, ShippedPlatformsParseAndTheOcopListKeepsOcopOnly) {
    auto ps = ParsePlatforms(EmbeddedFile("data/listing_platforms.tsv"));
    ASSERT_TRUE(ps.ok()) << ps.error().detail;
    for (const char* key : {"generic", "postmart", "voso", "ocop"}) EXPECT_NE(FindPlatform(*ps, key), nullptr) << key;
    Listing tea;
    tea.id = "T";
    tea.category = "ocop";
    tea.ocop_stars = 4;
    tea.name = "=HYPERLINK(\"http://x\")";  // a formula in a name: defused
    tea.description = "Chè \"ngon\", thơm\nhái tay";
    tea.price = 150000;
    Listing honey = tea;
    honey.category = "specialty";
    honey.name = "Mật ong";
    ExportContext ctx{"https://cau-noi.example", [](const char* m) { return std::string(m); },
                      [](int) { return std::string("quanh năm"); }};
    const std::string csv = ExportCsv(*FindPlatform(*ps, "ocop"), {tea, honey}, ctx);
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBFSTT,", 0), 0u) << csv;
    EXPECT_NE(csv.find("1,\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
    EXPECT_EQ(csv.find("Mật ong"), std::string::npos);  // not an OCOP product
    EXPECT_NE(csv.find(",4,"), std::string::npos);      // its stars
    const std::string all = ExportCsv(*FindPlatform(*ps, "generic"), {tea, honey}, ctx);
    EXPECT_NE(all.find("\"Chè \"\"ngon\"\", thơm\nhái tay\""), std::string::npos);
    EXPECT_NE(all.find("https://cau-noi.example/l/T"), std::string::npos);
    EXPECT_EQ(std::count(all.begin(), all.end(), '\r'), 3);  // the header and two rows
}

TEST(ListingExport, RefusesAMappingWithAnUnknownField) {
    EXPECT_FALSE(ParsePlatforms("x\tX\tName\tname\nx\tX\tSecret\tnational_id\n").ok());
    EXPECT_FALSE(ParsePlatforms("x\tX\tName\n").ok());
    EXPECT_FALSE(ParsePlatforms("x\tX\t*\tonly:weapons\n").ok());
    EXPECT_TRUE(ParsePlatforms("# comment\nx\tX\tName\tname\n").ok());
}

TEST(ListingMap, DrawsVillagesAndListingsAndEscapesNames) {
    std::vector<MapPoint> villages = {{19.30, 104.80, "Bản <Hoa>", "", "", "V1", false},
                                      {19.40, 104.90, "Bản Tiến", "", "", "V2", false}};
    std::vector<MapPoint> marks = {{std::nullopt, std::nullopt, "Chè & mật", "/l/A", "V1", "", false},
                                   {19.35, 104.85, "Thác", "/l/B", "", "", true}};
    const std::string svg = MapSvg(villages, marks);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("Bản &lt;Hoa&gt;"), std::string::npos);
    EXPECT_NE(svg.find("Chè &amp; mật"), std::string::npos);
    EXPECT_NE(svg.find("href=\"/l/A\""), std::string::npos);
    EXPECT_NE(svg.find("href=\"/l/B\""), std::string::npos);
    EXPECT_EQ(svg.find("<Hoa>"), std::string::npos);
    EXPECT_EQ(MapSvg({{std::nullopt, std::nullopt, "x", "", "", "V", false}}, {}), "");
}

}  // namespace
}  // namespace caunoi::listings
