// Every text a resident meets, as translators see it (issue 21, item 1): safety tips, procedure
// checklists (title, papers, steps, the SMS forms), training cards (titles, steps, the practical
// checks), and the templates of warnings, announcements and SMS replies. Each has a stable key
// (the .po files' msgctxt), its group, and its Vietnamese text: the source every translation is
// made from. A translation remembers the Vietnamese it was made from; when that text changes the
// translation is outdated, no longer used, and back on the translators' list.
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/vocabulary.hpp"
#include "fieldwork/fieldwork.hpp"
#include "procedures/catalog.hpp"
#include "training/curriculum.hpp"

namespace caunoi::translation {

// The groups, in the order the pages list them.
inline constexpr Term kGroups[] = {
    {"tips", N_("Safety tips")},  {"procedures", N_("Procedures")},       {"training", N_("Training cards")},
    {"warnings", N_("Warnings")}, {"announcements", N_("Announcements")}, {"sms", N_("SMS replies")}};

struct Text {
    std::string key;         // "tip.never_share_otp", "proc.birth_linked.step.2", "sms:Cau Noi: ..."
    std::string group;       // a key of kGroups
    std::string item;        // what it belongs to, for the pages' second level ("birth_linked"); "" for none
    std::string item_title;  // that item's Vietnamese name
    std::string vi;          // the source text
    bool sms = false;        // goes by SMS: a translation must fit GSM-7
};

// Message ids of the templates (group, msgid): translated by the gettext catalog into Vietnamese
// for the source text; their keys are "<group>:<msgid>".
struct TemplateId {
    std::string_view group;
    const char* msgid;
    bool sms;
};
std::span<const TemplateId> Templates();

struct Sources {
    std::vector<fieldwork::Tip> tips;               // active ones
    std::vector<procedures::Procedure> procedures;  // the catalog
    training::Curriculum curriculum;
    std::function<std::string(const char* msgid)> vietnamese;  // the templates' Vietnamese
};

// The texts of `s`, in the order of kGroups, then as each source lists them.
std::vector<Text> BuildCatalogue(const Sources& s);

// The key of a template's text ("sms:" + msgid).
std::string TemplateKey(std::string_view group, std::string_view msgid);

}  // namespace caunoi::translation
