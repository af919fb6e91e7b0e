// Shared helpers for the HTML page handlers.
#pragma once

#include <optional>

#include "area/area.hpp"
#include "http/app.hpp"
#include "http/json.hpp"
#include "http/views.hpp"
#include "registry/registry.hpp"

namespace caunoi::http::web {

// "dd/mm/yyyy hh:mm" in Asia/Ho_Chi_Minh (UTC+7)
std::string FormatTime(int64_t epoch);
// The consent purposes ("registry,support") as the person heard them, in the reader's language.
std::string PurposesText(App& app, const Request& r, const std::string& purposes);
// The msgid of a consent event's change ("given", "changed", "withdrawn").
const char* ConsentChangeMsgid(const std::string& change);
// The msgid of an audit log action ("view" → "viewed"), for the audit page and a person's data.
const char* AuditActionMsgid(const std::string& action);
// The address residents reach (short links, QR codes): the configured public URL, else this
// request's own host.
std::string BaseUrl(App& app, const Request& r);
// A village's mobile coverage as people say it: "no signal", "2G", "3G", "4G".
std::string CoverageLabel(App& app, const Request& r, const std::string& coverage);
Data AreaData(const area::Area& a);
// Options list for a <select>: each {value, label, selected}.
Data Options(App& app, const Request& r, std::initializer_list<std::pair<std::string, std::string>> value_msgid,
             const std::string& selected);

// A refusal a person can fix on the form they sent (invalid input, a stale value), as opposed to
// one the form cannot help with (not found, forbidden, internal): the first kind re-renders the form.
bool IsFormError(const Error& e);
// Sets `error` (the refusal in the reader's language, never the developer detail) and
// `err_<field>` (the same, for the template to show next to the field; dots in field names
// become underscores).
void SetFormError(App& app, const Request& r, const Error& e, Data& d);

// A form refused with `e`: the page shows it again with `v_<field>` (every value sent, dots in
// names as underscores), the messages of SetFormError, and `form` set (to open that form).
void SetRefused(App& app, const Request& r, const Fields& sent, const Error& e, const std::string& form, Data& d);

// What a refused form carries back to its page.
struct Refused {
    const Fields& sent;
    const Error& error;
    std::string form;  // which form of the page (several pages hold more than one)
};

// The household page (handlers/web_registry.cpp), with one of its forms refused.
Result<Response> HouseholdPage(App& app, Request& r, const std::string& id, std::optional<Refused> refused);

// Sets `people` (the template partial tpl_people) to the people `text` finds (a name, a phone or
// an ID-card number), in `village_id` when given; with a desk `ticket`, each links to recording
// the help for that ticket.
Status AddPeople(App& app, const Request& r, const std::string& text, const std::string& village_id,
                 const std::string& ticket, Data& d);

// After "Done" on a task (?done=ID): `undo` with the task's title and its id for the undo form;
// after the undo (?reopened=ID): `reopened`. Nothing when the task is not in scope.
Status AddUndo(App& app, const Request& r, Data& d);

// The resident page's dossier section: their dossiers and the form to record one.
Status AddDossierSection(App& app, const Request& r, const registry::Resident& res, Data& d);

}  // namespace caunoi::http::web
