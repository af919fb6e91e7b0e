// The description helper (issue 20, item 3): the owner answers six plain questions (what it is,
// where and how it is grown or made, taste or use, season, how to store it, why it is special)
// and gets a well-ordered description to edit before saving. Nothing is invented: an unanswered
// question leaves no sentence. The same questions in English (keys with "_en") give the English
// description. The lead words are message ids, read by the caller's translate function, so the
// field app can compose the same text offline from the same catalog.
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>

#include "core/fields.hpp"
#include "core/result.hpp"

namespace caunoi::listings {

// The helper's questions: form keys (help_what, help_origin, …) and the lead words of each
// sentence ("" for the first: what it is opens the text).
struct HelperQuestion {
    const char* key;
    const char* lead_msgid;
    const char* question_msgid;  // as the form asks it
};
inline constexpr HelperQuestion kHelperQuestions[] = {
    {"help_what", "", N_("What is it? (kind, size, colour)")},
    {"help_origin", N_("Where and how it is made"), N_("Where and how is it grown or made?")},
    {"help_taste", N_("Taste and use"), N_("How does it taste, or what is it used for?")},
    {"help_season", N_("Season"), N_("When is it in season?")},
    {"help_storage", N_("How to keep it"), N_("How should it be kept?")},
    {"help_special", N_("What makes it special"), N_("Why is it special?")}};

// The description from the answers in `f` (keys as above, plus `suffix`: "" or "_en"), one
// sentence a line, each starting with a capital and ending with a full stop; `lead` translates
// a lead msgid into the description's language. Invalid (naming the question) for an answer with
// markup or over 300 code points; "" when nothing was answered.
Result<std::string> ComposeDescription(const Fields& f, const std::string& suffix,
                                       const std::function<std::string(const char*)>& lead);

}  // namespace caunoi::listings
