// Small pieces every JSON encoder of the handlers uses (Boost.JSON stays inside http/).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace caunoi::http {

// null for an absent number or an empty text.
inline boost::json::value Opt(const std::optional<double>& d) {
    return d ? boost::json::value(*d) : boost::json::value(nullptr);
}
inline boost::json::value OptS(const std::string& s) {
    return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

// A page of a list: {"items": [...], "next_cursor": "…" or null}.
template <typename T, typename F>
boost::json::object List(const std::vector<T>& items, F obj, const std::string& next) {
    boost::json::array a;
    for (const auto& i : items) a.push_back(obj(i));
    return boost::json::object{{"items", std::move(a)}, {"next_cursor", OptS(next)}};
}

// A JSON answer.
inline Response JsonResponse(const boost::json::value& v, int status = 200) {
    return Response::Json(status, boost::json::serialize(v));
}

}  // namespace caunoi::http
