#include "training/member_training.hpp"

#include <algorithm>
#include <cctype>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"

namespace caunoi::training {

namespace {

std::string Value(const Fields& f, const std::string& k) { return f.all().count(k) ? text::Trim(f.all().at(k)) : ""; }

// Single-line text of at most `max` characters; `required` refuses it empty.
Result<std::string> Line(const Fields& f, const std::string& k, size_t max, bool required, const char* missing,
                         const char* too_long) {
    const std::string s = Value(f, k);
    if (!text::IsValidUtf8(s, false)) return Error::Invalid(k, "not single-line UTF-8", N_("Invalid text"));
    if (required && s.empty()) return Error::Invalid(k, "required", missing);
    if (text::CodePoints(s) > max)
        return Error::Invalid(k, "longer than " + std::to_string(max) + " characters", too_long);
    return s;
}

Result<std::string> CompletedOn(const Fields& f, int64_t now) {
    const std::string v = Value(f, "completed_on");
    const auto refused = [](const std::string& detail) {
        return Error::Invalid("completed_on", detail,
                              N_("Choose the day the course was completed: a real date, not in the future"));
    };
    if (v.empty()) return refused("required");
    const auto day = ParseDate(v);
    if (!day) return refused("not a date YYYY-MM-DD");
    if (*day > LocalDayOf(now)) return refused("in the future");
    if (*day < *ParseDate(kEarliestCompletion)) return refused(std::string("before ") + kEarliestCompletion);
    return FormatDate(*day);
}

bool SafeCertificateChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view(" -/._:#()").find(c) != std::string_view::npos;
}

}  // namespace

Result<std::string> CertificateNumber(const std::string& raw) {
    const auto refused = [](const std::string& detail) {
        return Error::Invalid(
            "certificate", detail,
            N_("Write the certificate number as printed: letters, digits and - / . only, at most 60 characters"));
    };
    if (!text::IsValidUtf8(raw, false)) return refused("not single-line UTF-8");
    // Inner runs of spaces become one: the number as printed, whatever the spacing typed.
    std::string kept;
    for (char c : text::Trim(raw)) {
        if (c == ' ' && !kept.empty() && kept.back() == ' ') continue;
        kept += c;
    }
    if (text::CodePoints(kept) > kMaxCertificate) return refused("longer than 60 characters");
    // Vietnamese letters count as their plain letter ("Đ" as "D"); nothing else outside the set.
    const std::string plain = text::StripMarks(kept);
    for (char c : plain)
        if (!SafeCertificateChar(c)) return refused(std::string("character not allowed: ") + c);
    // A leading sign would be read as a formula when the list is opened in a spreadsheet.
    if (!plain.empty() && !std::isalnum(static_cast<unsigned char>(plain.front())))
        return refused("must start with a letter or a digit");
    return kept;
}

Result<Person> MemberTrainingService::Visible(const Actor& a, const std::string& user_id) {
    auto p = repo_.FindPerson(user_id);
    if (!p.ok()) return Error::NotFound("no such person in the actor's area");
    if (p->user_id == a.user_id) return p;
    bool sees = false;
    switch (a.role) {
        case Role::kMember:
            break;
        case Role::kTeamLeader:
            sees = !a.team_id.empty() && p->team_id == a.team_id;
            break;
        case Role::kCommuneOfficer:
        case Role::kProvinceAdmin:
            sees = a.scope.Contains(p->area_path);
            break;
    }
    if (!sees) return Error::NotFound("no such person in the actor's area");
    return p;
}

bool MemberTrainingService::MayGrant(const Actor& a, const Person& p) const {
    return a.AtLeast(Role::kTeamLeader) && p.user_id != a.user_id;
}

Result<Person> MemberTrainingService::Grantable(const Actor& a, const std::string& user_id) {
    CAUNOI_ASSIGN(auto p, Visible(a, user_id));
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("team leaders and above grant modules");
    if (p.user_id == a.user_id) return Error::Forbidden("nobody grants modules to themselves");
    return p;
}

Result<std::vector<MemberTraining>> MemberTrainingService::Load(const Actor& a, const std::vector<Person>& people) {
    std::vector<std::string> ids;
    for (const auto& p : people) ids.push_back(p.user_id);
    CAUNOI_ASSIGN(auto courses, repo_.CoursesOf(ids));
    CAUNOI_ASSIGN(auto grants, repo_.GrantsOf(ids));
    std::vector<MemberTraining> out;
    for (const auto& p : people) {
        MemberTraining m;
        m.person = p;
        for (const auto& c : courses)
            if (c.user_id == p.user_id) m.courses.push_back(c);
        for (const auto& g : grants)
            if (g.user_id == p.user_id) m.teaches.push_back(g);
        m.may_edit = true;  // whoever sees a person records their training
        m.may_grant = MayGrant(a, p);
        out.push_back(std::move(m));
    }
    return out;
}

Result<MemberTraining> MemberTrainingService::Of(const Actor& a, const std::string& user_id) {
    CAUNOI_ASSIGN(auto p, Visible(a, user_id));
    CAUNOI_ASSIGN(auto loaded, Load(a, {p}));
    return loaded.front();
}

Result<Course> MemberTrainingService::AddCourse(const Actor& a, const std::string& user_id, const Fields& f) {
    CAUNOI_ASSIGN(auto p, Visible(a, user_id));
    CAUNOI_TRY(f.OnlyKnown({"title", "provider", "national_online", "completed_on", "certificate"}));
    const int64_t now = clock_.NowSeconds();
    Course c;
    c.user_id = p.user_id;
    CAUNOI_ASSIGN(c.title, Line(f, "title", kMaxCourseTitle, true, N_("Write the course's name"),
                                N_("The course's name is too long: at most 200 characters")));
    CAUNOI_ASSIGN(c.provider,
                  Line(f, "provider", kMaxProvider, false, "", N_("Who ran the course: at most 200 characters")));
    CAUNOI_ASSIGN(auto national, f.Bool("national_online"));
    c.national = national.value_or(false);
    CAUNOI_ASSIGN(c.completed_on, CompletedOn(f, now));
    CAUNOI_ASSIGN(c.certificate, CertificateNumber(Value(f, "certificate")));
    if (c.national && c.certificate.empty())
        return Error::Invalid("certificate", "required for a national online course",
                              N_("A national online course has a certificate number: write it as printed"));
    CAUNOI_ASSIGN(auto kept, repo_.CoursesOf({p.user_id}));
    for (const auto& k : kept)
        if (k.title == c.title && k.completed_on == c.completed_on && k.certificate == c.certificate) return k;
    c.id = NewUlid();
    c.recorded_by = a.user_id;
    c.recorded_at = now;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.InsertCourse(c));
        return audit_.Record(a, "create", "member_course", c.id, p.area_path,
                             "for " + p.user_id + (c.national ? ", national online course" : ""));
    }));
    return c;
}

Result<Course> MemberTrainingService::FindCourse(const Actor& a, const std::string& course_id) {
    auto c = repo_.FindCourse(course_id);
    if (!c.ok()) return Error::NotFound("no such course in the actor's area");
    CAUNOI_TRY(Visible(a, c->user_id));
    return c;
}

Result<Course> MemberTrainingService::WithdrawCourse(const Actor& a, const std::string& course_id) {
    CAUNOI_ASSIGN(auto c, FindCourse(a, course_id));
    CAUNOI_ASSIGN(auto p, Visible(a, c.user_id));
    if (c.withdrawn_at) return c;
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.MarkCourseWithdrawn(c.id, a.user_id, now));
        return audit_.Record(a, "delete", "member_course", c.id, p.area_path, "withdrawn, of " + p.user_id);
    }));
    c.withdrawn_at = now;
    c.withdrawn_by = a.user_id;
    return c;
}

Result<GrantChange> MemberTrainingService::Grant(const Actor& a, const std::string& user_id,
                                                 const std::string& module_key) {
    CAUNOI_ASSIGN(auto p, Grantable(a, user_id));
    CAUNOI_ASSIGN(auto curriculum, curriculum_());
    const Module* m = curriculum.Find(module_key);
    if (!m) return Error::Invalid("module", "not a module of the curriculum", N_("Choose a module of the curriculum"));
    GrantChange out{p, m->key, m->title_vi, m->title_en, false};
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_ASSIGN(out.changed, repo_.Grant({p.user_id, m->key, a.user_id, clock_.NowSeconds()}));
        if (!out.changed) return {};
        return audit_.Record(a, "create", "teach_module", p.user_id + ":" + m->key, p.area_path, "may teach " + m->key);
    }));
    return out;
}

Result<GrantChange> MemberTrainingService::Revoke(const Actor& a, const std::string& user_id,
                                                  const std::string& module_key) {
    CAUNOI_ASSIGN(auto p, Grantable(a, user_id));
    CAUNOI_ASSIGN(auto curriculum, curriculum_());
    GrantChange out{p, module_key, "", "", false};
    if (const Module* m = curriculum.Find(module_key)) {
        out.title_vi = m->title_vi;
        out.title_en = m->title_en;
    } else {
        // A key the curriculum no longer has may still be held: it can be taken back.
        CAUNOI_ASSIGN(auto held, repo_.GrantsOf({p.user_id}));
        if (std::none_of(held.begin(), held.end(), [&](const TeachGrant& g) { return g.module_key == module_key; }))
            return Error::Invalid("module", "not a module of the curriculum", N_("Choose a module of the curriculum"));
    }
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_ASSIGN(out.changed, repo_.Revoke(p.user_id, module_key));
        if (!out.changed) return {};
        return audit_.Record(a, "delete", "teach_module", p.user_id + ":" + module_key, p.area_path,
                             "may no longer teach " + module_key);
    }));
    return out;
}

Result<std::vector<TeamRef>> MemberTrainingService::Teams(const Actor& a) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("team leaders and above read a team's training");
    if (a.role == Role::kTeamLeader) {
        if (a.team_id.empty()) return std::vector<TeamRef>{};
        CAUNOI_ASSIGN(auto own, repo_.FindTeam(a.team_id));
        return std::vector<TeamRef>{own};
    }
    return repo_.TeamsIn(a.scope);
}

Result<TeamTraining> MemberTrainingService::Team(const Actor& a, const std::string& team_id) {
    auto team = repo_.FindTeam(team_id);
    if (!team.ok()) return Error::NotFound("no such team in the actor's area");
    const bool own = !a.team_id.empty() && a.team_id == team->id;
    const bool sees = a.AtLeast(Role::kCommuneOfficer) ? a.scope.Contains(team->area_path) : own;
    if (!sees) return Error::NotFound("no such team in the actor's area");
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("team leaders and above read a team's training");
    TeamTraining out;
    out.team = *team;
    CAUNOI_ASSIGN(auto people, repo_.TeamPeople(team->id));
    CAUNOI_ASSIGN(out.members, Load(a, people));
    CAUNOI_ASSIGN(auto curriculum, curriculum_());
    for (const auto& m : curriculum.modules) {
        ModuleCover cover{m.key, m.title_vi, m.title_en, {}};
        for (const auto& member : out.members)
            for (const auto& g : member.teaches)
                if (g.module_key == m.key) cover.teachers.push_back(member.person.name);
        if (cover.teachers.empty()) out.uncovered.push_back(m.key);
        out.modules.push_back(std::move(cover));
    }
    for (const auto& member : out.members)
        if (member.courses.empty()) out.without_course.push_back(member.person);
    return out;
}

}  // namespace caunoi::training
