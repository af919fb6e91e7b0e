// JSON of areas, households and residents, as the API answers them.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "area/area.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {

boost::json::object ToJson(const area::Area& a);
boost::json::object ToJson(const std::vector<area::Area>& as);
boost::json::object ToJson(const registry::Household& h);
boost::json::object ToJson(const registry::HouseholdPage& p);
boost::json::object ToJson(const registry::Resident& r);
boost::json::object ToJson(const std::vector<registry::Resident>& rs);

}  // namespace caunoi::http
