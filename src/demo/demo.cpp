#include "demo/demo.hpp"

#include "demo/names.hpp"

#include <cstdio>
#include <random>

#include "board/announcements.hpp"
#include "core/calendar.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::demo {
namespace {

struct CommuneSpec {
    const char* code;
    const char* slug;
    std::vector<int> mix;  // weights over NameGroups()
    std::vector<const char*> villages;
    const char* coverage[6];
};

const std::vector<CommuneSpec>& Communes() {
    static const std::vector<CommuneSpec> c = {
        {"16813",
         "muongxen",
         {50, 15, 10, 25},
         {"Bản Xốp Phe", "Bản Hòa Lý", "Bản Phà Khảo", "Bản Na Bè", "Khối 2"},
         {"4g", "4g", "3g", "2g", "4g", "3g"}},
        {"16870",
         "nangoi",
         {10, 55, 30, 5},
         {"Bản Huồi Giảng", "Bản Phà Ca", "Bản Buộc Mú", "Bản Thăm Hín"},
         {"3g", "2g", "none", "3g", "2g", "2g"}},
        {"16831",
         "muonglong",
         {5, 85, 5, 5},
         {"Bản Mường Lống 1", "Bản Trung Tâm", "Bản Pha Khóm", "Bản Huồi Khun"},
         {"3g", "2g", "none", "2g", "3g", "2g"}},
        {"16903",
         "ngamy",
         {75, 5, 5, 15},
         {"Bản Xiêng Nứa", "Bản Phà Lõm", "Bản Xốp Cháo", "Bản Văng Môn"},
         {"3g", "3g", "2g", "none", "2g", "3g"}},
    };
    return c;
}

// Support visits by the team member to about a third of their households, so Today, the
// timelines and the figures have something to show. Each visit gives the next safety tip.
Status RecordVisits(DemoServices& s, const Actor& member,
                    const std::vector<std::pair<std::string, std::vector<std::string>>>& households,
                    std::mt19937& rng) {
    static const char* kServices[] = {"vneid_account",   "vneid_level2", "portal_account", "file_dossier",
                                      "payment_account", "safe_app",     "health_book"};
    using fieldwork::kChannels, fieldwork::kOutcomes, fieldwork::kReasons;
    // Mostly home visits; the first four reasons (no signal, no device, missing papers, declined).
    static const std::string_view kChannelDraw[] = {kChannels[0].key, kChannels[0].key, kChannels[2].key,
                                                    kChannels[3].key};
    for (const auto& [household, people] : households) {
        if (rng() % 3 != 0 || people.empty()) continue;
        auto tip = s.fieldwork.NextTipFor(member, people.front());
        if (!tip.ok()) return tip.error();
        Fields f({{"household_id", household},
                  {"channel", std::string(kChannelDraw[rng() % 4])},
                  {"minutes", std::to_string(10 + rng() % 40)},
                  {"residents", people.front()},
                  {"tip", tip->key}});
        int lines = 1 + static_cast<int>(rng() % 2);
        for (int n = 1; n <= lines; ++n) {
            std::string k = std::to_string(n);
            int outcome = Weighted(rng, {60, 25, 15});
            f.Set("service_" + k, kServices[(rng() % 7 + static_cast<unsigned>(n)) % 7]);
            f.Set("outcome_" + k, std::string(kOutcomes[outcome].key));
            if (outcome == 2) f.Set("reason_" + k, std::string(kReasons[rng() % 4].key));
        }
        if (rng() % 2) f.Set("skill." + people.front() + ".skill_safety", "assisted");
        CAUNOI_TRY(s.fieldwork.RecordSession(member, f));
    }
    return {};
}

// Dossiers the member helped file over the last five weeks for about one household in five:
// some still with the office (a few of them past due), some waiting for papers, some done.
Status RecordDossiers(DemoServices& s, const Actor& member, const std::string& commune_id,
                      const std::vector<std::pair<std::string, std::vector<std::string>>>& households,
                      std::mt19937& rng) {
    static const char* kProcs[] = {"birth_linked",   "permanent_residence", "marital_status", "elderly_allowance",
                                   "certified_copy", "business_household",  "poor_household", "temporary_residence"};
    using enum procedures::DossierStatus;
    static const std::vector<std::vector<procedures::DossierStatus>> kPaths = {
        {},
        {kReceived},
        {kReceived, kProcessing},
        {kReceived, kSupplementRequested},
        {kReceived, kProcessing, kResultReady},
        {kReceived, kProcessing, kResultReady, kResultReceived}};
    const int64_t today = s.dossiers.Today();
    int n = 0;
    for (const auto& [household, people] : households) {
        if (rng() % 5 != 0 || people.empty()) continue;
        ++n;
        const int64_t day = today - static_cast<int64_t>(rng() % 35);
        const std::string ymd = FormatDate(day);
        char code[48];
        std::snprintf(code, sizeof code, "H42.%s-%s%s%s-%04d", commune_id.c_str(), ymd.substr(2, 2).c_str(),
                      ymd.substr(5, 2).c_str(), ymd.substr(8, 2).c_str(), n);
        std::string portal(code);
        Fields f({{"resident_id", people.front()},
                  {"procedure", kProcs[rng() % 8]},
                  {"portal_code", portal},
                  {"submitted_on", FormatDate(day)},
                  {"channel", rng() % 4 == 0 ? "desk" : "assisted_online"}});
        CAUNOI_ASSIGN(auto d, s.dossiers.Record(member, f));
        for (auto to : kPaths[rng() % kPaths.size()])
            CAUNOI_TRY(s.dossiers.Move(member, d.id,
                                       Fields({{"status", std::string(procedures::kDossierStatuses.Name(to))}})));
    }
    return {};
}

// What a commune posts in a usual fortnight: a vaccination day, the allowance payment days, a
// village meeting (dates from today, so the demo always has some in force).
// A session planned in the team's first village three days ahead, taught by its leader and
// member; nobody invited yet (inviting is the leader's first step in the demo).
Status PlanTraining(training::TrainingService& training, const Actor& leader, const area::Area& village,
                    const std::string& member_id) {
    const int64_t day = LocalDayOf(SystemClock().NowSeconds()) + 3;
    CAUNOI_ASSIGN(auto out, training.Plan(leader, Fields({{"village_id", village.id},
                                                          {"modules", "vneid_account,scam_safety"},
                                                          {"trainers", leader.user_id + "," + member_id},
                                                          {"place", "Nhà văn hoá " + village.name},
                                                          {"date", FormatDate(day)},
                                                          {"time", "08:00"},
                                                          {"capacity", "25"},
                                                          {"accept", "1"}})));
    return out.session ? Status() : Status(Error::Internal("the demo training session was not planned"));
}

// Listings a team makes in its first weeks: two products and a homestay, approved by the leader,
// and a third product waiting for approval (the leader's first task in the demo).
Status AddListings(listings::ListingService& listings, const Actor& member, const Actor& leader,
                   const area::Area& village, const std::string& phone_tail) {
    struct Spec {
        const char* category;
        const char* name;
        const char* description;
        const char* price;
        const char* unit;
        const char* months;
        bool approve;
    };
    static const Spec kSpecs[] = {
        {"specialty", "Chè shan tuyết", "Chè shan tuyết cây cổ thụ, hái tay.\nNơi và cách làm ra: sao bằng chảo gang trên bếp củi.\nCách bảo quản: để trong túi kín, nơi khô ráo.", "250.000", "kg", "3,4,5,6,7,8", true},
        {"handicraft", "Khăn thổ cẩm dệt tay", "Khăn thổ cẩm của phụ nữ Thái trong bản, dệt trên khung gỗ.\nĐiểm đặc biệt: hoa văn truyền thống, nhuộm màu tự nhiên.", "180.000", "chiếc", "", true},
        {"homestay", "Homestay nhà sàn", "Nhà sàn gỗ 3 gian, có chăn màn sạch và bữa cơm cùng gia đình.\nĐường đến: đi xe máy từ trung tâm xã khoảng 20 phút.", "150.000", "người/đêm", "", true},
        {"specialty", "Gạo nếp nương", "Gạo nếp nương vụ mùa, hạt tròn, thơm dẻo.\nMùa vụ: thu hoạch tháng 10, tháng 11.", "40.000", "kg", "10,11,12", false},
    };
    int n = 0;
    for (const auto& spec : kSpecs) {
        Fields f({{"category", spec.category},
                  {"name", spec.name},
                  {"description", spec.description},
                  {"owner_name", std::string("Hộ gia đình ở ") + village.name},
                  {"contact_phone", "098" + phone_tail + std::to_string(n++)},
                  {"price", spec.price},
                  {"unit", spec.unit},
                  {"months", spec.months},
                  {"consent", "1"}});
        if (std::string(spec.category) == "homestay") f.Set("capacity", "10");
        CAUNOI_ASSIGN(auto l, listings.Create(member, "", village.id, f));
        if (spec.approve) {
            CAUNOI_ASSIGN(auto approved, listings.Decide(leader, l.id, true, ""));
            (void)approved;
        }
    }
    return {};
}

Status PostAnnouncements(board::AnnouncementService& announcements, const Actor& officer, const area::Area& village) {
    const int64_t now = SystemClock().NowSeconds();
    auto day = [&](int d) { return FormatVietnamTime(now + d * 86400, "%d/%m"); };
    auto until = [&](int d) { return FormatDate(LocalDayOf(now + d * 86400)); };
    const std::vector<Fields> posts = {
        Fields({{"title", "Tiêm chủng cho trẻ dưới 5 tuổi và phụ nữ có thai"},
                {"text", "Trạm y tế xã tiêm chủng mở rộng sáng ngày " + day(5) +
                             ", từ 7:30 đến 11:00, tại trạm y tế xã. Mang theo sổ tiêm chủng và thẻ bảo hiểm y "
                             "tế. Trẻ đang sốt thì báo cán bộ y tế trước khi tiêm."},
                {"valid_until", until(5)}}),
        Fields({{"title", "Chi trả trợ cấp xã hội tháng này"},
                {"text", "Bưu điện xã chi trả trợ cấp cho người cao tuổi, người khuyết tật và hộ nghèo ngày " + day(8) +
                             " và " + day(9) +
                             ", từ 8:00, tại nhà văn hóa xã. Mang căn cước. Người đã nhận qua tài khoản ngân hàng "
                             "thì không cần đến."},
                {"valid_until", until(9)}}),
        Fields({{"title", "Họp bản bàn việc làm đường"},
                {"text", "Mời đại diện mỗi hộ dự họp lúc 19:00 ngày " + day(3) +
                             " tại nhà văn hóa bản, bàn việc làm đường bê tông và góp ngày công. Sau buổi họp, tổ "
                             "công nghệ số hướng dẫn cài đặt VNeID cho ai cần."},
                {"valid_until", until(3)},
                {"villages", village.id}}),
    };
    for (const auto& f : posts) CAUNOI_TRY(announcements.Post(officer, f));
    return {};
}

}  // namespace

// The last 30 days of prices a member reported at the commune's market (a few crops, a price that
// drifts), for the village board's latest prices and trends.
Status ReportPrices(DemoServices& s, const Actor& member, const area::Area& commune, std::mt19937& rng) {
    struct Series {
        const char* crop;
        const char* unit;
        int64_t price;
    };
    static const Series kSeries[] = {
        {"ginger", "kg", 14000}, {"cardamom", "kg", 210000}, {"maize", "kg", 7000}, {"cattle", "head", 18000000}};
    const int64_t today = s.prices.Today();
    std::uniform_int_distribution<int> drift(-4, 5);
    for (const auto& x : kSeries) {
        int64_t price = x.price;
        for (int back = 28; back >= 0; back -= 4) {
            price += price * drift(rng) / 100;
            price -= price % 500;
            CAUNOI_TRY(s.prices.Report(member, commune.id, commune.path,
                                       Fields({{"crop", x.crop},
                                               {"unit", x.unit},
                                               {"price", std::to_string(price)},
                                               {"market", "Chợ " + commune.name},
                                               {"observed_on", FormatDate(today - back)}})));
        }
    }
    return {};
}

// Today's and the next days' forecast as an officer enters it when the weather source is down
// (the demo has no internet): the third day very wet, which offers the officer a warning.
Status EnterWeather(DemoServices& s, const Actor& officer, const area::Area& commune) {
    static const char* kDays[][3] = {{"15", "24", "4"}, {"16", "23", "38"}, {"17", "22", "115"}, {"14", "20", "12"}};
    Fields f;
    for (int d = 0; d < 4; ++d) {
        const std::string p = "day" + std::to_string(d) + "_";
        f.Set(p + "min", kDays[d][0]);
        f.Set(p + "max", kDays[d][1]);
        f.Set(p + "rain", kDays[d][2]);
    }
    return s.weather.EnterManual(officer, commune.id, commune.path, f);
}

Result<std::vector<DemoLogin>> CreateDemo(DemoServices& s, const DemoOptions& opts) {
    std::mt19937 rng(opts.seed);
    Actor sys = auth::SystemActor();
    std::vector<DemoLogin> logins;
    auto add_user = [&](Fields f, const std::string& role_label, const std::string& where) -> Result<auth::User> {
        f.Set("password", kDemoPassword);
        CAUNOI_ASSIGN(auto u, s.auth.CreateUser(sys, f));
        logins.push_back({u.username, kDemoPassword, role_label, where});
        return u;
    };
    CAUNOI_TRY(add_user(Fields({{"username", "admin"},
                                {"display_name", "Quản trị tỉnh (mẫu)"},
                                {"role", "province_admin"},
                                {"area_id", "40"}}),
                        "province_admin", "Nghệ An"));
    static const char* kKinds[] = {"youth_union", "teacher", "one_stop_officer", "village_head", "police", "elder"};
    for (const auto& spec : Communes()) {
        CAUNOI_ASSIGN(auto commune, s.areas.Get(sys, spec.code));
        CAUNOI_TRY(s.transactions.Atomically([&]() -> Status {
            std::vector<area::Area> villages;
            std::vector<std::pair<std::string, std::vector<std::string>>> visited;  // team 1's households
            for (size_t i = 0; i < spec.villages.size(); ++i) {
                std::string lat = std::to_string(19.2 + 0.05 * static_cast<double>(i));
                std::string lon = std::to_string(104.1 + 0.04 * static_cast<double>(i));
                CAUNOI_ASSIGN(auto v, s.areas.CreateVillage(sys, commune.id,
                                                            Fields({{"name", std::string(spec.villages[i]) + " (mẫu)"},
                                                                    {"lat", lat},
                                                                    {"lon", lon},
                                                                    {"coverage", spec.coverage[i % 6]}})));
                villages.push_back(v);
            }
            for (int h = 0; h < opts.households_per_commune; ++h) {
                const auto& village = villages[h % villages.size()];
                const auto& group =
                    NameGroups()[std::discrete_distribution<int>(spec.mix.begin(), spec.mix.end())(rng)];
                std::string head = PersonName(rng, group, false);
                std::vector<std::string> people;
                CAUNOI_ASSIGN(auto hh, s.registry.CreateHousehold(
                                           sys, Fields({{"village_id", village.id},
                                                        {"name", head},
                                                        {"consent", "1"},
                                                        {"consent_purposes", "registry,support,statistics"}})));
                int size = 2 + Weighted(rng, {20, 30, 25, 15, 10});
                for (int p = 0; p < size; ++p) {
                    bool female = p == 1 || (p > 1 && rng() % 2);
                    int age = p < 2 ? 25 + static_cast<int>(rng() % 40) : 3 + static_cast<int>(rng() % 20);
                    Fields f({{"household_id", hh.id},
                              {"consent", "1"},
                              // Heads of household agree to SMS about their dossiers; others were not asked.
                              {"consent_purposes", p == 0 ? "registry,support,notifications" : "registry,support"},
                              {"full_name", p == 0 ? head : PersonName(rng, group, female)},
                              {"birth_year", std::to_string(2026 - age)},
                              {"sex", female ? "f" : "m"},
                              {"language", group.language},
                              {"ethnicity", group.ethnicity}});
                    if (age >= 15) {
                        static const char* kPhone[] = {"none", "basic", "smart"};
                        int phone = Weighted(rng, {15, 35, 50});
                        f.Set("phone_kind", kPhone[phone]);
                        if (phone > 0) f.Set("phone", "09" + std::to_string(10000000 + rng() % 89999999));
                        static const char* kVneid[] = {"none", "level1", "level2"};
                        f.Set("vneid_level",
                              kVneid[phone == 2 ? Weighted(rng, {25, 25, 50}) : Weighted(rng, {70, 20, 10})]);
                        f.Set("payment_account", rng() % 100 < (phone == 2 ? 60u : 15u) ? "1" : "0");
                        f.Set("portal_account", rng() % 100 < (phone == 2 ? 40u : 5u) ? "1" : "0");
                        for (const auto& skill : registry::kSkills)
                            f.Set(std::string(skill.key),
                                  std::string(registry::kSkillLevels[phone == 2 ? Weighted(rng, {40, 35, 25})
                                                                                : Weighted(rng, {80, 15, 5})]
                                                  .key));
                    }
                    CAUNOI_ASSIGN(auto res, s.registry.CreateResident(sys, f));
                    people.push_back(res.id);
                }
                if (h % villages.size() < (villages.size() + 1) / 2) visited.push_back({hh.id, people});
            }
            // Two teams per commune: the first holds the first half of the villages.
            size_t half = (villages.size() + 1) / 2;
            for (int t = 0; t < 2; ++t) {
                std::string ids;
                for (size_t i = t == 0 ? 0 : half; i < (t == 0 ? half : villages.size()); ++i)
                    ids += (ids.empty() ? "" : ",") + villages[i].id;
                CAUNOI_ASSIGN(
                    auto team,
                    s.teams.Create(sys, commune.path,
                                   Fields({{"commune_id", commune.id},
                                           {"name", "Tổ CNS " + commune.name + " " + std::to_string(t + 1) + " (mẫu)"},
                                           {"village_ids", ids}})));
                // Members' numbers made from the commune's code (not drawn: the data after stays as it was).
                const std::string numbered = commune.id.substr(0, 5) + std::to_string(t);
                for (int m = 0; m < 4; ++m) {
                    const auto& g = NameGroups()[m % 2 == 0 ? 0 : 1];
                    CAUNOI_TRY(s.teams.AddMember(sys, team.id,
                                                 Fields({{"name", PersonName(rng, g, m % 2 == 1)},
                                                         {"kind", kKinds[(m + t) % 6]},
                                                         {"phone", "038" + numbered + std::to_string(m)},
                                                         {"leader", m == 0 ? "1" : "0"}})));
                }
                // The team's first village has a working loudspeaker and someone who reads it.
                CAUNOI_TRY(s.alerts.SetLoudspeaker(sys, villages[t == 0 ? 0 : half].id, true,
                                                   "Người đọc loa " + std::string(spec.villages[t == 0 ? 0 : half]),
                                                   "037" + numbered + "0"));
                if (t == 0) {
                    std::string slug = spec.slug;
                    CAUNOI_ASSIGN(auto leader, add_user(Fields({{"username", "totruong." + slug},
                                                                {"display_name", "Tổ trưởng " + commune.name + " (mẫu)"},
                                                                {"role", "team_leader"},
                                                                {"team_id", team.id}}),
                                                        "team_leader", team.name));
                    CAUNOI_ASSIGN(auto member,
                                  add_user(Fields({{"username", "thanhvien." + slug},
                                                   {"display_name", "Thành viên " + commune.name + " (mẫu)"},
                                                   {"role", "member"},
                                                   {"team_id", team.id}}),
                                           "member", team.name));
                    CAUNOI_ASSIGN(auto actor, s.auth.ActorFor(member, "demo"));
                    CAUNOI_TRY(RecordVisits(s, actor, visited, rng));
                    CAUNOI_TRY(RecordDossiers(s, actor, commune.id, visited, rng));
                    CAUNOI_TRY(ReportPrices(s, actor, commune, rng));
                    if (s.training) {
                        CAUNOI_ASSIGN(auto leader_actor, s.auth.ActorFor(leader, "demo"));
                        CAUNOI_TRY(PlanTraining(*s.training, leader_actor, villages.front(), member.id));
                    }
                    if (s.listings) {
                        CAUNOI_ASSIGN(auto leader_actor, s.auth.ActorFor(leader, "demo"));
                        CAUNOI_TRY(AddListings(*s.listings, actor, leader_actor, villages.front(), numbered.substr(0, 6)));
                    }
                }
            }
            CAUNOI_ASSIGN(auto officer, add_user(Fields({{"username", "canbo." + std::string(spec.slug)},
                                                         {"display_name", "Cán bộ xã " + commune.name + " (mẫu)"},
                                                         {"role", "commune_officer"},
                                                         {"area_id", commune.id}}),
                                                 "commune_officer", commune.name));
            CAUNOI_ASSIGN(auto officer_actor, s.auth.ActorFor(officer, "demo"));
            CAUNOI_TRY(EnterWeather(s, officer_actor, commune));
            if (s.announcements) {
                CAUNOI_TRY(PostAnnouncements(*s.announcements, officer_actor, villages.front()));
            }
            return {};
        }));
    }
    return logins;
}

}  // namespace caunoi::demo
