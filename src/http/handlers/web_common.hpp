// Shared helpers for the HTML page handlers.
#pragma once

#include "http/app.hpp"
#include "http/json.hpp"
#include "http/views.hpp"

namespace caunoi::http::web {

std::string FormatTime(int64_t epoch);
// The message id naming a support session channel.
const char* ChannelMsgid(std::string_view channel);  // "dd/mm/yyyy hh:mm" in Asia/Ho_Chi_Minh (UTC+7)
Data AreaData(const area::Area& a);
// Options list for a <select>: each {value, label, selected}.
Data Options(App& app, const Request& r, std::initializer_list<std::pair<std::string, std::string>> value_msgid,
             const std::string& selected);

}  // namespace caunoi::http::web
