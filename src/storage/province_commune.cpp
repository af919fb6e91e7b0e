#include "storage/province_commune.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "demo/names.hpp"
#include "storage/bulk_insert.hpp"
#include "storage/registry_store.hpp"

namespace caunoi::storage::province {
namespace {

using demo::NameGroups;
using demo::PersonName;
using demo::Pick;
using demo::Weighted;

// Nghệ An in 2025: 130 communes and wards, about 850,000 households, 2,500 villages.
constexpr double kHouseholdsPerCommune = 850000.0 / 130;
constexpr int kYearDays = 365;
constexpr int64_t kDay = 86400;
constexpr int64_t kLocalOffset = 7 * 3600;  // Asia/Ho_Chi_Minh

// Where a commune lies and who lives there: the highland districts by their former district
// (west of the province, mostly Thái, Mông and Khơ Mú), the rest lowland (mostly Kinh).
struct Setting {
    double lat, lon, spread;
    std::vector<int> mix;  // weights over NameGroups()
};

Setting SettingOf(const Commune& c, std::mt19937& rng) {
    std::uniform_real_distribution<double> u(-1, 1);
    auto around = [&](double lat, double lon, double r, std::vector<int> mix) {
        return Setting{lat + r * u(rng), lon + r * u(rng), 0.04, std::move(mix)};
    };
    if (c.former_district == "Kỳ Sơn") return around(19.40, 104.20, 0.15, {20, 50, 25, 5});
    if (c.former_district == "Tương Dương") return around(19.27, 104.55, 0.15, {65, 10, 15, 10});
    if (c.former_district == "Con Cuông") return around(19.05, 104.85, 0.10, {60, 0, 10, 30});
    if (c.former_district == "Quế Phong") return around(19.65, 104.90, 0.10, {70, 5, 5, 20});
    if (c.kind == "ward") return around(18.75, 105.60, 0.12, {1, 0, 0, 99});
    // The lowland and midland communes between the mountains and the sea.
    return Setting{18.95 + 0.45 * u(rng), 105.30 + 0.35 * u(rng), 0.03, {4, 0, 1, 95}};
}

struct Person {
    std::string id;
    int birth_year = 0;
    bool adult = false, smart = false;
    std::string phone, language;
};

struct Household {
    std::string id, path;
    size_t first = 0, count = 0;  // residents [first, first + count) of the commune's people
};

template <typename Engine>
Engine Seeded(unsigned seed, size_t index, unsigned stream) {
    std::seed_seq q{seed, static_cast<unsigned>(index), stream};
    return Engine(q);
}

// Draws ids from the commune's generator: the same seed gives the same ids.
class Ids {
  public:
    explicit Ids(std::mt19937_64& rng) : rng_(rng) {}
    std::string At(int64_t ms) {
        unsigned char b[10];
        const uint64_t x = rng_(), y = rng_();
        for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(x >> (8 * i));
        b[8] = static_cast<unsigned char>(y);
        b[9] = static_cast<unsigned char>(y >> 8);
        return UlidOf(ms, b);
    }

  private:
    std::mt19937_64& rng_;
};

// Reserves `n` revisions of the sync clock; returns the first.
Result<int64_t> ReserveRevisions(Database& db, int64_t n) {
    CAUNOI_ASSIGN(auto row, db.QueryOne("UPDATE sync_clock SET rev = rev + ? WHERE id = 1 RETURNING rev", {n}));
    return row.Int(0) - n + 1;
}

// Everything one commune gets. Its own generator: communes do not depend on each other's draws.
class CommuneWriter {
  public:
    CommuneWriter(Database& db, demo::DemoServices& s, const ProvinceDemoOptions& o, const Catalog& cat,
                  const Commune& c, size_t index, ProvinceDemoTotals& totals, std::vector<demo::DemoLogin>& logins)
        : db_(db),
          s_(s),
          o_(o),
          cat_(cat),
          c_(c),
          index_(index),
          totals_(totals),
          logins_(logins),
          rng_(Seeded<std::mt19937>(o.seed, index, 1)),
          rng64_(Seeded<std::mt19937_64>(o.seed, index, 2)),
          ids_(rng64_),
          setting_(SettingOf(c, rng_)),
          today_(LocalDayOf(o.now)),
          year_(std::stoi(FormatDate(today_).substr(0, 4))) {}

    Status Write() {
        std::uniform_real_distribution<double> size(0.6, 1.4);
        const int households =
            std::max(4, static_cast<int>(std::lround(kHouseholdsPerCommune * size(rng_) * o_.fraction)));
        const int villages = std::min(14 + static_cast<int>(rng_() % 11), std::max(3, households / 5));
        // An error names the commune and the step.
        const auto step = [&](const char* what, const Status& st) -> Status {
            if (st.ok()) return st;
            Error e = st.error();
            e.detail = "commune " + c_.id + ", " + what + ": " + e.detail;
            return e;
        };
        CAUNOI_TRY(step("villages", Villages(villages)));
        CAUNOI_TRY(step("teams", Teams()));
        CAUNOI_TRY(step("registry", Registry(households)));
        CAUNOI_TRY(step("sessions", Sessions()));
        CAUNOI_TRY(step("dossiers", Dossiers()));
        return step("desk", Desk());
    }

  private:
    int64_t LocalDayStart(int64_t day) const { return day * kDay - kLocalOffset; }
    // A time in working hours `days_ago` days before today, never after now.
    int64_t WorkingTime(int days_ago) {
        const int64_t t = LocalDayStart(today_ - days_ago) + 7 * 3600 + static_cast<int64_t>(rng_() % (11 * 3600));
        return std::min(t, o_.now - 60);
    }

    Status Villages(int n) {
        static const char* kFirst[] = {"Huồi", "Na", "Phà", "Xốp", "Nậm", "Pha", "Hòa", "Cha"};
        static const char* kSecond[] = {"Giảng", "Khảo", "Bè", "Lõm", "Tông", "Mạt", "Lống", "Khun"};
        static const char* kCoverage[] = {"none", "2g", "3g", "4g"};
        BulkInsert rows(
            db_, "areas",
            {"id", "parent_id", "kind", "name", "name_folded", "path", "lat", "lon", "coverage", "created_at"});
        std::uniform_real_distribution<double> u(-1, 1);
        for (int i = 0; i < n; ++i) {
            std::string name;
            if (c_.highland)
                name = std::string("Bản ") + kFirst[i % 8] + " " + kSecond[(i / 8 + i) % 8];
            else
                name = (c_.kind == "ward" ? "Khối " : "Thôn ") + std::to_string(i + 1);
            name += " (mẫu)";
            const int coverage = c_.highland ? Weighted(rng_, {10, 25, 35, 30}) : Weighted(rng_, {0, 3, 22, 75});
            const int64_t at = o_.now - 430 * kDay;
            std::string id = ids_.At(at * 1000 + static_cast<int64_t>(index_) * 100 + i);
            villages_.push_back({id, c_.path + "/" + id});
            CAUNOI_TRY(rows.Add({id, c_.id, std::string("village"), name, text::Fold(name), c_.path + "/" + id,
                                 setting_.lat + setting_.spread * u(rng_), setting_.lon + setting_.spread * u(rng_),
                                 std::string(kCoverage[coverage]), at}));
        }
        totals_.villages += n;
        return rows.Flush();
    }

    Result<auth::User> AddUser(Fields f, const std::string& role, const std::string& where) {
        f.Set("password", demo::kDemoPassword);
        CAUNOI_ASSIGN(auto u, s_.auth.CreateUser(auth::SystemActor(), f));
        logins_.push_back({u.username, demo::kDemoPassword, role, where});
        return u;
    }

    // One team for about five villages (guidance 793 asks one per village; communes group small
    // ones), four members each; a member login per commune, and in the first commune an officer
    // and a team leader too.
    Status Teams() {
        static const char* kKinds[] = {"youth_union", "teacher", "one_stop_officer", "village_head", "police", "elder"};
        const Actor sys = auth::SystemActor();
        const size_t teams = (villages_.size() + 4) / 5;
        for (size_t t = 0; t < teams; ++t) {
            std::string ids;
            for (size_t v = t; v < villages_.size(); v += teams) ids += (ids.empty() ? "" : ",") + villages_[v].first;
            CAUNOI_ASSIGN(auto team, s_.teams.Create(
                                         sys, c_.path,
                                         Fields({{"commune_id", c_.id},
                                                 {"name", "Tổ CNS " + c_.name + " " + std::to_string(t + 1) + " (mẫu)"},
                                                 {"village_ids", ids}})));
            for (int m = 0; m < 4; ++m) {
                const auto& g = NameGroups()[static_cast<size_t>(Weighted(rng_, setting_.mix))];
                char phone[16];
                std::snprintf(phone, sizeof phone, "038%07u", static_cast<unsigned>(rng_() % 10000000));
                CAUNOI_TRY(s_.teams.AddMember(sys, team.id,
                                              Fields({{"name", PersonName(rng_, g, m % 2 == 1)},
                                                      {"kind", kKinds[(m + t) % 6]},
                                                      {"phone", phone},
                                                      {"leader", m == 0 ? "1" : "0"}})));
            }
            ++totals_.teams;
            if (t != 0) continue;
            if (index_ == 0) {
                CAUNOI_TRY(AddUser(Fields({{"username", "canbo." + c_.id},
                                           {"display_name", "Cán bộ xã " + c_.name + " (mẫu)"},
                                           {"role", "commune_officer"},
                                           {"area_id", c_.id}}),
                                   "commune_officer", c_.name));
                CAUNOI_TRY(AddUser(Fields({{"username", "totruong." + c_.id},
                                           {"display_name", "Tổ trưởng " + c_.name + " (mẫu)"},
                                           {"role", "team_leader"},
                                           {"team_id", team.id}}),
                                   "team_leader", team.name));
            }
            CAUNOI_ASSIGN(auto member, AddUser(Fields({{"username", "thanhvien." + c_.id},
                                                       {"display_name", "Thành viên " + c_.name + " (mẫu)"},
                                                       {"role", "member"},
                                                       {"team_id", team.id}}),
                                               "member", team.name));
            member_ = member.id;
        }
        return {};
    }

    // Birth year of the household's p-th person (head, spouse, maybe a grandparent, children).
    int BirthYear(size_t p, size_t n, int head_age) {
        int age;
        if (p == 0)
            age = head_age;
        else if (p == 1)
            age = std::max(19, head_age - 6 + static_cast<int>(rng_() % 9));
        else if (p == 2 && n >= 5 && rng_() % 3 == 0)
            age = std::min(95, head_age + 22 + static_cast<int>(rng_() % 12));
        else
            age = static_cast<int>(rng_() % static_cast<unsigned>(std::clamp(head_age - 18, 2, 30)));
        return year_ - age;
    }

    Status Registry(int households) {
        static const char* kPhone[] = {"none", "basic", "smart"};
        static const char* kBroadband[] = {"fibre", "mobile", "none"};
        BulkInsert hh(db_, "households",
                      {"commune_id", "id", "village_id", "area_path", "name", "name_folded", "broadband", "consent_by",
                       "consent_at", "consent_purposes", "created_at", "updated_at"});
        BulkInsert rs(db_, "residents",
                      {"commune_id",
                       "id",
                       "household_id",
                       "area_path",
                       "full_name",
                       "name_folded",
                       "birth_year",
                       "sex",
                       "phone",
                       "phone_kind",
                       "language",
                       "ethnicity",
                       "vneid_level",
                       "portal_account",
                       "payment_account",
                       "skill_public_services",
                       "skill_shopping",
                       "skill_payment",
                       "skill_safety",
                       "skill_local_platforms",
                       "consent_by",
                       "consent_at",
                       "consent_purposes",
                       "created_at",
                       "updated_at"});
        rs.After(hh);
        // Each household's search document written once, after its residents (not rewritten for
        // every resident by the triggers).
        CAUNOI_TRY(DeferSearch(db_));
        const std::vector<int> phone_w = c_.highland         ? std::vector<int>{18, 37, 45}
                                         : c_.kind == "ward" ? std::vector<int>{4, 12, 84}
                                                             : std::vector<int>{8, 22, 70};
        // The registry was surveyed over two months before the year of history began.
        const int64_t surveyed = o_.now - 420 * kDay;
        for (int h = 0; h < households; ++h) {
            const auto& village = villages_[static_cast<size_t>(h) % villages_.size()];
            const auto& g = NameGroups()[static_cast<size_t>(Weighted(rng_, setting_.mix))];
            const int64_t at = surveyed + static_cast<int64_t>(rng_() % (60 * kDay));
            // Ids in the order written (each index grows at its end); times in the survey's months.
            const int64_t ms = (surveyed + static_cast<int64_t>(index_) * 3600) * 1000 + h * 10;
            const size_t n = 1 + static_cast<size_t>(Weighted(rng_, {7, 13, 19, 24, 17, 10, 6, 4}));
            const bool head_female = rng_() % 5 == 0;
            const std::string head = PersonName(rng_, g, head_female);
            Household house{ids_.At(ms), village.second, people_.size(), n};
            const int broadband = c_.highland         ? Weighted(rng_, {30, 35, 30, 5})
                                  : c_.kind == "ward" ? Weighted(rng_, {80, 12, 5, 3})
                                                      : Weighted(rng_, {60, 25, 12, 3});
            CAUNOI_TRY(hh.Add({c_.id, house.id, village.first, house.path, head, text::Fold(head),
                               broadband == 3 ? Value{nullptr} : Value{std::string(kBroadband[broadband])}, member_, at,
                               std::string("registry,support,statistics"), at, at}));
            const int head_age = 24 + static_cast<int>(rng_() % 50);
            for (size_t p = 0; p < n; ++p) {
                const bool female = p == 0 ? head_female : p == 1 ? !head_female : rng_() % 2 == 0;
                Person person;
                person.id = ids_.At(ms + static_cast<int64_t>(p) + 1);
                person.birth_year = BirthYear(p, n, head_age);
                person.language = g.language;
                const int age = year_ - person.birth_year;
                person.adult = age >= 18;
                const std::string name = p == 0 ? head : PersonName(rng_, g, female);
                int phone = 0, vneid = 0;
                bool portal = false, payment = false;
                std::array<int, 5> skills{};
                if (age >= 15) {
                    phone = age >= 65 ? std::min(Weighted(rng_, phone_w), Weighted(rng_, phone_w))
                                      : Weighted(rng_, phone_w);
                    if (phone > 0) {
                        char num[16];
                        std::snprintf(num, sizeof num, "09%08u", static_cast<unsigned>(rng_() % 100000000));
                        person.phone = num;
                    }
                    vneid = phone == 2 ? Weighted(rng_, {20, 25, 55}) : Weighted(rng_, {70, 20, 10});
                    payment = rng_() % 100 < (phone == 2 ? 65u : 15u);
                    portal = rng_() % 100 < (phone == 2 ? 40u : 5u);
                    for (auto& k : skills) k = phone == 2 ? Weighted(rng_, {35, 35, 30}) : Weighted(rng_, {80, 15, 5});
                }
                person.smart = phone == 2;
                CAUNOI_TRY(
                    rs.Add({c_.id, person.id, house.id, house.path, name, text::Fold(name), int64_t{person.birth_year},
                            std::string(female ? "f" : "m"), TextOrNull(person.phone), std::string(kPhone[phone]),
                            person.language, std::string(g.ethnicity), int64_t{vneid}, int64_t{portal},
                            int64_t{payment}, int64_t{skills[0]}, int64_t{skills[1]}, int64_t{skills[2]},
                            int64_t{skills[3]}, int64_t{skills[4]}, member_, at,
                            // Heads agree to SMS about their dossiers; the others were not asked.
                            std::string(p == 0 ? "registry,support,notifications" : "registry,support"), at, at}));
                people_.push_back(std::move(person));
            }
            households_.push_back(std::move(house));
        }
        CAUNOI_TRY(hh.Flush());
        CAUNOI_TRY(rs.Flush());
        std::vector<std::string> written;
        written.reserve(households_.size());
        for (const auto& house : households_) written.push_back(house.id);
        CAUNOI_TRY(WriteSearch(db_, written));
        // What phones pull (storage/sync_changes.hpp): one change per household and resident.
        BulkInsert changes(db_, "sync_changes", {"commune_id", "rev", "area_path", "kind", "entity_id"});
        CAUNOI_ASSIGN(int64_t rev, ReserveRevisions(db_, static_cast<int64_t>(households_.size() + people_.size())));
        for (const auto& house : households_) {
            CAUNOI_TRY(changes.Add({c_.id, rev++, house.path, std::string("household"), house.id}));
            for (size_t p = house.first; p < house.first + house.count; ++p)
                CAUNOI_TRY(changes.Add({c_.id, rev++, house.path, std::string("resident"), people_[p].id}));
        }
        totals_.households += static_cast<int64_t>(households_.size());
        totals_.residents += static_cast<int64_t>(people_.size());
        return changes.Flush();
    }

    // How many days ago something of the year happened: half evenly, half more often lately (the
    // teams grew into their work over the year).
    int DaysAgo() {
        const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
        const double x = rng_() % 2 ? u : 1 - std::sqrt(u);
        return std::min(kYearDays - 1, static_cast<int>(x * kYearDays));
    }

    struct Session {
        int64_t at;
        size_t household;
    };

    Status Sessions() {
        static const char* kChannels[] = {"home_visit", "commune_desk", "village_meeting", "phone"};
        static const char* kOutcomes[] = {"done", "partly", "not_done"};
        static const char* kReasons[] = {"no_signal", "no_device",    "missing_papers",
                                         "declined",  "system_error", "other"};
        // About 5.9 sessions a household in the year; one household in ten never visited.
        std::poisson_distribution<int> count(6.5);
        std::vector<Session> sessions;
        for (size_t h = 0; h < households_.size(); ++h) {
            if (rng_() % 10 == 0) continue;
            for (int k = count(rng_); k > 0; --k) sessions.push_back({WorkingTime(DaysAgo()), h});
        }
        // In time order: ids grow as they are written, and each index is filled front to back.
        std::sort(sessions.begin(), sessions.end(), [](const Session& a, const Session& b) { return a.at < b.at; });
        BulkInsert ss(db_, "support_sessions",
                      {"commune_id", "id", "household_id", "area_path", "channel", "minutes", "tip_key", "recorded_by",
                       "helpers", "at"});
        BulkInsert sr(db_, "session_residents", {"commune_id", "session_id", "resident_id"});
        BulkInsert tips(db_, "tips_given", {"commune_id", "resident_id", "tip_key", "session_id", "at"});
        BulkInsert lines(db_, "session_services",
                         {"commune_id", "session_id", "line", "service_key", "outcome", "reason"});
        sr.After(ss);
        tips.After(ss);
        lines.After(ss);
        std::vector<unsigned> visits(households_.size());
        for (const auto& x : sessions) {
            const Household& house = households_[x.household];
            const std::string id = ids_.At(x.at * 1000 + static_cast<int64_t>(rng_() % 1000));
            // Each visit gives the household the next tip of the rotation.
            const std::string& tip = cat_.tips[visits[x.household]++ % cat_.tips.size()];
            CAUNOI_TRY(
                ss.Add({c_.id, id, house.id, house.path, std::string(kChannels[Weighted(rng_, {55, 20, 15, 10})]),
                        int64_t{5 + static_cast<int64_t>(rng_() % 56)}, tip, member_, member_, x.at}));
            const size_t helped = std::min(house.count, size_t{1} + static_cast<size_t>(Weighted(rng_, {70, 25, 5})));
            const size_t start = rng_() % house.count;
            for (size_t k = 0; k < helped; ++k) {
                const std::string& person = people_[house.first + (start + k) % house.count].id;
                CAUNOI_TRY(sr.Add({c_.id, id, person}));
                CAUNOI_TRY(tips.Add({c_.id, person, tip, id, x.at}));
            }
            const int n = 1 + Weighted(rng_, {60, 30, 10});
            const size_t first = rng_() % cat_.services.size();
            for (int l = 0; l < n; ++l) {
                const int outcome = Weighted(rng_, {60, 25, 15});
                CAUNOI_TRY(lines.Add(
                    {c_.id, id, int64_t{l + 1}, cat_.services[(first + static_cast<size_t>(l)) % cat_.services.size()],
                     std::string(kOutcomes[outcome]),
                     outcome == 2 ? Value{std::string(kReasons[Weighted(rng_, {30, 25, 20, 12, 8, 5})])}
                                  : Value{nullptr}}));
            }
        }
        CAUNOI_TRY(ss.Flush());
        CAUNOI_TRY(sr.Flush());
        CAUNOI_TRY(tips.Flush());
        CAUNOI_TRY(lines.Flush());
        totals_.sessions += static_cast<int64_t>(sessions.size());
        return {};
    }

    struct DossierDraw {
        int64_t day;
        size_t person;
        int channel;  // 0 self_online, 1 assisted_online, 2 desk
    };

    // About one dossier for two households in the year. Early in the year most are filed at the
    // desk or with a member's help; by its end about half are filed online by the residents.
    Status Dossiers() {
        static const char* kChannels[] = {"self_online", "assisted_online", "desk"};
        std::poisson_distribution<int> count(0.55);
        std::vector<DossierDraw> draws;
        for (const auto& house : households_) {
            for (int k = count(rng_); k > 0; --k) {
                const int ago = static_cast<int>(rng_() % kYearDays);
                const double progress = 1.0 - ago / static_cast<double>(kYearDays);  // 0 a year ago, 1 today
                const int self = static_cast<int>(8 + 42 * progress), desk = static_cast<int>(40 - 25 * progress);
                const int channel = Weighted(rng_, {self, 100 - self - desk, desk});
                // The adult who files: one with a smartphone when filing online alone.
                size_t who = house.first + rng_() % house.count;
                for (size_t p = house.first; p < house.first + house.count && channel == 0; ++p)
                    if (people_[p].smart) who = p;
                draws.push_back({today_ - ago, who, channel});
            }
        }
        std::sort(draws.begin(), draws.end(), [](const DossierDraw& a, const DossierDraw& b) { return a.day < b.day; });
        BulkInsert ds(db_, "dossiers",
                      {"commune_id", "id", "resident_id", "area_path", "procedure_code", "portal_code", "channel",
                       "assisted_by", "submitted_day", "due_day", "status", "phone", "language", "notify", "created_by",
                       "created_at", "updated_at"});
        BulkInsert ev(db_, "dossier_events", {"commune_id", "dossier_id", "status", "at", "by_user"});
        ev.After(ds);
        int number = 0;
        for (const auto& d : draws) {
            const Person& person = people_[d.person];
            const auto& [procedure, days] = cat_.procedures[rng_() % cat_.procedures.size()];
            const int64_t submitted =
                std::min(o_.now - 600, LocalDayStart(d.day) + 7 * 3600 + static_cast<int64_t>(rng_() % (10 * 3600)));
            const int64_t due = cat_.calendar.AddWorkingDays(d.day, days);
            // The statuses it went through by now: received the next hour, processed over its days.
            std::vector<std::pair<const char*, int64_t>> path = {{"submitted", submitted}};
            const int64_t age = today_ - d.day;
            // Each status at least an hour after the one before.
            const auto later = [&](double day_fraction) {
                return std::max(path.back().second + 3600,
                                submitted + static_cast<int64_t>(day_fraction * static_cast<double>(kDay)));
            };
            path.push_back({"received", later(0.05)});
            if (age >= 1) path.push_back({"processing", later(1)});
            if (age >= 1 && rng_() % 10 == 0) {
                path.push_back({"supplement_requested", later(1.5)});
                if (age >= 4) path.push_back({"resubmitted", later(3.5)});
            }
            const int64_t done_days = std::max<int64_t>(1, due - d.day - static_cast<int64_t>(rng_() % 2));
            if (age >= done_days + 1 && path.back().first != std::string("supplement_requested")) {
                if (rng_() % 25 == 0) {
                    path.push_back({"rejected", later(static_cast<double>(done_days))});
                } else {
                    path.push_back({"result_ready", later(static_cast<double>(done_days))});
                    if (age >= done_days + 3 || rng_() % 2) path.push_back({"result_received", later(done_days + 2.2)});
                }
            }
            while (path.size() > 1 && path.back().second > o_.now) path.pop_back();
            char code[48];
            const std::string ymd = FormatDate(d.day);
            std::snprintf(code, sizeof code, "H42.%s-%s%s%s-%06d", c_.id.c_str(), ymd.substr(2, 2).c_str(),
                          ymd.substr(5, 2).c_str(), ymd.substr(8, 2).c_str(), ++number);
            const std::string id = ids_.At(submitted * 1000 + static_cast<int64_t>(rng_() % 1000));
            const bool head = d.person < people_.size() && IsHead(d.person);
            CAUNOI_TRY(ds.Add({c_.id, id, person.id, HouseholdPathOf(d.person), procedure, std::string(code),
                               std::string(kChannels[d.channel]), d.channel == 0 ? Value{nullptr} : Value{member_},
                               d.day, due, std::string(path.back().first), TextOrNull(person.phone), person.language,
                               int64_t{head}, member_, submitted, path.back().second}));
            for (const auto& [status, at] : path) CAUNOI_TRY(ev.Add({c_.id, id, std::string(status), at, member_}));
        }
        CAUNOI_TRY(ds.Flush());
        CAUNOI_TRY(ev.Flush());
        totals_.dossiers += static_cast<int64_t>(draws.size());
        return {};
    }

    bool IsHead(size_t person) const { return HouseholdOf(person).first == person; }
    const std::string& HouseholdPathOf(size_t person) const { return HouseholdOf(person).path; }
    const Household& HouseholdOf(size_t person) const {
        auto it = std::upper_bound(households_.begin(), households_.end(), person,
                                   [](size_t p, const Household& h) { return p < h.first; });
        return *std::prev(it);
    }

    // The one-stop desk's numbered tickets on working days (about one for a thousand households
    // a day), and the scam calls residents reported by SMS.
    Status Desk() {
        static const char* kNeeds[] = {"procedure", "digital_help", "question"};
        BulkInsert tickets(db_, "desk_tickets",
                           {"id", "commune_id", "area_path", "day", "number", "need", "resident_id", "status",
                            "issued_at", "called_at", "served_at", "closed_at", "called_by"});
        std::poisson_distribution<int> per_day(static_cast<double>(households_.size()) / 1000);
        for (int ago = kYearDays - 1; ago >= 0; --ago) {
            const int64_t day = today_ - ago;
            if (!cat_.calendar.IsWorkingDay(day)) continue;
            const int n = per_day(rng_);
            for (int k = 1; k <= n; ++k) {
                const int64_t issued = LocalDayStart(day) + 7 * 3600 + 1800 + k * 600;
                if (issued > o_.now) break;
                const bool waiting = ago == 0 && issued + 3600 > o_.now;
                const bool no_show = !waiting && rng_() % 8 == 0;
                const Value who = rng_() % 2 ? Value{people_[rng_() % people_.size()].id} : Value{nullptr};
                const Value called = waiting ? Value{nullptr} : Value{issued + 900};
                const Value served = waiting || no_show ? Value{nullptr} : Value{issued + 1000};
                const Value closed = waiting ? Value{nullptr} : Value{issued + 1800};
                CAUNOI_TRY(tickets.Add({ids_.At(issued * 1000), c_.id, c_.path, FormatDate(day), int64_t{k},
                                        std::string(kNeeds[Weighted(rng_, {50, 35, 15})]), who,
                                        std::string(waiting   ? "waiting"
                                                    : no_show ? "no_show"
                                                              : "closed"),
                                        issued, called, served, closed, waiting ? Value{nullptr} : Value{member_}}));
                ++totals_.tickets;
            }
        }
        CAUNOI_TRY(tickets.Flush());
        static const char* kScams[] = {"LD 0812345678 goi tu xung cong an doi nang cap VNeID muc 2 qua duong link",
                                       "LD 0598765432 nhan tin bao trung thuong yeu cau chuyen phi nhan giai",
                                       "LD 0701234567 gia nhan vien ngan hang doi ma OTP de mo khoa tai khoan"};
        BulkInsert scams(db_, "scam_reports", {"commune_id", "id", "area_path", "phone", "body", "at"});
        const int reports = static_cast<int>(households_.size() / 300);
        for (int k = 0; k < reports; ++k) {
            const Household& house = households_[rng_() % households_.size()];
            const Person& person = people_[house.first];
            if (person.phone.empty()) continue;
            const int64_t at = WorkingTime(DaysAgo());
            CAUNOI_TRY(
                scams.Add({c_.id, ids_.At(at * 1000), house.path, person.phone, std::string(kScams[k % 3]), at}));
            ++totals_.scam_reports;
        }
        return scams.Flush();
    }

    Database& db_;
    demo::DemoServices& s_;
    const ProvinceDemoOptions& o_;
    const Catalog& cat_;
    const Commune& c_;
    size_t index_;
    ProvinceDemoTotals& totals_;
    std::vector<demo::DemoLogin>& logins_;
    std::mt19937 rng_;
    std::mt19937_64 rng64_;
    Ids ids_;
    Setting setting_;
    int64_t today_;
    int year_;
    std::string member_;                                         // the user who recorded the commune's work
    std::vector<std::pair<std::string, std::string>> villages_;  // id, path
    std::vector<Household> households_;
    std::vector<Person> people_;
};

}  // namespace

Status WriteCommune(Database& db, demo::DemoServices& s, const ProvinceDemoOptions& o, const Catalog& cat,
                    const Commune& c, size_t index, ProvinceDemoTotals& totals, std::vector<demo::DemoLogin>& logins) {
    return CommuneWriter(db, s, o, cat, c, index, totals, logins).Write();
}

}  // namespace caunoi::storage::province
