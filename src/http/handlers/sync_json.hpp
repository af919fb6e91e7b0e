// JSON of the field app's sync answers: push results, pull pages, the preflight, conflicts.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "sync/sync.hpp"

namespace caunoi::http {

// Push answers, with each rejection's message translated by `tr`.
boost::json::object ToJson(const std::vector<sync::OpResult>& results,
                           const std::function<std::string(const std::string&)>& tr);
// Task titles (message ids for rule tasks) translated by `tr`.
boost::json::object ToJson(const sync::PullPage& p, const std::function<std::string(const std::string&)>& tr);
boost::json::object ToJson(const sync::Preflight& p);
boost::json::object ToJson(const std::vector<sync::Conflict>& cs);
boost::json::object ToJson(const sync::Conflict& c);

}  // namespace caunoi::http
