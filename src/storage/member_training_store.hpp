// Members' own training (SQL implementation of training::MemberTrainingRepository): the courses a
// person completed (member_courses, withdrawn ones kept), the modules they may teach
// (member_modules), and the people and teams they belong to (users, teams). Borrows the Database;
// one thread at a time (as the Database).
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "training/member_training.hpp"

namespace caunoi::storage {

class MemberTrainingStore final : public training::MemberTrainingRepository {
  public:
    explicit MemberTrainingStore(Database& db) : db_(db) {}
    Result<training::Person> FindPerson(const std::string& user_id) override;
    Result<std::vector<training::Person>> TeamPeople(const std::string& team_id) override;
    Result<training::TeamRef> FindTeam(const std::string& team_id) override;
    Result<std::vector<training::TeamRef>> TeamsIn(const Scope& s) override;
    Status InsertCourse(const training::Course& c) override;
    Result<training::Course> FindCourse(const std::string& id) override;
    Status MarkCourseWithdrawn(const std::string& id, const std::string& by, int64_t at) override;
    Result<std::vector<training::Course>> CoursesOf(const std::vector<std::string>& user_ids) override;
    Result<bool> Grant(const training::TeachGrant& g) override;
    Result<bool> Revoke(const std::string& user_id, const std::string& module_key) override;
    Result<std::vector<training::TeachGrant>> GrantsOf(const std::vector<std::string>& user_ids) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
