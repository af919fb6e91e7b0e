#include "warnings/cap.hpp"

#include <gtest/gtest.h>

#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

// The field a refusal names ("" when it was accepted).
std::string Refused(const std::string& xml) {
    auto a = ParseCap(xml);
    return a.ok() ? "" : a.error().field;
}

TEST(Cap, TheSpecificationsThunderstormWarning) {
    auto a = ParseCap(test_parts::CapFixture("thunderstorm.xml"));
    ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().detail;
    EXPECT_EQ(a->identifier, "KSTO1055887203");
    EXPECT_EQ(a->sent, ParseCapTime("2003-06-17T21:57:00+00:00", "t").value());
    EXPECT_EQ(a->status, "Actual");
    EXPECT_EQ(a->msg_type, "Alert");
    ASSERT_EQ(a->infos.size(), 1u);
    const auto& i = a->infos[0];
    EXPECT_EQ(i.language, "en-US") << "the default";
    EXPECT_EQ(i.categories, (std::vector<std::string>{"Met"}));
    EXPECT_EQ(i.severity, "Severe");
    EXPECT_EQ(i.expires, a->sent + 3600 + 3 * 60);
    ASSERT_EQ(i.areas.size(), 1u);
    ASSERT_EQ(i.areas[0].polygons.size(), 1u);
    EXPECT_EQ(i.areas[0].polygons[0].size(), 5u);
    EXPECT_DOUBLE_EQ(i.areas[0].polygons[0][1].lon, -119.95);
    EXPECT_EQ(i.areas[0].geocodes, (std::vector<std::pair<std::string, std::string>>{{"SAME", "006109"}}));
}

TEST(Cap, AnUpdateNamesTheMessageItReplaces) {
    auto a = ParseCap(test_parts::CapFixture("earthquake_update.xml"));
    ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().detail;
    EXPECT_EQ(a->msg_type, "Update");
    ASSERT_EQ(a->references.size(), 1u);
    EXPECT_EQ(a->references[0].identifier, "TRI13970876.1");
    EXPECT_EQ(a->references[0].sender, "trinet@caltech.edu");
    ASSERT_EQ(a->infos.at(0).areas.at(0).circles.size(), 1u);
    EXPECT_DOUBLE_EQ(a->infos[0].areas[0].circles[0].centre.lat, 32.9525);
    EXPECT_EQ(a->infos[0].parameters.at(0).first, "EventID");
}

TEST(Cap, APrefixedAlertInTwoLanguagesWithCommuneCodes) {
    auto a = ParseCap(test_parts::CapFixture("nghe_an_flash_flood.xml"));
    ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().detail;
    ASSERT_EQ(a->infos.size(), 2u);
    EXPECT_EQ(a->infos[0].language, "vi-VN");
    EXPECT_EQ(a->infos[0].event, "Lũ quét");
    EXPECT_EQ(a->infos[0].areas[0].geocodes.size(), 2u);
    EXPECT_EQ(a->infos[0].areas[0].geocodes[1].second, "16870");
    EXPECT_EQ(a->infos[0].expires - a->sent, 6 * 3600);
    EXPECT_EQ(a->infos[1].language, "en-US");
}

TEST(Cap, ACancelNeedsNoInfo) {
    auto a = ParseCap(test_parts::CapFixture("cancel.xml"));
    ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().detail;
    EXPECT_EQ(a->msg_type, "Cancel");
    EXPECT_TRUE(a->infos.empty());
    EXPECT_EQ(a->references.at(0).identifier, "NA-KTTV-2026-0612-01");
}

TEST(Cap, EachBreachOfTheSpecificationIsRefusedNamingItsElement) {
    const std::string ok = test_parts::CapFixture("thunderstorm.xml");
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {"<identifier>KSTO1055887203</identifier>", "", "alert/identifier"},
        {"<identifier>KSTO1055887203</identifier>", "<identifier>KSTO 1055887203</identifier>", "alert/identifier"},
        {"<sender>KSTO@NWS.NOAA.GOV</sender>", "<sender>a,b</sender>", "alert/sender"},
        {"<status>Actual</status>", "<status>Real</status>", "alert/status"},
        {"<status>Actual</status>", "<status>Actual</status><status>Test</status>", "alert/status"},
        {"<msgType>Alert</msgType>", "<msgType>Update</msgType>", "alert/references"},
        {"<scope>Public</scope>", "<scope>Restricted</scope>", "alert/restriction"},
        {"<scope>Public</scope>", "<scope>Private</scope>", "alert/addresses"},
        {"2003-06-17T14:57:00-07:00</sent>", "2003-06-17T21:57:00Z</sent>", "alert/sent"},
        {"2003-06-17T14:57:00-07:00</sent>", "2003-02-30T14:57:00-07:00</sent>", "alert/sent"},
        {"<category>Met</category>", "<category>Weather</category>", "alert/info[1]/category"},
        {"<category>Met</category>", "", "alert/info[1]/category"},
        {"<event>SEVERE THUNDERSTORM</event>", "", "alert/info[1]/event"},
        {"<urgency>Immediate</urgency>", "<urgency>Now</urgency>", "alert/info[1]/urgency"},
        {"<severity>Severe</severity>", "", "alert/info[1]/severity"},
        {"<certainty>Observed</certainty>", "<certainty>Sure</certainty>", "alert/info[1]/certainty"},
        {"<responseType>Shelter</responseType>", "<responseType>Run</responseType>", "alert/info[1]/responseType"},
        {"<expires>2003-06-17T16:00:00-07:00</expires>", "<expires>tomorrow</expires>", "alert/info[1]/expires"},
        {"<areaDesc>EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA</areaDesc>", "",
         "alert/info[1]/area[1]/areaDesc"},
        {"38.62,-119.89 38.47,-120.14</polygon>", "38.62,-119.89 38.47,-120.15</polygon>",
         "alert/info[1]/area[1]/polygon[1]"},  // open
        {"38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14",
         "38.47,-120.14 38.34,-119.95 38.47,-120.14", "alert/info[1]/area[1]/polygon[1]"},   // 3 points
        {"38.47,-120.14 38.34", "95.47,-120.14 38.34", "alert/info[1]/area[1]/polygon[1]"},  // latitude
        {"38.47,-120.14 38.34", "38.47;-120.14 38.34", "alert/info[1]/area[1]/polygon[1]"},
        {"<value>006109</value>", "", "alert/info[1]/area[1]/geocode[1]/value"},
        {"<areaDesc>", "<circle>32.9,-115.5</circle><areaDesc>", "alert/info[1]/area[1]/circle[1]"},
        {"urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1", "alert"},
    };
    for (const auto& [what, with, field] : cases)
        EXPECT_EQ(Refused(test_parts::Replaced(ok, what, with)), field) << what << " -> " << with;
}

TEST(Cap, HostileXmlStaysText) {
    const std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
        "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><alert "
        "xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol2;</identifier></alert>";
    EXPECT_EQ(ParseCap(laughs).error().detail, "a DTD is not accepted");
    const std::string external =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert>&x;</alert>";
    EXPECT_EQ(ParseCap(external).error().detail, "a DTD is not accepted");
    EXPECT_EQ(Refused(std::string(kMaxCapBytes + 1, ' ')), "alert");
    std::string deep = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">";
    for (int i = 0; i < 40000; ++i) deep += "<x>";
    for (int i = 0; i < 40000; ++i) deep += "</x>";
    deep += "</alert>";
    EXPECT_EQ(Refused(deep), "alert/identifier") << "deep nesting is read without harm, then refused";
    EXPECT_NE(ParseCap("<alert><unclosed></alert>").error().detail.find("not well-formed"), std::string::npos);
    EXPECT_EQ(Refused("<html><body>Service unavailable</body></html>"), "alert");
    EXPECT_EQ(Refused(""), "alert");
    EXPECT_EQ(Refused(test_parts::Replaced(test_parts::CapFixture("thunderstorm.xml"), "SEVERE THUNDERSTORM</event>",
                                           "\xff\xfe</event>")),
              "alert");
}

TEST(Cap, TimesCarryTheirOffset) {
    EXPECT_EQ(ParseCapTime("2026-06-12T14:30:00+07:00", "t").value(),
              ParseCapTime("2026-06-12T07:30:00-00:00", "t").value());
    EXPECT_EQ(ParseCapTime("1970-01-01T00:00:00+00:00", "t").value(), 0);
    for (const char* bad : {"2026-06-12T14:30:00Z", "2026-06-12T14:30:00", "2026-06-12 14:30:00+07:00",
                            "2026-13-12T14:30:00+07:00", "2026-06-12T24:30:00+07:00", "2026-02-29T10:00:00+07:00"})
        EXPECT_FALSE(ParseCapTime(bad, "t").ok()) << bad;
    EXPECT_TRUE(ParseCapTime("2028-02-29T10:00:00+07:00", "t").ok()) << "a leap day";
}

}  // namespace
}  // namespace caunoi::warnings

namespace caunoi::warnings {
namespace {

void ExpectSame(const CapAlert& a, const CapAlert& b) {
    EXPECT_EQ(a.identifier, b.identifier);
    EXPECT_EQ(a.sender, b.sender);
    EXPECT_EQ(a.sent, b.sent);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.msg_type, b.msg_type);
    EXPECT_EQ(a.scope, b.scope);
    ASSERT_EQ(a.references.size(), b.references.size());
    for (size_t k = 0; k < a.references.size(); ++k) EXPECT_EQ(a.references[k].identifier, b.references[k].identifier);
    ASSERT_EQ(a.infos.size(), b.infos.size());
    for (size_t k = 0; k < a.infos.size(); ++k) {
        const auto &x = a.infos[k], &y = b.infos[k];
        EXPECT_EQ(x.language, y.language);
        EXPECT_EQ(x.categories, y.categories);
        EXPECT_EQ(x.event, y.event);
        EXPECT_EQ(x.severity, y.severity);
        EXPECT_EQ(x.expires, y.expires);
        EXPECT_EQ(x.headline, y.headline);
        EXPECT_EQ(x.instruction, y.instruction);
        EXPECT_EQ(x.parameters, y.parameters);
        ASSERT_EQ(x.areas.size(), y.areas.size());
        for (size_t j = 0; j < x.areas.size(); ++j) {
            EXPECT_EQ(x.areas[j].desc, y.areas[j].desc);
            EXPECT_EQ(x.areas[j].geocodes, y.areas[j].geocodes);
            ASSERT_EQ(x.areas[j].polygons.size(), y.areas[j].polygons.size());
            for (size_t p = 0; p < x.areas[j].polygons.size(); ++p)
                for (size_t q = 0; q < x.areas[j].polygons[p].size(); ++q) {
                    EXPECT_EQ(x.areas[j].polygons[p][q].lat, y.areas[j].polygons[p][q].lat);
                    EXPECT_EQ(x.areas[j].polygons[p][q].lon, y.areas[j].polygons[p][q].lon);
                }
            ASSERT_EQ(x.areas[j].circles.size(), y.areas[j].circles.size());
        }
    }
}

TEST(CapOut, WhatIsWrittenIsValidByTheOasisSchemaAndReadsBackTheSame) {
    for (const char* name : {"thunderstorm.xml", "earthquake_update.xml", "nghe_an_flash_flood.xml", "cancel.xml"}) {
        auto a = ParseCap(test_parts::CapFixture(name));
        ASSERT_TRUE(a.ok()) << name;
        const std::string xml = WriteCap(*a);
        EXPECT_TRUE(test_parts::ValidByTheOasisSchema(xml, name)) << name << "\n" << xml;
        auto back = ParseCap(xml);
        ASSERT_TRUE(back.ok()) << name << ": " << back.error().field << " " << back.error().detail;
        ExpectSame(*a, *back);
    }
}

TEST(CapOut, TextFromPeopleIsEscapedNotMarkup) {
    auto a = ParseCap(test_parts::CapFixture("nghe_an_flash_flood.xml")).value();
    a.infos[0].headline = "Lũ </headline><status>Test</status> & <b>nước</b>";
    a.infos[0].instruction = "Lên chỗ cao ]]> \"ngay\"";
    const std::string xml = WriteCap(a);
    EXPECT_TRUE(test_parts::ValidByTheOasisSchema(xml, "escaped"));
    auto back = ParseCap(xml);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->infos[0].headline, a.infos[0].headline);
    EXPECT_EQ(back->infos[0].instruction, a.infos[0].instruction);
    EXPECT_EQ(back->status, "Actual");
}

TEST(CapOut, TimesAreWrittenInVietnamsOffset) {
    EXPECT_EQ(FormatCapTime(ParseCapTime("2026-06-12T07:30:00-00:00", "t").value()), "2026-06-12T14:30:00+07:00");
    EXPECT_EQ(FormatCapTime(ParseCapTime("2026-12-31T20:00:00+00:00", "t").value()), "2027-01-01T03:00:00+07:00");
}

}  // namespace
}  // namespace caunoi::warnings
