// Members' own training (issue 19, item 5; docs/training.md "Members' own training"): the courses
// each person with an account completed (national online courses with their certificate number),
// and which modules of the curriculum each may teach. A person records their own courses; a team
// leader those of their team's members, a commune officer those of the commune's people, the
// province admin anyone's. Leaders and above grant and revoke "may teach" per module (never to
// themselves), and see their team's gaps: the modules nobody of the team may teach, and the
// members with no course recorded. Every change is audited in the transaction that makes it.
// Scope: a person outside what the actor may see is NotFound (before any Forbidden for the role).
// Thread-safety: one thread (as the repository).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "training/curriculum.hpp"

namespace caunoi::training {

inline constexpr size_t kMaxCourseTitle = 200, kMaxProvider = 200, kMaxCertificate = 60;
// The earliest completion day taken (a typo such as 0202 is refused, not kept).
inline constexpr const char* kEarliestCompletion = "1950-01-01";

// A course a person completed. Withdrawn ones (recorded by mistake) are kept, not shown.
struct Course {
    std::string id;  // a ULID
    std::string user_id;
    std::string title;
    std::string provider;      // "" : not said
    bool national = false;     // a national online course (it has a certificate number)
    std::string completed_on;  // "YYYY-MM-DD", Vietnam's calendar
    std::string certificate;   // "" : none (only for courses that are not national)
    std::string recorded_by;   // user id
    int64_t recorded_at = 0;
    int64_t withdrawn_at = 0;  // 0: in force
    std::string withdrawn_by;
};

// A module of the curriculum a person may teach.
struct TeachGrant {
    std::string user_id;
    std::string module_key;
    std::string granted_by;  // user id
    int64_t granted_at = 0;
};

// A person with an account (enabled), as training sees them.
struct Person {
    std::string user_id;
    std::string name;
    Role role = Role::kMember;
    std::string area_path;  // officers: their area; leaders and members: their team's commune
    std::string team_id;    // "" : none
};

struct TeamRef {
    std::string id, name;
    std::string area_path;  // the team's commune
};

struct MemberTraining {
    Person person;
    std::vector<Course> courses;      // in force, the latest completed first
    std::vector<TeachGrant> teaches;  // by module key
    bool may_edit = false;            // the actor may record and withdraw their courses
    bool may_grant = false;           // the actor may grant and revoke their modules
};

// One module of the curriculum, for a team: who of it may teach it.
struct ModuleCover {
    std::string key, title_vi, title_en;
    std::vector<std::string> teachers;  // their names, by name
};

struct TeamTraining {
    TeamRef team;
    std::vector<MemberTraining> members;  // by name
    std::vector<ModuleCover> modules;     // the curriculum's order
    std::vector<std::string> uncovered;   // keys of the modules nobody of the team may teach
    std::vector<Person> without_course;   // members with no course recorded
};

struct GrantChange {
    Person person;
    std::string module_key;
    std::string title_vi, title_en;  // the module's ("" for a key no longer in the curriculum)
    bool changed = false;            // false: it already was so
};

class MemberTrainingRepository {
  public:
    virtual ~MemberTrainingRepository() = default;
    // An enabled user; NotFound otherwise.
    virtual Result<Person> FindPerson(const std::string& user_id) = 0;
    // The enabled users of a team, by name.
    virtual Result<std::vector<Person>> TeamPeople(const std::string& team_id) = 0;
    virtual Result<TeamRef> FindTeam(const std::string& team_id) = 0;
    // The teams whose commune is in `s`, by name.
    virtual Result<std::vector<TeamRef>> TeamsIn(const Scope& s) = 0;
    virtual Status InsertCourse(const Course& c) = 0;
    virtual Result<Course> FindCourse(const std::string& id) = 0;
    virtual Status MarkCourseWithdrawn(const std::string& id, const std::string& by, int64_t at) = 0;
    // The courses in force of these users, the latest completed first.
    virtual Result<std::vector<Course>> CoursesOf(const std::vector<std::string>& user_ids) = 0;
    // False when it was already granted (kept as it was).
    virtual Result<bool> Grant(const TeachGrant& g) = 0;
    // False when it was not granted.
    virtual Result<bool> Revoke(const std::string& user_id, const std::string& module_key) = 0;
    // Their grants, by user and module key.
    virtual Result<std::vector<TeachGrant>> GrantsOf(const std::vector<std::string>& user_ids) = 0;
};

// The curriculum in force (the shipped one, or the province's edit of it).
using CurriculumSource = std::function<Result<Curriculum>()>;

class MemberTrainingService {
  public:
    MemberTrainingService(MemberTrainingRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock,
                          CurriculumSource curriculum)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock), curriculum_(std::move(curriculum)) {}

    Result<Curriculum> CurrentCurriculum() const { return curriculum_(); }

    // A person's courses and modules. NotFound for anyone the actor may not see: members see only
    // themselves, leaders their team, officers their area.
    Result<MemberTraining> Of(const Actor& a, const std::string& user_id);
    // Fields: title (required, at most 200 characters), provider (optional, at most 200), national
    // ("1": a national online course), completed_on ("YYYY-MM-DD", not in the future),
    // certificate (required for a national course; at most 60 letters, digits, spaces and
    // - / . _ : # ( ), starting with a letter or a digit). Invalid naming the field. The same
    // course sent again (title, day and certificate alike, still in force) is not recorded twice:
    // the one kept is returned.
    Result<Course> AddCourse(const Actor& a, const std::string& user_id, const Fields& f);
    // One course (withdrawn ones too) of a person the actor may see; NotFound otherwise.
    Result<Course> FindCourse(const Actor& a, const std::string& course_id);
    // Marks it withdrawn (a mistake); already withdrawn: as it is. NotFound as Of.
    Result<Course> WithdrawCourse(const Actor& a, const std::string& course_id);
    // Leaders and above, for the people they may see, never themselves; `module_key` a module of
    // the current curriculum (Invalid "module" otherwise). Revoking also takes a key the
    // curriculum no longer has.
    Result<GrantChange> Grant(const Actor& a, const std::string& user_id, const std::string& module_key);
    Result<GrantChange> Revoke(const Actor& a, const std::string& user_id, const std::string& module_key);
    // The teams whose training the actor may read: a leader's own, an officer's commune's.
    Result<std::vector<TeamRef>> Teams(const Actor& a);
    // A team's members with their courses and modules, and its gaps.
    Result<TeamTraining> Team(const Actor& a, const std::string& team_id);

  private:
    Result<Person> Visible(const Actor& a, const std::string& user_id);
    bool MayGrant(const Actor& a, const Person& p) const;
    Result<Person> Grantable(const Actor& a, const std::string& user_id);
    Result<std::vector<MemberTraining>> Load(const Actor& a, const std::vector<Person>& people);

    MemberTrainingRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    CurriculumSource curriculum_;
};

// The certificate number as kept (trimmed, inner spaces single), or Invalid naming "certificate".
Result<std::string> CertificateNumber(const std::string& raw);

}  // namespace caunoi::training
