// The catalogue of residents' texts built from the shipped data, a translation's checks (HTML,
// placeholders, GSM-7 for SMS texts), and .po files out and in: the round trip, and each kind of
// broken or hostile file refused with its line.
#include <gtest/gtest.h>

#include <set>

#include "core/embedded.hpp"
#include "core/i18n.hpp"
#include "translation/check.hpp"
#include "translation/po.hpp"

namespace caunoi::translation {
namespace {

Sources Shipped() {
    static const i18n::Catalog vi = i18n::ParsePo(EmbeddedFile("i18n/vi.po"));
    Sources s;
    s.tips = fieldwork::ParseCatalog(EmbeddedFile("data/safety_tips.tsv")).value();
    s.procedures = procedures::Parse(EmbeddedFile("data/procedures.txt")).value();
    s.curriculum = training::ParseCurriculum(EmbeddedFile("data/curriculum.txt")).value();
    s.vietnamese = [](const char* msgid) {
        auto it = vi.find(msgid);
        return it == vi.end() ? std::string("MISSING ") + msgid : it->second;
    };
    return s;
}

const Text& Find(const std::vector<Text>& texts, const std::string& key) {
    for (const auto& t : texts)
        if (t.key == key) return t;
    throw std::runtime_error("no text " + key);
}

TEST(Catalogue, EveryResidentFacingTextOnceWithItsVietnamese) {
    const auto texts = BuildCatalogue(Shipped());
    std::set<std::string> keys, groups;
    for (const auto& t : texts) {
        EXPECT_TRUE(keys.insert(t.key).second) << "twice: " << t.key;
        EXPECT_FALSE(t.vi.empty()) << t.key;
        EXPECT_EQ(t.vi.find("MISSING"), std::string::npos) << "template not in vi.po: " << t.key;
        groups.insert(t.group);
    }
    EXPECT_EQ(groups.size(), std::size(kGroups));
    EXPECT_EQ(Find(texts, "tip.never_share_otp").vi.rfind("Không bao giờ đọc", 0), 0u);
    EXPECT_EQ(Find(texts, "proc.birth_linked.step.1").vi.rfind("Mở ứng dụng VNeID", 0), 0u);
    EXPECT_TRUE(Find(texts, "proc.birth_linked.sms").sms);
    EXPECT_FALSE(Find(texts, "proc.birth_linked.title").sms);
    EXPECT_EQ(Find(texts, "card.vneid_account.1.title").vi, "Cài ứng dụng VNeID");
    EXPECT_EQ(Find(texts, "card.vneid_account.1.title").item_title, "Tài khoản định danh điện tử VNeID");
    const Text& reply = Find(texts, "sms:Cau Noi: message not understood. For help, send HOTRO and what you need.");
    EXPECT_TRUE(reply.sms);
    EXPECT_EQ(reply.vi, "Cầu Nối: chưa hiểu tin nhắn. Cần giúp, soạn HOTRO và việc cần làm.");
}

Text Sms() { return {"sms:x", "sms", "", "", "Cầu Nối: hồ sơ {code}: {status}. Soạn DK <commune>.", true}; }
Text Tip() { return {"tip.x", "tips", "", "", "Không bao giờ đọc mã OTP cho bất kỳ ai.", false}; }

TEST(CheckTranslation, TrimsAndKeepsPlainText) {
    auto ok = CheckTranslation(Tip(), "  Tsis txhob qhia OTP rau leej twg.\n");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, "Tsis txhob qhia OTP rau leej twg.");
    // Thái and Khơ Mú written with Vietnamese letters are fine on pages.
    EXPECT_TRUE(CheckTranslation(Tip(), "Bấu đảy bók mã OTP hảư phăng.").ok());
}

TEST(CheckTranslation, RefusesHtmlEmptyAndRunaways) {
    for (const char* bad : {"<b>OTP</b>", "<script>alert(1)</script>", "Tsis txhob &lt;b&gt;", "OTP <a href=x>"}) {
        auto r = CheckTranslation(Tip(), bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().title_id, "Write plain text, without HTML tags") << bad;
    }
    EXPECT_EQ(CheckTranslation(Tip(), "  \n").error().title_id, "Write the translation");
    EXPECT_EQ(CheckTranslation(Tip(), std::string(400, 'a')).error().field, "body");
    EXPECT_FALSE(CheckTranslation(Tip(), std::string("OTP \x01 x")).ok());
    EXPECT_FALSE(CheckTranslation(Tip(), std::string("\xC3\x28")).ok());  // not UTF-8
}

TEST(CheckTranslation, PlaceholdersAndSmsCommandWordsKept) {
    EXPECT_TRUE(CheckTranslation(Sms(), "Cau Noi: ntaub ntawv {code}: {status}. Xa DK <commune>.").ok());
    auto missing = CheckTranslation(Sms(), "Cau Noi: ntaub ntawv: {status}. Xa DK <commune>.");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().title_id, "Keep every word in braces, such as {code}, exactly as in the Vietnamese");
    EXPECT_FALSE(CheckTranslation(Sms(), "Cau Noi: {code} {status} {extra} DK <commune>.").ok());
    EXPECT_FALSE(CheckTranslation(Sms(), "Cau Noi: {code} {status} DK <xa>.").ok());
}

TEST(CheckTranslation, SmsTextMustBeGsm7AndSaysWhichLettersDoNot) {
    // Mông's Latin orthography fits GSM-7.
    EXPECT_TRUE(CheckTranslation(Sms(), "Cau Noi: koj daim ntawv {code}: {status}. Xa DK <commune>.").ok());
    auto r = CheckTranslation(Sms(), "Cầu Nối: hồ sơ {code}: {status}. DK <commune>.");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().title_id, "This text goes by SMS: use only letters every phone shows, without accents");
    EXPECT_EQ(r.error().detail, std::string(kOutsideGsm7) + "ầ ố ồ ơ");
    EXPECT_FALSE(CheckTranslation(Sms(), "Cau Noi: {code} {status} DK <commune>\nline").ok());  // one line
}

std::vector<Text> Two() { return {Tip(), Sms()}; }

TEST(Po, RoundTripKeepsKeysTranslationsAndMarksOutdated) {
    std::map<std::string, Exported> done{{"tip.x", {"Tsis txhob qhia \"OTP\".", false}},
                                         {"sms:x", {"Cau Noi: {code} {status} DK <commune>.", true}}};
    const std::string po = WritePo("hmn", Two(), done, "2026-12-01");
    auto file = ReadPo(po);
    ASSERT_TRUE(file.ok()) << file.error().detail;
    EXPECT_EQ(file->language, "hmn");
    ASSERT_EQ(file->entries.size(), 2u);
    EXPECT_EQ(file->entries[0].context, "tip.x");
    EXPECT_EQ(file->entries[0].id, Tip().vi);
    EXPECT_EQ(file->entries[0].str, "Tsis txhob qhia \"OTP\".");
    EXPECT_FALSE(file->entries[0].fuzzy);
    EXPECT_TRUE(file->entries[1].fuzzy);
    // Imported back as it is: nothing new (the first unchanged, the fuzzy one skipped).
    auto again = CheckPoImport(*file, "hmn", Two(), {{"tip.x", "Tsis txhob qhia \"OTP\"."}});
    EXPECT_TRUE(again.problems.empty());
    EXPECT_TRUE(again.proposals.empty());
    EXPECT_EQ(again.unchanged, 1);
    EXPECT_EQ(again.fuzzy, 1);
    // A translator's edit is a proposal.
    auto edited = CheckPoImport(*file, "hmn", Two(), {});
    ASSERT_EQ(edited.proposals.size(), 1u);
    EXPECT_EQ(edited.proposals[0].first, "tip.x");
}

std::string Entry(const std::string& ctx, const std::string& id, const std::string& str) {
    return "msgctxt \"" + ctx + "\"\nmsgid \"" + id + "\"\nmsgstr \"" + str + "\"\n\n";
}

TEST(Po, ProblemsListedWithLinesAndNothingProposed) {
    const std::string po = "msgid \"\"\nmsgstr \"Language: hmn\\n\"\n\n" + Entry("tip.x", Tip().vi, "Zoo") +
                           Entry("tip.nope", "Gì đó", "Ib yam") +
                           Entry("sms:x", Sms().vi, "Cầu {code} {status} <commune>") +
                           "msgctxt \"tip.x\"\nmsgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"c\"\nmsgstr[1] \"d\"\n";
    auto file = ReadPo(po);
    ASSERT_TRUE(file.ok()) << file.error().detail;
    auto r = CheckPoImport(*file, "hmn", Two(), {});
    ASSERT_EQ(r.problems.size(), 3u);
    EXPECT_EQ(r.problems[0].line, 8);
    EXPECT_EQ(r.problems[0].msgid, "Unknown text: this id is not in the catalogue");
    EXPECT_EQ(r.problems[1].key, "sms:x");
    EXPECT_EQ(r.problems[1].msgid, "This text goes by SMS: use only letters every phone shows, without accents");
    EXPECT_EQ(r.problems[2].msgid, "Plural forms are not used in these texts: remove msgid_plural");
    // Another language's file, a changed Vietnamese.
    auto other = CheckPoImport(ReadPo("msgid \"\"\nmsgstr \"Language: tai\\n\"\n").value(), "hmn", Two(), {});
    ASSERT_EQ(other.problems.size(), 1u);
    EXPECT_EQ(other.problems[0].msgid, "This file is for another language");
    auto changed = CheckPoImport(ReadPo(Entry("tip.x", "Cũ", "Zoo")).value(), "hmn", Two(), {});
    ASSERT_EQ(changed.problems.size(), 1u);
    EXPECT_EQ(changed.problems[0].msgid,
              "The Vietnamese of this text changed since the file was exported: export it again");
}

TEST(Po, BrokenSyntaxRefusedWithTheLine) {
    const std::pair<const char*, const char*> cases[] = {
        {"msgctxt \"a\"\nmsgid \"b\"\nmsgstr \"c\n", "line 3"},   // unterminated
        {"msgid \"b\"\nmsgstr \"c\\q\"\n", "line 2"},             // unknown escape
        {"msgstr \"c\"\n", "line 1"},                             // msgstr first
        {"msgctxt \"a\"\nmsgid \"b\"\n\n", "without msgstr"},     // no msgstr
        {"msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n", "line 2"},    // two msgids
        {"msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", "line 3"},  // two msgstrs
        {"msgid \"a\"\nmsgstr \"b\"\n\"x\"\n", "line 3"},         // string after a blank? no: out of place
        {"hello\n", "line 1"},
        {"msgid \"a\"\nmsgstr \"\xC3\x28\"\n", "not UTF-8"},
    };
    for (const auto& [text, where] : cases) {
        auto r = ReadPo(text);
        if (std::string(text) == "msgid \"a\"\nmsgstr \"b\"\n\"x\"\n") {
            ASSERT_TRUE(r.ok());  // a continuation line of msgstr is valid gettext
            EXPECT_EQ(r->entries[0].str, "bx");
            continue;
        }
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_EQ(r.error().field, "po");
        EXPECT_NE(r.error().detail.find(where), std::string::npos) << text << " -> " << r.error().detail;
    }
    EXPECT_EQ(ReadPo(std::string(kMaxPoBytes + 1, '#')).error().code, ErrorCode::kPayloadTooLarge);
}

TEST(Po, GettextFeaturesRead) {
    // Multi-line strings, CRLF, a BOM, comments, obsolete entries, header-less files.
    auto r = ReadPo(
        "\xEF\xBB\xBF# c\r\n#, fuzzy\r\nmsgctxt \"k\"\r\nmsgid \"\"\r\n\"a\\n\"\r\n\"b\"\r\nmsgstr \"x\"\r\n\r\n"
        "#~ msgid \"old\"\n#~ msgstr \"cu\"\n");
    ASSERT_TRUE(r.ok()) << r.error().detail;
    ASSERT_EQ(r->entries.size(), 1u);
    EXPECT_EQ(r->entries[0].id, "a\nb");
    EXPECT_TRUE(r->entries[0].fuzzy);
    EXPECT_EQ(r->entries[0].line, 3);
}

}  // namespace
}  // namespace caunoi::translation
