// Name search through RegistryStore on both engines. On PostgreSQL a search inside one commune
// first walks a window of the commune's households in name order and falls back to the search
// index: the window is made tiny here so every path (page found in the window, window reaching
// the commune's end, fallback, paging across the window's edge) must give the exact answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "storage/dialect.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

class HouseholdSearch : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock, test_db::WiringOptions{.search_window = 25});
        db = &w->db;
        store = &w->registry_store;
        ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                               {"16813", "40", "commune", "40/16813"},
                                               {"V1", "16813", "village", "40/16813/V1"},
                                               {"V2", "16813", "village", "40/16813/V2"},
                                               {"16870", "40", "commune", "40/16870"},
                                               {"V3", "16870", "village", "40/16870/V3"}})
                        .ok());
        // 120 households in commune 16813: every third a "Lò Văn", two "Vi Thị Zịt" at the end of
        // the name order; 40 "Lò Văn" in the other commune, which must never show.
        ASSERT_TRUE(db->InTransaction([&]() -> Status {
                          for (int i = 0; i < 160; ++i) {
                              registry::Household h;
                              h.id = "H" + std::to_string(1000 + i);
                              const bool other = i >= 120;
                              h.village_id = other ? "V3" : (i % 2 ? "V1" : "V2");
                              h.area_path = (other ? "40/16870/" : "40/16813/") + h.village_id;
                              char n[8];
                              std::snprintf(n, sizeof n, "%03d", i);
                              h.name = other || i % 3 == 0 ? std::string("Lò Văn ") + n
                                       : i == 7 || i == 8  ? std::string("Vi Thị Zịt ") + n
                                                           : std::string("Hà Thị ") + n;
                              h.consent = {"u", 1, "registry"};
                              CAUNOI_TRY(store->InsertHousehold(h));
                          }
                          return {};
                      }).ok());
    }
    // Every household `s` reaches whose name matches, in name order, walking all pages.
    std::vector<std::string> Search(const Scope& s, const std::string& text, int limit) {
        std::vector<std::string> names;
        registry::HouseholdQuery q;
        q.limit = limit;
        for (int pages = 0; pages < 100; ++pages) {
            auto page = store->ListHouseholds(s, q, text::Tokens(text::Fold(text)));
            EXPECT_TRUE(page.ok());
            if (!page.ok()) break;
            for (const auto& h : page->items) names.push_back(text::Fold(h.name));
            if (page->next_cursor.empty()) break;
            q.after = page->next_cursor;
        }
        return names;
    }
    std::vector<std::string> Expected(const std::string& prefix, const std::string& village = "") {
        std::vector<std::string> out;
        for (int i = 0; i < 120; ++i) {
            char n[8];
            std::snprintf(n, sizeof n, "%03d", i);
            std::string name = i % 3 == 0         ? std::string("lo van ") + n
                               : i == 7 || i == 8 ? std::string("vi thi zit ") + n
                                                  : std::string("ha thi ") + n;
            if (name.rfind(prefix, 0) == 0 && (village.empty() || village == (i % 2 ? "V1" : "V2")))
                out.push_back(name);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    FakeClock clock{1};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    RegistryStore* store = nullptr;
};

TEST_P(HouseholdSearch, ACommonNamePagedAcrossTheWindowIsExactAndStaysInTheCommune) {
    EXPECT_EQ(Search(Scope{{"40/16813"}}, "lò văn", 7), Expected("lo van"));  // 40 names, window 25
    EXPECT_EQ(Search(Scope{{"40/16813"}}, "LO VAN", 50), Expected("lo van"));
}

TEST_P(HouseholdSearch, ARareNameBeyondTheWindowIsFound) {
    EXPECT_EQ(Search(Scope{{"40/16813"}}, "zit", 20), Expected("vi thi zit"));
    EXPECT_EQ(Search(Scope{{"40/16813"}}, "nobody", 20), std::vector<std::string>{});
}

TEST_P(HouseholdSearch, AVillageScopeSeesItsOwnOnly) {
    EXPECT_EQ(Search(Scope{{"40/16813/V1"}}, "lo van", 6), Expected("lo van", "V1"));
    EXPECT_EQ(Search(Scope{{"40/16813/V2"}}, "vi zit", 6), Expected("vi thi zit", "V2"));
}

TEST_P(HouseholdSearch, TheProvinceSearchesEveryCommune) {
    EXPECT_EQ(Search(Scope{{"40"}}, "lo van", 30).size(), 80u);
    EXPECT_EQ(Search(Scope{{"40/16813", "40/16870"}}, "lo van 13", 30).size(), 10u);  // 130…139, all in 16870
}

// A name search reads at most the match window of matching households (here 30), however common
// the name: fewer matches give the exact answer; more give some of them, in name order, in scope,
// and say so on every page.
TEST_P(HouseholdSearch, TheMatchWindowBoundsWhatASearchReadsAndSaysWhenThereIsMore) {
    RegistryStore windowed(*db, clock, 25, 30);
    struct Case {
        Scope scope;
        std::string text, village;
        std::vector<std::string> all;
    };
    std::vector<std::string> province_lo = Expected("lo van");
    for (int i = 120; i < 160; ++i) province_lo.push_back("lo van " + std::to_string(i));
    std::sort(province_lo.begin(), province_lo.end());
    const std::vector<Case> cases = {
        {Scope{{"40/16813"}}, "lò văn", "", Expected("lo van")},           // 40 matches
        {Scope{{"40"}}, "lo van", "", province_lo},                        // 80
        {Scope{{"40/16813"}}, "lo van", "V1", Expected("lo van", "V1")},   // 20
        {Scope{{"40/16813/V2"}}, "lo van", "", Expected("lo van", "V2")},  // 20
        {Scope{{"40/16813"}}, "vi zit", "", Expected("vi thi zit")},       // 2
        {Scope{{"40/16813"}}, "ha thi", "", Expected("ha thi")},           // 70
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text + " in " + c.scope.paths[0] + " " + c.village);
        std::vector<std::string> names;
        registry::HouseholdQuery q;
        q.village_id = c.village;
        q.limit = 8;
        bool too_many = false;
        for (int pages = 0; pages < 20; ++pages) {
            auto page = windowed.ListHouseholds(c.scope, q, text::Tokens(text::Fold(c.text)));
            ASSERT_TRUE(page.ok());
            if (pages == 0) too_many = page->too_many;
            EXPECT_EQ(page->too_many, too_many);
            for (const auto& h : page->items) names.push_back(text::Fold(h.name));
            if (page->next_cursor.empty()) break;
            q.after = page->next_cursor;
        }
        EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
        EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
        for (const auto& n : names) EXPECT_TRUE(std::binary_search(c.all.begin(), c.all.end(), n)) << n;
        if (c.all.size() <= 30) {
            EXPECT_FALSE(too_many);
            EXPECT_EQ(names, c.all);
        } else {
            EXPECT_TRUE(too_many);
            EXPECT_GE(names.size(), 8u);
        }
        // The people search reads the same window and says the same.
        registry::PeopleQuery pq;
        pq.tokens = text::Tokens(text::Fold(c.text));
        pq.village_id = c.village;
        auto people = windowed.FindPeople(c.scope, pq);
        ASSERT_TRUE(people.ok());
        EXPECT_EQ(people->too_many, c.all.size() > 30);
        EXPECT_EQ(people->people.empty(), c.all.empty());
    }
}

// A typed word finds every word it begins, those written after the database was made included:
// on PostgreSQL the search names them from the words it keeps (V040), which a household's insert,
// its rename, a resident's insert and an import's deferred documents must each add to.
TEST_P(HouseholdSearch, ATypedWordFindsEveryWordItBeginsAsNamesAreWritten) {
    const Scope commune{{"40/16813"}};
    auto household = [&](const std::string& id, const std::string& name) {
        registry::Household h;
        h.id = id;
        h.village_id = "V1";
        h.area_path = "40/16813/V1";
        h.name = name;
        h.consent = {"u", 1, "registry"};
        return h;
    };
    auto resident = [&](const std::string& id, const std::string& household_id, const std::string& name) {
        registry::Resident r;
        r.id = id;
        r.household_id = household_id;
        r.area_path = "40/16813/V1";
        r.full_name = name;
        r.consent = {"u", 1, "registry"};
        return r;
    };
    // 70 words beginning "xa": more than a search names one by one, so "xa" stays a prefix.
    ASSERT_TRUE(db->InTransaction([&]() -> Status {
                      for (int i = 0; i < 70; ++i) {
                          char n[8];
                          std::snprintf(n, sizeof n, "%03d", i);
                          CAUNOI_TRY(store->InsertHousehold(household("X" + std::to_string(i), std::string("Xa") + n)));
                      }
                      return {};
                  }).ok());
    EXPECT_EQ(Search(commune, "xa", 50).size(), 70u);
    EXPECT_EQ(Search(commune, "xa01", 50).size(), 10u);  // xa010 … xa019
    EXPECT_EQ(Search(commune, "xa069", 50).size(), 1u);
    // Each new word below extends a word already written ("min" → "minh"): were it not kept, the
    // typed word would be named as the old word alone and miss it.
    for (const auto& [id, name] : std::vector<std::pair<std::string, std::string>>{
             {"S1", "Lò Văn Min"}, {"S2", "Vi Thị Hoa"}, {"S3", "Hà Thị Lan"}, {"S4", "Lò Văn Thu"}})
        ASSERT_TRUE(store->InsertHousehold(household(id, name)).ok());
    ASSERT_TRUE(store->InsertHousehold(household("Q1", "Quàng Văn Minh")).ok());
    EXPECT_EQ(Search(commune, "min qua", 10), std::vector<std::string>{"quang van minh"});
    ASSERT_TRUE(store->UpdateHousehold(household("Q1", "Quàng Văn Hoàng")).ok());
    EXPECT_EQ(Search(commune, "hoa qua", 10), std::vector<std::string>{"quang van hoang"});
    EXPECT_EQ(Search(commune, "hoa", 10), (std::vector<std::string>{"quang van hoang", "vi thi hoa"}));
    ASSERT_TRUE(store->InsertResident(resident("RQ", "Q1", "Quàng Thị Lành")).ok());
    EXPECT_EQ(Search(commune, "lan qua", 10), std::vector<std::string>{"quang van hoang"});
    // An import writes its households' documents once, at its end.
    ASSERT_TRUE(db->InTransaction([&]() -> Status {
                      CAUNOI_TRY(store->DeferSearch());
                      CAUNOI_TRY(store->InsertHousehold(household("I1", "Khà Văn Lự")));
                      CAUNOI_TRY(store->InsertResident(resident("RI", "I1", "Khà Thị Thuận")));
                      return store->WriteSearch({"I1"});
                  }).ok());
    EXPECT_EQ(Search(commune, "thu kha", 10), std::vector<std::string>{"kha van lu"});
    // Every word a resident's name brings, and the people search too.
    registry::PeopleQuery pq;
    pq.tokens = text::Tokens(text::Fold("thu kh"));
    auto people = store->FindPeople(commune, pq);
    ASSERT_TRUE(people.ok());
    ASSERT_EQ(people->people.size(), 1u);
    EXPECT_EQ(people->people[0].resident_id, "RI");
}

// A word most households hold ("văn": 120 of 200 here) is checked on each match of the rarer
// words on PostgreSQL, not looked up in the index: the households found must be the same, so a
// household with the rare word and without "văn" must not come back.
TEST_P(HouseholdSearch, AWordInMostHouseholdsIsCheckedOnEachMatch) {
    ASSERT_TRUE(db->InTransaction([&]() -> Status {
                      for (int i = 0; i < 40; ++i) {
                          registry::Household h;
                          h.id = "T" + std::to_string(i);
                          h.village_id = "V3";
                          h.area_path = "40/16870/V3";
                          h.name = "Đinh Văn Tú";
                          h.consent = {"u", 1, "registry"};
                          CAUNOI_TRY(store->InsertHousehold(h));
                      }
                      return {};
                  }).ok());
    ASSERT_TRUE(db->ExecScript("ANALYZE households").ok());
    auto terms = store->NameTerms(text::Tokens("van 003"));
    ASSERT_TRUE(terms.ok());
    if (db->dialect() == Dialect::kPostgres) {
        EXPECT_EQ(terms->terms, (std::vector<std::string>{"(003)", "", "(van)"}));
    } else {
        EXPECT_EQ(terms->terms, (std::vector<std::string>{"van", "003"}));
    }
    const Scope province{{"40"}}, commune{{"40/16813"}};
    EXPECT_EQ(Search(province, "van 003", 20), std::vector<std::string>{"lo van 003"});
    EXPECT_EQ(Search(province, "văn 004", 20), std::vector<std::string>{});  // "Hà Thị 004"
    EXPECT_EQ(Search(commune, "van 004", 20), std::vector<std::string>{});
    EXPECT_EQ(Search(province, "tu van", 50).size(), 40u);  // "tú": 40 of 200, not rare
    registry::PeopleQuery pq;
    pq.tokens = text::Tokens("van 004");
    auto people = store->FindPeople(province, pq);
    ASSERT_TRUE(people.ok());
    EXPECT_TRUE(people->people.empty());
}

// A name typed whole is found among the many that begin with it: when more match than the
// window holds, the households holding the typed words themselves fill it first ("tho" before
// "thoa", though every "Thoa" was written first); when the window has room, the others too, once.
TEST_P(HouseholdSearch, WordsTypedWholeComeFirstInAFullWindow) {
    ASSERT_TRUE(db->InTransaction([&]() -> Status {
                      for (int i = 0; i < 20; ++i) {
                          registry::Household h;
                          h.id = (i < 10 ? "A" : "B") + std::to_string(i);
                          h.village_id = "V3";
                          h.area_path = "40/16870/V3";
                          h.name = i < 10 ? "Lường Thoa" : "Lường Tho";
                          h.consent = {"u", 1, "registry"};
                          CAUNOI_TRY(store->InsertHousehold(h));
                      }
                      return {};
                  }).ok());
    const Scope province{{"40"}};
    auto first_page = [&](RegistryStore& s, const std::string& text) {
        registry::HouseholdQuery q;
        q.limit = 8;
        return s.ListHouseholds(province, q, text::Tokens(text::Fold(text)));
    };
    RegistryStore narrow(*db, clock, 25, 5), roomy(*db, clock, 25, 25);
    auto page = first_page(narrow, "Lường Tho");
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page->too_many);
    ASSERT_EQ(page->items.size(), 6u);  // the window: 5 + 1
    for (const auto& h : page->items) EXPECT_EQ(h.name, "Lường Tho");
    registry::PeopleQuery pq;
    pq.tokens = text::Tokens("luong tho");
    auto people = narrow.FindPeople(province, pq);
    ASSERT_TRUE(people.ok());
    EXPECT_TRUE(people->too_many);
    for (const auto& p : people->people) EXPECT_EQ(p.household_name, "Lường Tho");
    page = first_page(roomy, "luong tho");
    ASSERT_TRUE(page.ok());
    EXPECT_FALSE(page->too_many);  // 20 households, each once
    EXPECT_EQ(Search(province, "luong tho", 8).size(), 20u);
    EXPECT_EQ(Search(province, "luong thoa", 8).size(), 10u);
}

TEST(NameTermsOf, WordsInMostHouseholdsComeLastWhenAnotherIsRare) {
    const std::map<std::string, double> shares{{"van", 0.6}, {"thi", 0.9}, {"lo", 0.3}, {"003", 0.01}};
    auto share = [&](const std::string& w) { return shares.count(w) ? shares.at(w) : 0.0; };
    using V = std::vector<std::string>;
    EXPECT_EQ(NameTermsOf({"van", "003"}, {{"van"}, {"003"}}, 64, share), (V{"(003)", "", "(van)"}));
    EXPECT_EQ(NameTermsOf({"thi", "lo", "003", "van"}, {{"thi"}, {"lo"}, {"003"}, {"van"}}, 64, share),
              (V{"(lo)", "(003)", "", "(thi)", "(van)"}));
    // No rare word: all are looked up, as typed.
    EXPECT_EQ(NameTermsOf({"van", "lo"}, {{"van"}, {"lo"}}, 64, share), (V{"(van)", "(lo)"}));
    EXPECT_EQ(NameTermsOf({"van", "003"}, {{"van"}, {"003"}}, 64), (V{"(van)", "(003)"}));
    // A group counts as the sum of its words; a prefix of too many words as common; a word no
    // document holds as the rarest (it matches nothing).
    EXPECT_EQ(NameTermsOf({"t", "003"}, {V(65, "t"), {"003"}}, 64, share), (V{"(003)", "", "t"}));
    EXPECT_EQ(NameTermsOf({"v", "003"}, {{"van", "vi"}, {"003"}}, 64, share), (V{"(003)", "", "(van | vi)"}));
    EXPECT_EQ(NameTermsOf({"zzz", "van"}, {{}, {"van"}}, 64, share), (V{"zzz", "", "(van)"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, HouseholdSearch, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
