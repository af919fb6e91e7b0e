// Members' own training over HTTP (training/member_training.hpp, docs/training.md) as a module
// (http/module.hpp): "My training" (a person's courses, the form to add one, the modules they may
// teach), the same page for the people a leader or an officer looks after (with the modules to
// grant or revoke), a team's training and its gaps, and /api/v1/training/. The pages are in
// member_training.cpp, the API in member_training_api.cpp.
#pragma once

#include "http/handlers/training.hpp"

#include <string>
#include <vector>

#include "http/module.hpp"
#include "storage/member_training_store.hpp"
#include "storage/service_graph.hpp"
#include "training/member_training.hpp"

namespace caunoi::http {

class MemberTrainingModule final : public Module {
  public:
    explicit MemberTrainingModule(storage::ServiceGraph& g);
    void AddRoutes(std::vector<Route>& rt) override;

    CurriculumInForce curriculum;  // the modules one may teach are those of the curriculum in force
    storage::MemberTrainingStore store;
    training::MemberTrainingService service;
};

// The routes of each part.
void AddMemberTrainingPages(std::vector<Route>& rt);
void AddMemberTrainingApi(std::vector<Route>& rt);

// A module's title in the reader's language.
std::string ModuleTitle(const Request& r, const std::string& vi, const std::string& en);

}  // namespace caunoi::http
