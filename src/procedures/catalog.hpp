// The procedure catalog: what a resident must bring, pay and expect for the administrative
// procedures they most often need, in every language the catalog carries, plus the
// SMS-size checklist generated from it. The catalog ships as data/procedures.txt and the
// province admin edits one procedure at a time in the same text form; both go through Parse,
// so the admin cannot store what the file could not hold.
//
// Text form of one procedure (a block; '#' lines are comments; "key = value" lines):
//   [code]                      a-z 0-9 _ , 2..32
//   title.vi / title.en         name of the procedure
//   sms                         short Vietnamese name for the SMS checklist
//   also                        optional: the names people use, separated by | ("sổ đỏ | bìa đỏ"),
//                               found by the search and by SMS in plain words
//   level                       full_online | partly_online | not_online (Decree 42/2022 art. 11)
//   days                        processing time in working days (0 = the same day)
//   fee.vi / fee.en / fee.sms   fees and exemptions
//   where.vi / where.en / where.sms
//   doc                         kind count | Vietnamese | English | short Vietnamese for SMS (optional)
//                               kind: original | copy | certified_copy | show (show the original)
//   step.vi / step.en           numbered steps (repeated, same number in each language)
//   legal.vi / legal.en         legal basis
//   reviewed                    YYYY-MM-DD the entry was last checked
//   unverified                  fields we could not check (space-separated names from the keys above)
//   sms_parts                   required when the checklist needs more than one SMS: the count
// Thread-safety: pure functions over values.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace caunoi::procedures {

inline constexpr std::string_view kLevels[] = {"full_online", "partly_online", "not_online"};
inline constexpr std::string_view kDocKinds[] = {"original", "copy", "certified_copy", "show"};
// Each kind's icon (the page sprite's i-<icon>), in kDocKinds' order: a paper, a copy, a stamped
// copy, a paper only shown.
inline constexpr std::string_view kDocKindIcons[] = {"doc", "copy", "stamp", "eye"};
inline constexpr int kMaxSmsParts = 3;

struct Document {
    std::string kind;
    int count = 1;
    std::string vi, en, sms;
    const std::string& In(const std::string& lang) const { return lang == "en" ? en : vi; }
};

struct Procedure {
    std::string code;
    std::string title_vi, title_en, sms_title;
    std::vector<std::string> also;  // names people use
    std::string level;
    int days = 0;
    std::string fee_vi, fee_en, fee_sms;
    std::string where_vi, where_en, where_sms;
    std::vector<Document> docs;
    std::vector<std::string> steps_vi, steps_en;
    std::string legal_vi, legal_en;
    std::string reviewed;
    std::set<std::string> unverified;
    int sms_parts = 1;

    std::string source;  // the block as written, for the editor
    // Folded words for search (procedures/search.hpp): each name (code, titles, short name) as
    // its own run of words, so words run together are matched within one name; the documents.
    std::vector<std::vector<std::string>> name_words;
    std::vector<std::string> doc_words;

    const std::string& Title(const std::string& lang) const { return lang == "en" ? title_en : title_vi; }
    const std::string& Fee(const std::string& lang) const { return lang == "en" ? fee_en : fee_vi; }
    const std::string& Where(const std::string& lang) const { return lang == "en" ? where_en : where_vi; }
    const std::string& Legal(const std::string& lang) const { return lang == "en" ? legal_en : legal_vi; }
    const std::vector<std::string>& Steps(const std::string& lang) const { return lang == "en" ? steps_en : steps_vi; }
    bool Unverified(const std::string& field) const { return unverified.count(field) > 0; }
};

// Parses and validates a catalog (one or more blocks). Every error names the procedure and
// the line: "procedure birth_linked, line 12: days: not a number of working days".
Result<std::vector<Procedure>> Parse(const std::string& text);

// The checklist as one plain GSM-7 text in Vietnamese without diacritics, e.g.
// "Khai sinh+thuong tru+BHYT tre <6t: mang Giay chung sinh (ban chinh); ... Nop: ... 3 ngay lam viec. Phi: ..."
std::string SmsChecklist(const Procedure& p);

// The procedures `query` names, best first (procedures/search.hpp: words in any order, accents
// optional, filler words not required, words run together). An empty query matches all.
std::vector<const Procedure*> Search(const std::vector<Procedure>& catalog, const std::string& query);

}  // namespace caunoi::procedures
