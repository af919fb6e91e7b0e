#include "fieldwork/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded.hpp"
#include "core/i18n.hpp"
#include "fieldwork/fieldwork.hpp"

using namespace caunoi::fieldwork;

namespace {
std::vector<TaskRule> Rules() {
    auto r = ParseTaskRules(caunoi::EmbeddedFile("data/task_rules.tsv"));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
    return r.value();
}
constexpr int64_t kMonday10h = 1796007600;  // 2026-11-30 10:00 UTC+7 (a Monday)
constexpr int64_t kDay = 86400;
}  // namespace

TEST(TaskRules, ShippedFileParses) { EXPECT_GE(Rules().size(), 4u); }

TEST(TaskRules, VneidLevel2PreparedMeansPoliceVisitInSevenDays) {
    auto t = EvaluateRules(Rules(), {{"vneid_level2", "partly", ""}}, {}, kMonday10h);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].rule_key, "vneid2_police_visit");
    EXPECT_EQ(t[0].due_at, kMonday10h + 7 * kDay);
}

TEST(TaskRules, FiledDossierIsCheckedInThreeWorkingDays) {
    auto t = EvaluateRules(Rules(), {{"file_dossier", "done", ""}}, {}, kMonday10h + 3 * kDay);  // Thursday
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].rule_key, "check_dossier");
    EXPECT_EQ(t[0].due_at, kMonday10h + 8 * kDay);  // Thu -> Fri, Mon, Tue
}

TEST(TaskRules, NoSignalAnyServiceMeansRetryOnce) {
    auto t = EvaluateRules(Rules(),
                           {{"payment_account", "not_done", "no_signal"}, {"vneid_account", "not_done", "no_signal"}},
                           {}, kMonday10h);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].rule_key, "retry_with_signal");
}

TEST(TaskRules, AServiceFollowUpNamesEachPersonHelped) {
    auto t = EvaluateRules(Rules(), {{"vneid_level2", "partly", ""}}, {{"R1", "smart", "2g"}, {"R2", "smart", "2g"}},
                           kMonday10h);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].rule_key, "vneid2_police_visit");
    EXPECT_EQ(t[0].resident_id, "R1");
    EXPECT_EQ(t[1].resident_id, "R2");
}

TEST(TaskRules, BasicPhoneIn4gVillageMeansDeviceTalk) {
    auto t = EvaluateRules(Rules(), {{"other", "done", ""}},
                           {{"R1", "basic", "4g"}, {"R2", "basic", "2g"}, {"R3", "smart", "4g"}}, kMonday10h);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].rule_key, "device_options");
    EXPECT_EQ(t[0].resident_id, "R1");
}

TEST(TaskRules, NothingMatchesNothingCreated) {
    EXPECT_TRUE(EvaluateRules(Rules(), {{"online_shopping", "done", ""}}, {{"R1", "smart", "4g"}}, kMonday10h).empty());
}

TEST(TaskRules, MalformedFileNamesTheLine) {
    auto r =
        ParseTaskRules("key\tservice\toutcome\treason\tprofile\ttitle\tdue\tunit\nx\ty\tmaybe\t*\t-\tT\t1\tdays\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "line 2");
}

TEST(WorkingDays, SkipWeekendsInVietnamTime) {
    constexpr int64_t kFriday10h = kMonday10h + 4 * kDay;
    EXPECT_EQ(DueAt(kFriday10h, 1, true), kFriday10h + 3 * kDay);  // next Monday
    EXPECT_EQ(DueAt(kFriday10h, 1, false), kFriday10h + kDay);
    EXPECT_EQ(DueAt(kMonday10h, 5, true), kMonday10h + 7 * kDay);
}

TEST(WorkingDays, FollowUpsSkipTetWithTheShippedCalendar) {
    auto cal = caunoi::WorkingCalendar::Parse(caunoi::EmbeddedFile("data/holidays.tsv"));
    ASSERT_TRUE(cal.ok());
    constexpr int64_t kFriday13Feb2026At10h = 1770951600;  // the Friday before Tết Bính Ngọ
    // One working day later is Monday 23 February, after the Tết week; the time of day is kept.
    EXPECT_EQ(DueAt(kFriday13Feb2026At10h, 1, true, *cal), kFriday13Feb2026At10h + 10 * kDay);
    EXPECT_EQ(DueAt(kFriday13Feb2026At10h, 1, false, *cal), kFriday13Feb2026At10h + kDay);
}

TEST(TipRotation, FirstUnheardThenLongestAgo) {
    std::vector<std::string> order = {"otp", "store", "links"};
    EXPECT_EQ(NextTip(order, {}), "otp");
    EXPECT_EQ(NextTip(order, {{"otp", 10}}), "store");
    EXPECT_EQ(NextTip(order, {{"otp", 10}, {"store", 20}}), "links");
    EXPECT_EQ(NextTip(order, {{"otp", 30}, {"store", 20}, {"links", 25}}), "store");
    EXPECT_EQ(NextTip({}, {}), "");
}

TEST(TaskRules, EveryTitleIsTranslated) {
    for (const char* lang : {"i18n/vi.po", "i18n/en.po"}) {
        auto catalog = caunoi::i18n::ParsePo(caunoi::EmbeddedFile(lang));
        for (const auto& r : Rules()) EXPECT_TRUE(catalog.count(r.title)) << lang << " lacks " << r.title;
    }
}

TEST(Timeline, SessionsAndTaskEventsNewestFirst) {
    std::vector<SupportSession> sessions(2);
    sessions[0].at = 100;
    sessions[1].at = 300;
    std::vector<Task> tasks(2);
    tasks[0].created_at = 100;
    tasks[0].status = TaskStatus::kDone;
    tasks[0].closed_at = 400;
    tasks[1].created_at = 300;
    auto t = BuildTimeline(sessions, tasks);
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(t[0].kind, "task_done");
    EXPECT_EQ(t[0].at, 400);
    EXPECT_EQ(t[1].at, 300);
    EXPECT_EQ(t.back().at, 100);
    for (size_t i = 1; i < t.size(); ++i) EXPECT_GE(t[i - 1].at, t[i].at);
}

TEST(Catalogs, ShippedServicesAndTipsParseWithBothLanguages) {
    auto services = ParseCatalog(caunoi::EmbeddedFile("data/services.tsv"));
    ASSERT_TRUE(services.ok());
    EXPECT_EQ(services->size(), 11u);  // the eleven services the province listed
    for (const char* key : {"vneid_account", "vneid_level2", "portal_account", "file_dossier", "follow_dossier",
                            "payment_account", "safe_app", "online_shopping", "selling_online", "health_book", "other"})
        EXPECT_TRUE(std::any_of(services->begin(), services->end(), [&](const Service& s) { return s.key == key; }))
            << key;
    auto tips = ParseCatalog(caunoi::EmbeddedFile("data/safety_tips.tsv"));
    ASSERT_TRUE(tips.ok());
    EXPECT_GE(tips->size(), 5u);
    for (const auto& t : *tips) {
        EXPECT_FALSE(t.vi.empty()) << t.key;
        EXPECT_FALSE(t.en.empty()) << t.key;
    }
    EXPECT_FALSE(ParseCatalog("key\ttext_vi\ttext_en\nbroken_line_without_tabs\n").ok());
}
