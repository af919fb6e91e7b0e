#include "training/training.hpp"

#include <algorithm>
#include <set>

#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "registry/registry.hpp"

namespace caunoi::training {
namespace {

constexpr int64_t kVietnamOffset = 7 * 3600;

// "a, b,,c" -> {"a", "b", "c"}, without repeats, in order.
std::vector<std::string> IdList(const Fields& f, const std::string& key) {
    std::vector<std::string> out;
    auto it = f.all().find(key);
    if (it == f.all().end()) return out;
    for (auto part : text::Split(it->second, ',')) {
        std::string id = text::Trim(part);
        if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
}

std::string Value(const Fields& f, const std::string& key) {
    auto it = f.all().find(key);
    return it == f.all().end() ? "" : text::Trim(it->second);
}

std::string ConcernKeys(const std::vector<Concern>& cs) {
    static const char* kKeys[] = {"peak", "market", "evening", "holiday"};
    std::string out;
    for (const auto& c : cs) out += (out.empty() ? "" : ",") + std::string(kKeys[static_cast<int>(c.kind)]);
    return out;
}

Error Refused(std::string field, std::string detail, const char* msgid) {
    return Error::Invalid(std::move(field), std::move(detail), msgid);
}

}  // namespace

std::optional<int> ParseClock(const std::string& hhmm) {
    if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (hhmm[i] < '0' || hhmm[i] > '9') return std::nullopt;
    int h = std::stoi(hhmm.substr(0, 2)), m = std::stoi(hhmm.substr(3, 2));
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

int64_t LocalEpoch(int64_t day, int minute) { return day * 86400 + minute * 60 - kVietnamOffset; }

Result<PlanOutcome> TrainingService::Plan(const Actor& a, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown(
        {"village_id", "commune_id", "modules", "trainers", "place", "date", "time", "minutes", "capacity", "accept"}));
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("sessions are planned by team leaders and officers");
    const std::string village_id = Value(f, "village_id"), commune_id = Value(f, "commune_id");
    if (village_id.empty() && commune_id.empty())
        return Refused("village_id", "required", N_("Choose the village, or the whole commune"));
    CAUNOI_ASSIGN(Session s, repo_.PlaceOf(a.scope, commune_id, village_id));
    const Curriculum cur = curriculum_();
    s.modules = IdList(f, "modules");
    if (s.modules.empty()) return Refused("modules", "required", N_("Choose at least one module"));
    int total = 0;
    for (const auto& k : s.modules) {
        const Module* m = cur.Find(k);
        if (!m) return Refused("modules", "unknown module " + k.substr(0, 40), N_("Choose modules of the curriculum"));
        total += m->minutes;
    }
    const auto trainer_ids = IdList(f, "trainers");
    if (trainer_ids.empty()) return Refused("trainers", "required", N_("Choose who teaches"));
    if (trainer_ids.size() > static_cast<size_t>(kMaxTrainers))
        return Refused("trainers", "more than 4 trainers", N_("At most four trainers"));
    CAUNOI_ASSIGN(s.trainers, repo_.TrainersIn(s.commune_path, trainer_ids));
    if (s.trainers.size() != trainer_ids.size())
        return Refused("trainers", "a trainer is not a user of the commune", N_("Choose trainers of this commune"));
    CAUNOI_ASSIGN(auto place, f.Text("place", kMaxPlaceChars, true));
    if (!place) return Refused("place", "required", N_("Say where it is held"));
    s.place = *place;
    const auto day = ParseDate(Value(f, "date"));
    if (!day) return Refused("date", "not a date", N_("Choose the day"));
    const auto minute = ParseClock(Value(f, "time"));
    if (!minute) return Refused("time", "not HH:MM", N_("Give the time as hours:minutes, e.g. 08:30"));
    CAUNOI_ASSIGN(auto minutes, f.Int("minutes", 15, 480));
    CAUNOI_ASSIGN(auto capacity, f.Int("capacity", 1, kMaxCapacity));
    if (!capacity) return Refused("capacity", "required", N_("Say how many people can take part"));
    s.capacity = static_cast<int>(*capacity);
    const Slot slot{*day, *minute, static_cast<int>(minutes ? *minutes : std::min(total, 480))};
    s.starts_at = LocalEpoch(slot.day, slot.minute);
    s.ends_at = s.starts_at + slot.minutes * 60;
    const int64_t now = clock_.NowSeconds();
    if (s.starts_at <= now) return Refused("date", "in the past", N_("Choose a day and time still ahead"));
    if (s.starts_at > now + 366 * 86400) return Refused("date", "over a year ahead", N_("Choose a day within a year"));

    PlanOutcome out;
    CAUNOI_ASSIGN(auto calendar, calendar_(s.commune_id));
    out.concerns = Advise(calendar, holidays_, slot);
    if (!out.concerns.empty() && Value(f, "accept") != "1") {
        out.suggestions = Suggest(calendar, holidays_, slot, LocalDayOf(now) + 1);
        return out;
    }
    s.accepted = ConcernKeys(out.concerns);
    const std::string place_folded = text::Fold(s.place);
    CAUNOI_ASSIGN(auto clash, repo_.Overlapping(trainer_ids, s.commune_id, place_folded, s.starts_at, s.ends_at));
    for (const auto& other : clash) {
        for (const auto& t : other.trainers)
            if (std::find(trainer_ids.begin(), trainer_ids.end(), t.user_id) != trainer_ids.end())
                return Error{ErrorCode::kConflict, N_("A trainer already teaches another session at that time"),
                             "trainer " + t.user_id + " is booked by session " + other.id, "trainers"};
        return Error{ErrorCode::kConflict, N_("The place is already booked at that time"),
                     "the place is booked by session " + other.id, "place"};
    }
    s.id = NewUlid(now * 1000);
    s.created_by = a.user_id;
    s.created_at = now;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Insert(s, place_folded));
        return audit_.Record(a, "plan", "training_session", s.id, s.area_path,
                             FormatVietnamTime(s.starts_at, "%Y-%m-%d %H:%M") + " " + std::to_string(s.modules.size()) +
                                 " modules" + (s.accepted.empty() ? "" : ", planned despite: " + s.accepted));
    }));
    out.session = s;
    return out;
}

Result<Session> TrainingService::Get(const Actor& a, const std::string& id) { return repo_.Find(a.scope, a.user_id, id); }

Result<std::vector<Session>> TrainingService::Upcoming(const Actor& a, int limit) {
    // Those of today still count: attendance is taken during and after them.
    return repo_.List(a.scope, a.user_id, LocalEpoch(LocalDayOf(clock_.NowSeconds()), 0), true, limit);
}

Result<std::vector<Session>> TrainingService::Past(const Actor& a, int limit) {
    return repo_.List(a.scope, a.user_id, LocalEpoch(LocalDayOf(clock_.NowSeconds()), 0), false, limit);
}

Result<int64_t> TrainingService::Cancel(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto s, repo_.Find(a.scope, a.user_id, id));
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("sessions are cancelled by team leaders and officers");
    if (s.cancelled) return int64_t{0};
    const int64_t now = clock_.NowSeconds();
    if (s.starts_at <= now)
        return Error{ErrorCode::kConflict, N_("The session has begun: it can no longer be cancelled"), "begun", ""};
    int64_t stopped = 0;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.MarkCancelled(s, a.user_id, now));
        CAUNOI_ASSIGN(stopped, repo_.StopSms(s));
        return audit_.Record(a, "cancel", "training_session", s.id, s.area_path,
                             std::to_string(stopped) + " SMS stopped");
    }));
    return stopped;
}

Result<std::vector<Candidate>> TrainingService::Candidates(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto s, repo_.Find(a.scope, a.user_id, id));
    const Curriculum cur = curriculum_();
    const Module* first = s.modules.empty() ? nullptr : cur.Find(s.modules.front());
    CAUNOI_ASSIGN(auto list, repo_.Candidates(s, first ? first->skill : 0));
    std::stable_sort(list.begin(), list.end(),
                     [](const Candidate& x, const Candidate& y) { return !x.has_skill && y.has_skill; });
    return list;
}

std::string TrainingService::InvitationText(const Session& s, const std::string& lang, bool reminder) const {
    const char* msgid = reminder ? N_("Cau Noi reminder: tomorrow {time} digital skills class at {place}. Bring your "
                                      "phone. Commune digital team {commune}")
                                 : N_("Cau Noi: digital skills class {date} {time} at {place}. Bring your phone. "
                                      "Commune digital team {commune}");
    const bool own = lang != "vi" && tr_(lang, msgid) != msgid;
    std::string t = tr_(own ? lang : "vi", msgid);
    text::ReplaceAll(t, "{date}", FormatDateVn(LocalDayOf(s.starts_at)).substr(0, 5));
    text::ReplaceAll(t, "{time}", FormatVietnamTime(s.starts_at, "%Hh%M"));
    text::ReplaceAll(t, "{place}", s.place);
    text::ReplaceAll(t, "{commune}", s.commune_name);
    return own || unicode_ ? t : channel::ToGsm7(t);
}

Result<InviteOutcome> TrainingService::Invite(const Actor& a, const std::string& id, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"households"}));
    CAUNOI_ASSIGN(auto s, repo_.Find(a.scope, a.user_id, id));
    const int64_t now = clock_.NowSeconds();
    if (s.cancelled) return Error{ErrorCode::kConflict, N_("The session was cancelled"), "cancelled", ""};
    if (s.starts_at <= now)
        return Error{ErrorCode::kConflict, N_("The session has begun: invite people at the door"), "begun", ""};
    CAUNOI_ASSIGN(auto all, Candidates(a, id));
    std::vector<Candidate> chosen;
    if (f.Has("households")) {
        for (const auto& hid : IdList(f, "households")) {
            auto it = std::find_if(all.begin(), all.end(), [&](const Candidate& c) { return c.household_id == hid; });
            if (it == all.end())
                return Refused("households", "household " + hid.substr(0, 40) + " is not in the session's area",
                               N_("Choose households of the session's villages"));
            chosen.push_back(*it);
        }
        if (chosen.empty()) return Refused("households", "none chosen", N_("Choose at least one household"));
    } else {
        for (const auto& c : all)
            if (!c.has_skill) chosen.push_back(c);
    }
    // The evening before, if that is still ahead.
    int64_t remind_at = LocalEpoch(LocalDayOf(s.starts_at) - 1, kReminderMinute);
    if (remind_at <= now) remind_at = 0;
    InviteOutcome out;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        for (auto c : chosen) {
            c.channel = c.phone.empty() ? "visit" : "sms";
            CAUNOI_ASSIGN(bool fresh, repo_.InsertInvitation(s, c, a.user_id, now));
            if (!fresh) {
                ++out.already;
                continue;
            }
            if (c.phone.empty()) {
                ++out.visit;
                out.to_visit.push_back(c);
                continue;
            }
            const std::string text = InvitationText(s, c.language, false);
            const std::string reminder = remind_at ? InvitationText(s, c.language, true) : "";
            const bool ucs2 = !channel::Measure(text).gsm7;
            CAUNOI_TRY(repo_.QueueSms(s, c, text, ucs2, channel::Measure(text).parts, reminder,
                                      reminder.empty() ? 0 : channel::Measure(reminder).parts, remind_at, now));
            ++out.sms;
        }
        return audit_.Record(a, "invite", "training_session", s.id, s.area_path,
                             std::to_string(out.sms) + " by SMS, " + std::to_string(out.visit) + " to visit, " +
                                 std::to_string(out.already) + " invited before");
    }));
    return out;
}

Result<Session> TrainingService::Open(const Actor& a, const std::string& id, bool for_attendance, int64_t at) {
    CAUNOI_ASSIGN(auto s, repo_.Find(a.scope, a.user_id, id));
    if (!for_attendance) return s;
    if (s.cancelled) return Error{ErrorCode::kConflict, N_("The session was cancelled"), "cancelled", "session_id"};
    if (at < s.starts_at - kAttendanceOpensBefore)
        return Error::Invalid("session_id", "the session has not begun",
                              N_("Attendance is taken from an hour before the session"));
    return s;
}

Result<std::vector<Attendee>> TrainingService::Attendance(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto s, repo_.Find(a.scope, a.user_id, id));
    CAUNOI_ASSIGN(auto list, repo_.Attendance(s));
    CAUNOI_TRY(audit_.Record(a, "read", "training_attendance", s.id, s.area_path,
                             std::to_string(list.size()) + " residents listed"));
    return list;
}

Status TrainingService::MarkPresent(const Actor& a, const std::string& id, const Fields& f, int64_t at) {
    CAUNOI_TRY(f.OnlyKnown({"resident_id", "present", "session_id"}));
    CAUNOI_ASSIGN(auto s, Open(a, id, true, at));
    CAUNOI_ASSIGN(auto rid, f.Text("resident_id", 40, true));
    CAUNOI_ASSIGN(auto present, f.Bool("present"));
    auto who = repo_.ResidentIn(s, *rid);
    if (!who.ok() && who.error().code == ErrorCode::kNotFound)
        return Error::Invalid("resident_id", "not a resident of the session's area",
                              N_("This person does not live in the session's villages"));
    if (!who.ok()) return who.error();
    const bool here = present.value_or(true);
    return tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.SetPresent(s, *who, here, !who->invited, a.user_id, at));
        return audit_.Record(a, here ? "present" : "absent", "training_attendance", s.id, s.area_path,
                             "resident " + *rid + (who->invited ? "" : " (walk-in)"));
    });
}

Result<CheckResult> TrainingService::Check(const Actor& a, const std::string& id, const Fields& f, int64_t at) {
    CAUNOI_ASSIGN(auto s, Open(a, id, true, at));
    CAUNOI_ASSIGN(auto rid, f.Text("resident_id", 40, true));
    CAUNOI_ASSIGN(auto key, f.Text("module", 40, true));
    if (std::find(s.modules.begin(), s.modules.end(), *key) == s.modules.end())
        return Error::Invalid("module", "module not taught in this session",
                              N_("This module is not taught in this session"));
    const Curriculum cur = curriculum_();
    const Module* m = cur.Find(*key);
    if (!m) return Error::Invalid("module", "module no longer in the curriculum", N_("Choose modules of the curriculum"));
    std::set<std::string_view> known = {"resident_id", "module", "session_id"};
    std::vector<std::string> names;
    for (size_t i = 1; i <= m->checks.size(); ++i) names.push_back("item_" + std::to_string(i));
    for (const auto& n : names) known.insert(n);
    CAUNOI_TRY(f.OnlyKnown(known));
    std::vector<int> items;
    for (const auto& n : names) {
        CAUNOI_ASSIGN(auto v, f.Int(n, 0, 2));
        if (!v) return Error::Invalid(n, "required", N_("Say how each task went"));
        items.push_back(static_cast<int>(*v));
    }
    auto who = repo_.ResidentIn(s, *rid);
    if (!who.ok() && who.error().code == ErrorCode::kNotFound)
        return Error::Invalid("resident_id", "not a resident of the session's area",
                              N_("This person does not live in the session's villages"));
    if (!who.ok()) return who.error();
    if (!who->present)
        return Error::Invalid("resident_id", "not marked present", N_("Tick the person present first"));
    CheckResult r{*key, m->skill, who->skills[static_cast<size_t>(m->skill)], 0};
    const int lowest = *std::min_element(items.begin(), items.end());
    r.to = std::max(r.from, lowest);  // all alone: 2; all at least with help: 1; never lower
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.SaveCheck(s, *who, r, items, a.user_id, at));
        return audit_.Record(a, "check", "training_check", s.id, s.area_path,
                             "resident " + *rid + ", " + *key + ": " + std::to_string(r.from) + " -> " +
                                 std::to_string(r.to));
    }));
    return r;
}

Result<Progress> TrainingService::ProgressOf(const Actor& a, const std::string& area_path) {
    if (!a.scope.Contains(area_path)) return Error::NotFound("area outside the actor's scope");
    CAUNOI_ASSIGN(auto p, repo_.ProgressOf(a.scope, area_path, clock_.NowSeconds()));
    CAUNOI_TRY(audit_.Record(a, "read", "training_progress", area_path, area_path,
                             std::to_string(p.unreached.size()) + " households never reached listed"));
    return p;
}

}  // namespace caunoi::training
