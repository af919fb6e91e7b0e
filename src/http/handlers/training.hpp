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
#include "storage/service_graph.hpp"
#include "storage/training_store.hpp"
#include "training/curriculum.hpp"
#include "training/training.hpp"

namespace caunoi::http {

class TrainingModule final : public Module {
  public:
    explicit TrainingModule(storage::ServiceGraph& g);
    void AddRoutes(std::vector<Route>& rt) override;

    // The curriculum in force: the province admin's, else the shipped data/curriculum.txt. Parsed
    // again only when the stored text changed (another worker may have saved it).
    training::Curriculum Current();
    // Validates and stores a new curriculum (province admin); Invalid naming "source".
    Status SaveCurriculum(const Actor& a, const std::string& source);
    // The text in force, as the editor shows it.
    std::string CurrentSource();

    storage::TrainingStore store;
    storage::CropCalendarStore calendars;
    board::CropCalendarService calendar;
    training::TrainingService service;

  private:
    storage::ServiceGraph& g_;
    std::string parsed_source_;
    training::Curriculum parsed_;
};

// Routes of each part (handlers/training_web.cpp, handlers/training_api.cpp).
void AddTrainingPages(std::vector<Route>& rt);
void AddTrainingApi(std::vector<Route>& rt);

}  // namespace caunoi::http
