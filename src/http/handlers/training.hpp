// Training over HTTP (training/, docs/training.md) as a module (http/module.hpp): the curriculum's
// public lesson cards with their audio, the province admin's curriculum editor, the leaders'
// planning with the crop calendar's advice, invitations, attendance and practical checks (on the
// web and offline in the field app: sync operations training_attendance and training_check),
// progress per village and commune, and /api/v1/training/.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "board/crop_calendar.hpp"
#include "http/module.hpp"
#include "storage/board_stores.hpp"
#include "storage/curriculum_store.hpp"
#include "storage/service_graph.hpp"
#include "storage/training_store.hpp"
#include "training/curriculum.hpp"
#include "training/training.hpp"

namespace caunoi::http {

// The curriculum in force: the province admin's, else the shipped data/curriculum.txt. Parsed again
// only when the stored text changed (another worker may have saved it). Each module that reads the
// curriculum keeps one.
class CurriculumInForce {
  public:
    explicit CurriculumInForce(storage::Database& db) : store_(db) {}
    training::Curriculum Current();
    // The text in force, as the editor shows it.
    std::string Source();
    storage::CurriculumStore& store() { return store_; }

  private:
    storage::CurriculumStore store_;
    std::string parsed_source_;
    training::Curriculum parsed_;
};

class TrainingModule final : public Module {
  public:
    explicit TrainingModule(storage::ServiceGraph& g);
    void AddRoutes(std::vector<Route>& rt) override;

    training::Curriculum Current() { return curriculum.Current(); }
    std::string CurrentSource() { return curriculum.Source(); }
    // Validates and stores a new curriculum (province admin); Invalid naming "source".
    Status SaveCurriculum(const Actor& a, const std::string& source);

    CurriculumInForce curriculum;
    storage::TrainingStore store;
    storage::CropCalendarStore calendars;
    board::CropCalendarService calendar;
    training::TrainingService service;

  private:
    storage::ServiceGraph& g_;
};

// Routes of each part (handlers/training_web.cpp, handlers/training_api.cpp).
void AddTrainingPages(std::vector<Route>& rt);
void AddTrainingApi(std::vector<Route>& rt);

}  // namespace caunoi::http
