#include "procedures/catalog.hpp"

#include <gtest/gtest.h>

#include "channel/encoding.hpp"
#include "core/embedded.hpp"

namespace caunoi::procedures {
namespace {

const std::string kOne = R"([demo_proc]
title.vi = Thủ tục thử
title.en = Test procedure
sms = Thu tuc thu
level = full_online
days = 3
fee.vi = Miễn phí
fee.en = Free
fee.sms = mien phi
where.vi = Xã
where.en = Commune
where.sms = UBND xa
doc = original 2 | Tờ khai | Form | To khai
step.vi = Bước một
step.en = Step one
legal.vi = Luật
legal.en = Law
reviewed = 2026-11-28
)";

std::string With(const std::string& from, const std::string& to) {
    std::string s = kOne;
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
}

TEST(ProcedureCatalog, EveryShippedProcedureIsCompleteAndItsSmsFits) {
    auto parsed = Parse(EmbeddedFile("data/procedures.txt"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
    const auto& all = parsed.value();
    EXPECT_GE(all.size(), 15u);
    for (const auto& p : all) {
        SCOPED_TRACE(p.code);
        EXPECT_FALSE(p.docs.empty());
        EXPECT_FALSE(p.fee_vi.empty());
        EXPECT_FALSE(p.fee_en.empty());
        EXPECT_FALSE(p.level.empty());
        EXPECT_FALSE(p.steps_vi.empty());
        EXPECT_EQ(p.steps_vi.size(), p.steps_en.size());
        EXPECT_GE(p.days, 0);
        std::string sms = SmsChecklist(p);
        auto size = channel::Measure(sms);
        EXPECT_TRUE(size.gsm7) << sms;
        // The data says how many parts it takes (1 when it fits one SMS).
        EXPECT_EQ(size.parts, p.sms_parts) << sms;
        EXPECT_LE(size.parts, kMaxSmsParts);
        EXPECT_NE(sms.find(p.where_sms.substr(0, 5)), std::string::npos);
    }
}

TEST(ProcedureCatalog, TheIssueListIsCovered) {
    auto all = Parse(EmbeddedFile("data/procedures.txt")).value();
    for (const char* code :
         {"birth_linked", "death_linked", "marriage", "marital_status", "permanent_residence", "temporary_residence",
          "household_split", "certified_copy", "signature_certification", "elderly_allowance", "poor_household",
          "business_household", "land_first_certificate", "vneid_level2", "portal_account"}) {
        bool found = false;
        for (const auto& p : all) found = found || p.code == code;
        EXPECT_TRUE(found) << code;
    }
}

TEST(ProcedureCatalog, ChecklistIsPlainVietnameseWithoutDiacritics) {
    auto p = Parse(kOne).value().front();
    EXPECT_EQ(SmsChecklist(p), "Thu tuc thu: mang To khai (2 ban chinh). Nop: UBND xa. 3 ngay lam viec. Phi: mien phi");
    EXPECT_EQ(p.source.substr(0, 11), "[demo_proc]");
}

TEST(ProcedureCatalog, RejectsIncompleteOrMalformedEntriesNamingTheLine) {
    auto err = [](const std::string& text) {
        auto r = Parse(text);
        EXPECT_FALSE(r.ok());
        return r.ok() ? std::string() : r.error().detail;
    };
    EXPECT_NE(err(With("days = 3", "days = ba")).find("line 6: days"), std::string::npos);
    EXPECT_NE(err(With("level = full_online", "level = online")).find("level"), std::string::npos);
    EXPECT_NE(err(With("doc = original 2 | Tờ khai | Form | To khai\n", "")).find("no documents"), std::string::npos);
    EXPECT_NE(err(With("step.en = Step one\n", "")).find("differ"), std::string::npos);
    EXPECT_NE(err(With("fee.vi = Miễn phí\n", "")).find("missing fee.vi"), std::string::npos);
    EXPECT_NE(err(With("reviewed = 2026-11-28", "reviewed = 2026-02-30")).find("reviewed"), std::string::npos);
    EXPECT_NE(err(With("legal.vi = Luật", "color = red")).find("unknown key color"), std::string::npos);
    EXPECT_NE(err(With("[demo_proc]", "[Demo Proc]")).find("code"), std::string::npos);
    EXPECT_NE(err(kOne + With("Thủ tục thử", "Khác")).find("listed twice"), std::string::npos);
    EXPECT_NE(err(With("doc = original 2", "doc = stolen 2")).find("kind"), std::string::npos);
    EXPECT_NE(err(With("reviewed = 2026-11-28", "reviewed = 2026-11-28\nunverified = mood")).find("unknown field"),
              std::string::npos);
    EXPECT_NE(err("title.vi = x\n").find("before the first"), std::string::npos);
    EXPECT_NE(err("").find("no procedure"), std::string::npos);
    // A checklist over one SMS must say how many parts it takes.
    std::string long_doc = "doc = copy 1 | Giấy tờ rất dài | Long | " + std::string(150, 'x') + "\n";
    EXPECT_NE(err(With("step.vi", long_doc + "step.vi")).find("set sms_parts = 2"), std::string::npos);
    EXPECT_TRUE(Parse(With("step.vi", long_doc + "sms_parts = 2\nstep.vi")).ok());
}

TEST(ProcedureCatalog, SearchIgnoresDiacriticsAndMatchesWordStarts) {
    auto all = Parse(EmbeddedFile("data/procedures.txt")).value();
    auto hits = Search(all, "khai sinh");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front()->code, "birth_linked");
    EXPECT_EQ(Search(all, "KHAI SINH").size(), hits.size());
    EXPECT_EQ(Search(all, "Đăng ký tạm").front()->code, "temporary_residence");
    EXPECT_TRUE(Search(all, "xyzzy").empty());
    EXPECT_EQ(Search(all, "").size(), all.size());
}

}  // namespace
}  // namespace caunoi::procedures
