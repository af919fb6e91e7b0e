// Alerts received as CAP, kept on both engines: once per sender and identifier, an Update or
// Cancel superseding what it names, and every refusal leaving nothing behind.
#include "storage/alert_store.hpp"

#include <gtest/gtest.h>

#include "storage/test_wiring.hpp"
#include "warnings/test_parts.hpp"

namespace caunoi::storage {
namespace {

namespace test_parts = warnings::test_parts;

class Alerts : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        ASSERT_TRUE(w->SeedReferenceData().ok());
        db = &w->db;
        service = &w->alerts;
    }
    int64_t Count(const char* table) {
        return db->QueryOne(std::string("SELECT COUNT(*) FROM ") + table).value().Int(0);
    }
    // Ten minutes after the flash-flood alert was sent; it holds six hours.
    FakeClock clock{warnings::ParseCapTime("2026-06-12T14:40:00+07:00", "t").value()};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    warnings::AlertService* service = nullptr;
};

TEST_P(Alerts, AnAlertIsKeptOnceWithItsCommunes) {
    const std::string xml = test_parts::CapFixture("nghe_an_flash_flood.xml");
    auto first = service->Import(xml);
    ASSERT_TRUE(first.ok()) << first.error().field << ": " << first.error().detail;
    EXPECT_FALSE(first->duplicate);
    EXPECT_EQ(first->alert.communes, (std::vector<std::string>{"16813", "16870"}));
    auto again = service->Import(xml);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->duplicate);
    EXPECT_EQ(again->alert.id, first->alert.id);
    EXPECT_EQ(Count("alerts"), 1);
    EXPECT_EQ(Count("alert_communes"), 2);
    auto kept = db->QueryOne("SELECT xml FROM alerts").value().Text(0);
    EXPECT_EQ(kept, xml) << "the XML as received";
    auto in_force = service->InForce(10);
    ASSERT_TRUE(in_force.ok());
    ASSERT_EQ(in_force->size(), 1u);
    EXPECT_EQ((*in_force)[0].identifier, "NA-KTTV-2026-0612-01");
    clock.Advance(6 * 3600);
    EXPECT_TRUE(service->InForce(10)->empty()) << "expired at 20:30";
}

TEST_P(Alerts, ACancelSupersedesWhatItNames) {
    ASSERT_TRUE(service->Import(test_parts::CapFixture("nghe_an_flash_flood.xml")).ok());
    clock.Advance(2 * 3600);
    auto cancel = service->Import(test_parts::CapFixture("cancel.xml"));
    ASSERT_TRUE(cancel.ok()) << cancel.error().field << ": " << cancel.error().detail;
    EXPECT_EQ(
        db->QueryOne("SELECT superseded_by FROM alerts WHERE identifier = 'NA-KTTV-2026-0612-01'").value().Text(0),
        cancel->alert.id);
    EXPECT_TRUE(service->InForce(10)->empty()) << "neither the cancelled alert nor the Cancel is in force";
}

TEST_P(Alerts, EachRefusalNamesWhyAndKeepsNothing) {
    const std::string flood = test_parts::CapFixture("nghe_an_flash_flood.xml");
    const std::vector<std::pair<std::string, std::string>> refused = {
        {test_parts::CapFixture("cancel.xml"), "alert/references"},  // a Cancel for an alert never received
        {test_parts::Replaced(flood, "<cap:value>16870</cap:value>", "<cap:value>99999</cap:value>"),
         "alert/info[1]/area[1]/geocode"},
        {test_parts::Replaced(flood, "2026-06-12T20:30:00+07:00", "2026-06-12T14:35:00+07:00"), "alert/info/expires"},
        {test_parts::Replaced(flood, "<cap:sent>2026-06-12T14:30:00+07:00", "<cap:sent>2026-06-20T14:30:00+07:00"),
         "alert/sent"},
        {test_parts::Replaced(flood, "<cap:status>Actual</cap:status>", "<cap:status>Real</cap:status>"),
         "alert/status"},
        {"<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert>&x;</alert>", "alert"},
    };
    for (const auto& [xml, field] : refused) {
        auto r = service->Import(xml);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.error().field, field);
        EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    }
    EXPECT_EQ(Count("alerts"), 0);
    EXPECT_EQ(Count("alert_communes"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, Alerts, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
