// Translations in and out as gettext .po files (issue 21, item 1), for translators who work in
// Poedit or Weblate: one file per language, each text an entry with its key as msgctxt, the
// Vietnamese as msgid and the translation as msgstr. An outdated translation (made from a
// Vietnamese text since changed) is exported marked fuzzy, as gettext does.
//
// The reader is strict (the file comes from outside): C escapes \n \t \" \\ only, no plural forms
// (no text of ours has them), a size and an entry limit, and every problem reported with its line.
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "translation/catalogue.hpp"

namespace caunoi::translation {

inline constexpr size_t kMaxPoBytes = 1024 * 1024;
inline constexpr size_t kMaxPoEntries = 10000;

struct PoEntry {
    int line = 0;  // of its first keyword
    std::string context, id, str;
    bool fuzzy = false;
    bool plural = false;  // had msgid_plural or msgstr[n]
};

struct PoFile {
    std::string language;          // the header's "Language:", "" when absent
    std::vector<PoEntry> entries;  // without the header
};

// The entries of `text`; Invalid (field "po") with the line of the first syntax error.
Result<PoFile> ReadPo(std::string_view text);

// What an export carries of one text.
struct Exported {
    std::string body;  // "" : not translated
    bool outdated = false;
};

// The .po of `lang` for `texts`: every text, translated or not (`done` by key).
std::string WritePo(std::string_view lang, const std::vector<Text>& texts, const std::map<std::string, Exported>& done,
                    std::string_view date);

// One problem of an import, for the translator: the entry's line, its key, and a message id.
struct PoProblem {
    int line = 0;
    std::string key;
    std::string msgid;
    std::string detail;  // what was found (English; the characters outside GSM-7 for that problem)
};

// The translations `file` proposes for `lang`: entries with a translation, not fuzzy, checked by
// CheckTranslation, and different from `current` (the body in use, by key). Every problem of the
// file is listed; with any, nothing is to be stored.
struct PoImport {
    std::vector<std::pair<std::string, std::string>> proposals;  // key, body
    std::vector<PoProblem> problems;
    int unchanged = 0, untranslated = 0, fuzzy = 0;
};
PoImport CheckPoImport(const PoFile& file, std::string_view lang, const std::vector<Text>& texts,
                       const std::map<std::string, std::string>& current);

}  // namespace caunoi::translation
