// Procedure search for people who type the way they speak: "lam can cuoc", "khai sinh cho con",
// "khaisinh". Words match in any order, accents and case do not matter (core/text folding, đ -> d),
// a word matches the start of a word of a procedure's name, words run together match consecutive
// name words, and filler words ("cho", "con", "lam", "toi muon", ...) are not required: they only
// rank. When nothing matches, the closest procedures are suggested (shared words, shared
// beginnings, one or two typos), so a search never ends at a blank page.
// Thread-safety: pure functions over values; the returned pointers point into `catalog`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "procedures/catalog.hpp"

namespace caunoi::procedures {

inline constexpr size_t kMaxSuggestions = 4;

struct SearchResult {
    // Procedures that every significant query word names, best first: the most query words hit,
    // then the best hits (a whole word before the start of one). Those whose names carry every
    // word come first; only when no name does, the documents are searched too. An empty query
    // matches the whole catalog, in catalog order.
    std::vector<const Procedure*> matches;
    // Only when nothing matches: the closest procedures, best first. When nothing is close at
    // all, the first procedures of the catalog (which lists the most needed first), and `close`
    // is false so the page can say so.
    std::vector<const Procedure*> suggestions;
    bool close = false;
};

SearchResult SearchCatalog(const std::vector<Procedure>& catalog, const std::string& query,
                           size_t max_suggestions = kMaxSuggestions);

// The procedure a message names in plain words ("toi muon lam giay khai sinh cho con", "giay to
// so do"): one of its names (title, short SMS name, a name people use from `also`) appears whole
// in the text, as consecutive words. The longest such name wins (most specific: "tach ho khau"
// before "ho khau"); between equals, the procedure with the shortest title (the procedure itself
// before a linked one that includes it). nullptr when no name appears.
const Procedure* NamedIn(const std::vector<Procedure>& catalog, std::string_view text);

// True for a folded word that is only phrasing in a request ("lam", "cho", "toi", "muon", "the",
// "need", ...). Such words are not required to match; words that name procedures ("ho", "dat",
// "khai", ...) are never fillers.
bool IsFillerWord(std::string_view folded_word);

}  // namespace caunoi::procedures
