// What the training pages and the API show of sessions, concerns, attendees, progress and lesson
// cards, in the reader's language (handlers/training_web.cpp, handlers/training_api.cpp).
#pragma once

#include <string>

#include "http/app.hpp"
#include "http/views.hpp"
#include "training/curriculum.hpp"
#include "training/training.hpp"

namespace caunoi::http {

// "The harvest of rice and maize", "Market day: Chợ phiên Mường Xén", …
std::string ConcernText(App& app, const Request& r, const training::Concern& c);
// Where the progress page opens: the actor's commune when it is in their scope (officers), else
// their first village (team leaders and members).
std::string HomeArea(const Actor& a);
std::string ClockText(int minute);                                  // "19:30"
std::string DayLabel(App& app, const Request& r, int64_t day);      // "Thứ Hai 14/12/2026"
std::string ModuleTitle(const Request& r, const training::Curriculum& cur, const std::string& key);
Data SessionData(App& app, const Request& r, const training::Session& s, const training::Curriculum& cur);
Data AttendeeData(App& app, const Request& r, const training::Session& s, const training::Attendee& a,
                  const training::Curriculum& cur);
Data ProgressData(App& app, const Request& r, const training::Progress& p);
Data ModuleData(App& app, const Request& r, const training::Module& m, bool whole);
// "3" of `count` items -> 2 (a zero-based index); NotFound otherwise.
Result<size_t> ParseIndex(const std::string& one_based, size_t count);

}  // namespace caunoi::http
