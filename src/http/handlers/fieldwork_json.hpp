// JSON of support sessions, tasks, the catalogs and a resident's history.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "fieldwork/fieldwork.hpp"

namespace caunoi::http {

boost::json::object ToJson(const fieldwork::SupportSession& s);
boost::json::object ToJson(const std::vector<fieldwork::SupportSession>& ss);
boost::json::object ToJson(const fieldwork::Task& t);
boost::json::object ToJson(const std::vector<fieldwork::Task>& ts);
// A catalog in one language; `text_key` names the text field ("name" for services, "text" for tips).
boost::json::object ToJson(const std::vector<fieldwork::CatalogEntry>& es, const std::string& lang,
                           const std::string& text_key);
// A catalog entry as stored, both languages; `prefix` as above ("name" gives name_vi, name_en).
boost::json::object ToJson(const fieldwork::CatalogEntry& e, const std::string& prefix);
boost::json::object ToJson(const fieldwork::ResidentHistory& h);
boost::json::object ToJson(const std::vector<fieldwork::TimelineEvent>& events);

}  // namespace caunoi::http
