#include "storage/member_training_store.hpp"

#include <algorithm>
#include <tuple>

#include "core/text.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {

namespace {

constexpr const char* kPerson = "SELECT id, display_name, role, area_path, COALESCE(team_id, '') FROM users ";

training::Person PersonFrom(const Row& r) {
    training::Person p{r.Text(0), r.Text(1), Role::kMember, r.Text(3), r.Text(4)};
    ParseRole(r.Text(2), p.role);
    return p;
}

constexpr const char* kCourse =
    "SELECT id, user_id, title, provider, national_online, completed_on, certificate, recorded_by, recorded_at, "
    "COALESCE(withdrawn_at, 0), COALESCE(withdrawn_by, '') FROM member_courses ";

training::Course CourseFrom(const Row& r) {
    return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0, r.Text(5),
            r.Text(6), r.Text(7), r.Int(8),  r.Int(9),  r.Text(10)};
}

// By name as people read it (accents folded), then id: one order on both engines, whatever the
// database's collation.
template <typename T>
void ByName(std::vector<T>& v, std::string T::*name, std::string T::*id) {
    std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) {
        const auto fa = text::Fold(a.*name), fb = text::Fold(b.*name);
        return fa != fb ? fa < fb : a.*id < b.*id;
    });
}

}  // namespace

Result<training::Person> MemberTrainingStore::FindPerson(const std::string& user_id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne(std::string(kPerson) + "WHERE id = ? AND disabled = 0", {user_id}));
    return PersonFrom(r);
}

Result<std::vector<training::Person>> MemberTrainingStore::TeamPeople(const std::string& team_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kPerson) + "WHERE team_id = ? AND disabled = 0", {team_id}));
    std::vector<training::Person> out;
    for (const auto& r : rows) out.push_back(PersonFrom(r));
    ByName(out, &training::Person::name, &training::Person::user_id);
    return out;
}

Result<training::TeamRef> MemberTrainingStore::FindTeam(const std::string& team_id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT id, name, area_path FROM teams WHERE id = ?", {team_id}));
    return training::TeamRef{r.Text(0), r.Text(1), r.Text(2)};
}

Result<std::vector<training::TeamRef>> MemberTrainingStore::TeamsIn(const Scope& s) {
    Params p;
    const std::string where = InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, name, area_path FROM teams WHERE " + where, p));
    std::vector<training::TeamRef> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    ByName(out, &training::TeamRef::name, &training::TeamRef::id);
    return out;
}

Status MemberTrainingStore::InsertCourse(const training::Course& c) {
    return db_.Exec(
        "INSERT INTO member_courses (id, user_id, title, provider, national_online, completed_on, certificate, "
        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {c.id, c.user_id, c.title, c.provider, int64_t{c.national}, c.completed_on, c.certificate, c.recorded_by,
         c.recorded_at});
}

Result<training::Course> MemberTrainingStore::FindCourse(const std::string& id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne(std::string(kCourse) + "WHERE id = ?", {id}));
    return CourseFrom(r);
}

Status MemberTrainingStore::MarkCourseWithdrawn(const std::string& id, const std::string& by, int64_t at) {
    return db_.Exec(
        "UPDATE member_courses SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL",
        {at, by, id});
}

Result<std::vector<training::Course>> MemberTrainingStore::CoursesOf(const std::vector<std::string>& user_ids) {
    std::vector<training::Course> out;
    if (user_ids.empty()) return out;
    Params p;
    const std::string in = InList(user_ids, p);
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kCourse) + "WHERE user_id IN (" + in +
                                           ") AND withdrawn_at IS NULL ORDER BY completed_on DESC, recorded_at DESC, "
                                           "id DESC",
                                       p));
    for (const auto& r : rows) out.push_back(CourseFrom(r));
    return out;
}

Result<bool> MemberTrainingStore::Grant(const training::TeachGrant& g) {
    CAUNOI_TRY(
        db_.Exec("INSERT INTO member_modules (user_id, module_key, granted_by, granted_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (user_id, module_key) DO NOTHING",
                 {g.user_id, g.module_key, g.granted_by, g.granted_at}));
    return db_.Changes() > 0;
}

Result<bool> MemberTrainingStore::Revoke(const std::string& user_id, const std::string& module_key) {
    CAUNOI_TRY(db_.Exec("DELETE FROM member_modules WHERE user_id = ? AND module_key = ?", {user_id, module_key}));
    return db_.Changes() > 0;
}

Result<std::vector<training::TeachGrant>> MemberTrainingStore::GrantsOf(const std::vector<std::string>& user_ids) {
    std::vector<training::TeachGrant> out;
    if (user_ids.empty()) return out;
    Params p;
    const std::string in = InList(user_ids, p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT user_id, module_key, granted_by, granted_at FROM member_modules WHERE "
                                       "user_id IN (" +
                                           in + ")",
                                       p));
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
    // Byte order on both engines ('_' sorts apart under some collations).
    std::sort(out.begin(), out.end(), [](const training::TeachGrant& a, const training::TeachGrant& b) {
        return std::tie(a.user_id, a.module_key) < std::tie(b.user_id, b.module_key);
    });
    return out;
}

}  // namespace caunoi::storage
