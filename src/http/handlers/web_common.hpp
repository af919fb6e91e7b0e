// Shared helpers for the HTML page handlers.
#pragma once

#include "http/app.hpp"
#include "http/json.hpp"
#include "http/views.hpp"

namespace caunoi::http::web {

std::string FormatTime(int64_t epoch);
// The message ids naming a support session channel, a service outcome, a reason.
const char* ChannelMsgid(std::string_view channel);
const char* OutcomeMsgid(std::string_view outcome);
const char* ReasonMsgid(std::string_view reason);
// Skill names and levels, in kSkills / kSkillLevels order.
extern const char* const kSkillMsgids[5];
extern const char* const kLevelMsgids[3];  // "dd/mm/yyyy hh:mm" in Asia/Ho_Chi_Minh (UTC+7)
Data AreaData(const area::Area& a);
// Options list for a <select>: each {value, label, selected}.
Data Options(App& app, const Request& r, std::initializer_list<std::pair<std::string, std::string>> value_msgid,
             const std::string& selected);

// Records a support session; a `ticket` field links it to the desk ticket being served (and
// makes the channel the commune desk). Shared by the API and the visit form.
Result<std::pair<fieldwork::SupportSession, std::vector<fieldwork::Task>>> RecordSession(App& app, const Request& r,
                                                                                         Fields f);

// The resident page's dossier section: their dossiers and the form to record one.
Status AddDossierSection(App& app, const Request& r, const registry::Resident& res, Data& d);

}  // namespace caunoi::http::web
