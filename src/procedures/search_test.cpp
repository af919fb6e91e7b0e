#include "procedures/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded.hpp"
#include "core/text.hpp"

namespace caunoi::procedures {
namespace {

const std::vector<Procedure>& Shipped() {
    static const auto* all = new std::vector<Procedure>(Parse(EmbeddedFile("data/procedures.txt")).value());
    return *all;
}

std::vector<std::string> Codes(const std::vector<const Procedure*>& ps) {
    std::vector<std::string> out;
    for (const auto* p : ps) out.push_back(p->code);
    return out;
}

std::string First(const std::string& query) {
    auto r = SearchCatalog(Shipped(), query);
    return r.matches.empty() ? "(none)" : r.matches.front()->code;
}

// A minimal valid catalog block, for catalogs shaped to one test.
std::string Block(const std::string& code, const std::string& title, const std::string& doc = "Tờ khai") {
    return "[" + code + "]\ntitle.vi = " + title + "\ntitle.en = " + code +
           "\nsms = x\nlevel = full_online\ndays = 1\nfee.vi = 0\nfee.en = 0\nfee.sms = 0\nwhere.vi = x\n"
           "where.en = x\nwhere.sms = x\ndoc = original 1 | " +
           doc + " | Form | x\nstep.vi = x\nstep.en = x\nlegal.vi = x\nlegal.en = x\nreviewed = 2026-01-01\n\n";
}

TEST(ProcedureSearch, TheWalkThroughQueriesFindTheRightProcedure) {
    // What residents typed in the outside walk-through, which found nothing before.
    EXPECT_EQ(First("khai sinh cho con"), "birth_linked");
    EXPECT_EQ(First("lam can cuoc"), "id_card");
    EXPECT_EQ(First("khaisinh"), "birth_linked");
    EXPECT_EQ(First("làm thẻ căn cước"), "id_card");
    EXPECT_EQ(First("toi muon cap lai the can cuoc"), "id_card");
    EXPECT_EQ(First("xin dang ky ket hon"), "marriage");
}

TEST(ProcedureSearch, WordsInAnyOrderAccentsAndCaseIgnored) {
    EXPECT_EQ(First("sinh khai"), "birth_linked");
    EXPECT_EQ(First("KHAI SINH"), "birth_linked");
    EXPECT_EQ(First("Đăng ký tạm"), "temporary_residence");
    EXPECT_EQ(First("tru tam"), "temporary_residence");
    EXPECT_EQ(First("dang ky dat"), "land_first_certificate");
    EXPECT_EQ(Codes(SearchCatalog(Shipped(), "khai sinh").matches), std::vector<std::string>{"birth_linked"});
}

TEST(ProcedureSearch, WordsRunTogetherMatchConsecutiveNameWords) {
    EXPECT_EQ(First("cancuoc"), "id_card");
    EXPECT_EQ(First("thuongtru"), "permanent_residence");
    EXPECT_EQ(First("ketho"), "marriage");  // typed half-way
    // A run of words must be the name's own: "khaisinh" is not the death registration's "khai tử".
    auto hits = Codes(SearchCatalog(Shipped(), "khaisinh").matches);
    EXPECT_EQ(std::count(hits.begin(), hits.end(), "death_linked"), 0);
}

TEST(ProcedureSearch, EveryProcedureIsFoundFirstByItsOwnName) {
    // No filler word hides what tells one procedure from another, and a short name the query fills
    // comes before a long one that also holds its words.
    for (const auto& p : Shipped()) {
        EXPECT_EQ(First(p.title_vi), p.code) << p.title_vi;
        EXPECT_EQ(First(p.title_en), p.code) << p.title_en;
        EXPECT_EQ(First(text::Fold(p.title_vi)), p.code) << "folded " << p.title_vi;
    }
}

TEST(ProcedureSearch, RanksByHowManyWordsHit) {
    auto catalog = Parse(Block("card_a", "Cấp thẻ bảo hiểm y tế") +
                         Block("card_b", "Cấp thẻ bảo hiểm y tế cho trẻ em") + Block("other", "Đăng ký kết hôn"))
                       .value();
    // "tre" names something: required, so only the card for children matches.
    auto r = SearchCatalog(catalog, "the bao hiem cho tre");
    EXPECT_EQ(Codes(r.matches), (std::vector<std::string>{"card_b"}));
    // "cho" is phrasing: not required, but the name that also says it hits one word more and
    // comes first, although it is later in the catalog and longer.
    r = SearchCatalog(catalog, "bao hiem cho");
    EXPECT_EQ(Codes(r.matches), (std::vector<std::string>{"card_b", "card_a"}));
    // A whole word before the beginning of one, even before a shorter name earlier in the catalog.
    auto words = Parse(Block("board", "Bảng tin") + Block("copy", "Bản sao chứng thực giấy tờ")).value();
    EXPECT_EQ(Codes(SearchCatalog(words, "ban").matches), (std::vector<std::string>{"copy", "board"}));
    // Hits alike: the shorter name, the one the query fills.
    r = SearchCatalog(catalog, "bao hiem");
    EXPECT_EQ(Codes(r.matches), (std::vector<std::string>{"card_a", "card_b"}));
}

TEST(ProcedureSearch, NamesBeforeDocumentsWhichAreSearchedOnlyWhenNoNameMatches) {
    auto catalog =
        Parse(Block("marriage", "Đăng ký kết hôn") + Block("birth", "Khai sinh", "Giấy chứng nhận kết hôn")).value();
    EXPECT_EQ(Codes(SearchCatalog(catalog, "ket hon").matches), std::vector<std::string>{"marriage"});
    EXPECT_EQ(Codes(SearchCatalog(catalog, "giay chung nhan ket hon").matches), std::vector<std::string>{"birth"});
}

TEST(ProcedureSearch, NothingMatchingSuggestsTheClosest) {
    // One typo, a transposition, a word begun the same way: the closest come first.
    auto r = SearchCatalog(Shipped(), "khai sihn");
    EXPECT_TRUE(r.matches.empty());
    ASSERT_FALSE(r.suggestions.empty());
    EXPECT_TRUE(r.close);
    EXPECT_EQ(r.suggestions.front()->code, "birth_linked");
    EXPECT_LE(r.suggestions.size(), kMaxSuggestions);
    r = SearchCatalog(Shipped(), "cam cuoc");  // m for n
    ASSERT_FALSE(r.suggestions.empty());
    EXPECT_EQ(r.suggestions.front()->code, "id_card");
    r = SearchCatalog(Shipped(), "ket hon tach ho");  // no one procedure is both
    EXPECT_TRUE(r.matches.empty());
    auto near = Codes(r.suggestions);
    EXPECT_NE(std::find(near.begin(), near.end(), "marriage"), near.end());
    EXPECT_NE(std::find(near.begin(), near.end(), "household_split"), near.end());
}

TEST(ProcedureSearch, NonsenseStillOffersTheMostNeededProcedures) {
    auto r = SearchCatalog(Shipped(), "xyzzy qwrtp");
    EXPECT_TRUE(r.matches.empty());
    EXPECT_FALSE(r.close);
    ASSERT_EQ(r.suggestions.size(), kMaxSuggestions);
    EXPECT_EQ(r.suggestions.front(), &Shipped().front());
    EXPECT_TRUE(SearchCatalog(Shipped(), "xyzzy", 0).suggestions.empty());
}

TEST(ProcedureSearch, EmptyOrPunctuationOnlyQueryListsTheWholeCatalogInOrder) {
    for (const char* q : {"", "   ", "?!", "…"}) {
        auto r = SearchCatalog(Shipped(), q);
        ASSERT_EQ(r.matches.size(), Shipped().size()) << q;
        EXPECT_EQ(r.matches.front(), &Shipped().front());
    }
}

TEST(ProcedureSearch, OnlyPhrasingIsSearchedAsIs) {
    // "căn" folds to the filler "can": alone it is still a search, and finds the ID card (and
    // "hộ cận nghèo": without accents the two read the same).
    auto can = Codes(SearchCatalog(Shipped(), "căn").matches);
    EXPECT_NE(std::find(can.begin(), can.end(), "id_card"), can.end());
    EXPECT_NE(std::find(can.begin(), can.end(), "poor_household"), can.end());
    EXPECT_EQ(First("lam can"), "(none)");  // nothing names "làm": the closest are suggested
    EXPECT_EQ(SearchCatalog(Shipped(), "lam can").suggestions.front()->code, "id_card");
}

TEST(ProcedureSearch, FillerWordsAreSortedAndNeverNameWords) {
    EXPECT_TRUE(IsFillerWord("cho"));
    EXPECT_TRUE(IsFillerWord("lam"));
    EXPECT_TRUE(IsFillerWord("muon"));
    for (const char* w : {"ho", "dat", "giay", "tai", "cap", "dang", "khai", "cuoc", "ket", "dai"})
        EXPECT_FALSE(IsFillerWord(w)) << w;
    // Every filler is found by binary search, i.e. the list is sorted.
    for (const char* w : {"a", "an", "and", "xin", "with", "the", "toi", "va"}) EXPECT_TRUE(IsFillerWord(w)) << w;
}

TEST(ProcedureSearch, LongQueriesAreCutNotRefused) {
    std::string pasted;
    for (int i = 0; i < 200; ++i) pasted += "khai sinh ";
    EXPECT_EQ(First(pasted), "birth_linked");
}

}  // namespace
}  // namespace caunoi::procedures

namespace caunoi::procedures {

// The names people use pick the procedure they mean, the most specific first; a long linked
// procedure that mentions the words does not win over the one they name.
TEST(ProcedureNamedIn, PlainWordsNameTheProcedure) {
    auto named = [](const char* text) {
        const Procedure* p = NamedIn(Shipped(), text);
        return p ? p->code : std::string("(none)");
    };
    EXPECT_EQ(named("thuong tru"), "permanent_residence");
    EXPECT_EQ(named("giấy tờ đăng ký thường trú"), "permanent_residence");
    EXPECT_EQ(named("so do"), "land_first_certificate");
    EXPECT_EQ(named("giay to can cuoc"), "id_card");
    EXPECT_EQ(named("lam CCCD cho con"), "id_card");
    EXPECT_EQ(named("toi muon lam giay khai sinh cho con"), "birth_linked");
    EXPECT_EQ(named("nhập hộ khẩu cho vợ"), "permanent_residence");
    EXPECT_EQ(named("tach ho khau"), "household_split");
    EXPECT_EQ(named("cach cai vneid"), "vneid_level2");
    EXPECT_EQ(named("ket hon"), "marriage");
    EXPECT_EQ(named("mai co mua khong"), "(none)");
    EXPECT_EQ(named("gia lua"), "(none)");
}

}  // namespace caunoi::procedures
