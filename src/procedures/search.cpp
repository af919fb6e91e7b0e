#include "procedures/search.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/text.hpp"

namespace caunoi::procedures {
namespace {

// How well one query word meets a list of words.
enum Hit : int { kNone = 0, kStart = 2, kWhole = 3 };

// A longer query is a pasted paragraph, not a search: the first words are enough.
constexpr size_t kMaxQueryWords = 12;

// Phrasing around a request, folded, in sorted order (binary search). Chosen against the catalog:
// none of them is the word that tells two procedures apart, and those that do appear in names
// ("cho" in "... cho trẻ dưới 6 tuổi", "can" and "the" in "thẻ căn cước") still count for ranking.
// Never here: "ho" (hộ), "dat" (đất), "giay" (giấy), "tai" (tài khoản), "cap" (cấp), "dang" (đăng).
constexpr std::string_view kFillers[] = {
    "a",   "an",   "and",  "anh", "ba",  "biet", "can",  "chi",  "cho",  "con",   "cua",  "de",     "di",
    "do",  "duoc", "em",   "for", "get", "gi",   "giup", "how",  "i",    "in",    "la",   "lam",    "make",
    "me",  "minh", "muon", "my",  "nao", "need", "nhe",  "nhu",  "of",   "oi",    "ong",  "please", "sao",
    "the", "thi",  "thu",  "to",  "toi", "tuc",  "va",   "want", "what", "where", "with", "xin"};

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The best exact hit of `w` in one run of words: a whole word, the start of a word, or (`joins`)
// words run together ("khaisinh" = "khai" + "sinh", "cancu" begins "can" + "cuoc"). A run needs two
// words or more, so "khaisinh" never matches a name that only says "khai". Only a name is one
// phrase: the words of a list of documents run together would make words nobody wrote.
int ExactHit(std::string_view w, const std::vector<std::string>& words, bool joins = true) {
    int best = kNone;
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i] == w) return kWhole;
        if (StartsWith(words[i], w)) {
            best = std::max<int>(best, kStart);
        } else if (joins && w.size() > words[i].size() && StartsWith(w, words[i])) {
            std::string joined = words[i];
            for (size_t j = i + 1; j < words.size() && joined.size() < w.size(); ++j) joined += words[j];
            if (joined == w) return kWhole;
            if (StartsWith(joined, w)) best = std::max<int>(best, kStart);
        }
    }
    return best;
}

int ExactHit(std::string_view w, const std::vector<std::vector<std::string>>& runs) {
    int best = kNone;
    for (const auto& run : runs) best = std::max(best, ExactHit(w, run));
    return best;
}

// How close `w` comes to a run of words, for suggestions: 4 a hit as above, 3 one typo from a word
// or from words run together ("khaisnh"), 1 the same first three letters ("thuog" and "thuong").
int Closeness(std::string_view w, const std::vector<std::string>& words, bool joins = true) {
    if (ExactHit(w, words, joins) != kNone) return 4;
    int best = 0;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string joined;
        for (size_t j = i; j < words.size() && joined.size() <= w.size() && (joins || j == i); ++j) {
            joined += words[j];
            // Typos only in words long enough that one changed letter still leaves a word.
            if (w.size() >= 4 && joined.size() >= 3 &&
                (text::EditDistance(w, joined) <= 1 ||
                 (joined.size() > w.size() && text::EditDistance(w, std::string_view(joined).substr(0, w.size())) <= 1)))
                return 3;
        }
        size_t common = 0;
        while (common < w.size() && common < words[i].size() && w[common] == words[i][common]) ++common;
        if (common >= 3) best = 1;
    }
    return best;
}

struct Query {
    std::vector<std::string> required;  // every one must hit
    std::vector<std::string> fillers;   // rank only
};

Query ParseQuery(const std::string& text) {
    Query q;
    std::vector<std::string> seen;
    for (auto& w : text::Tokens(text::Fold(text))) {
        if (seen.size() == kMaxQueryWords) break;
        if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
        seen.push_back(w);
        (IsFillerWord(w) ? q.fillers : q.required).push_back(w);
    }
    // "lam can" says nothing but phrasing: then the phrasing is all there is to go by.
    if (q.required.empty()) std::swap(q.required, q.fillers);
    return q;
}

}  // namespace

bool IsFillerWord(std::string_view w) { return std::binary_search(std::begin(kFillers), std::end(kFillers), w); }

SearchResult SearchCatalog(const std::vector<Procedure>& catalog, const std::string& query, size_t max_suggestions) {
    SearchResult out;
    const Query q = ParseQuery(query);
    if (q.required.empty()) {
        for (const auto& p : catalog) out.matches.push_back(&p);
        return out;
    }
    // (query words hit, of them in the name, how well, -length of the name, -catalog index): the
    // larger the better. A short name the query fills ("Đăng ký thường trú") before a long one that
    // also holds the words (a linked procedure that includes the residence registration).
    using Rank = std::tuple<int, int, int, int, int>;
    auto rank_matches = [&](bool with_docs) {
        std::vector<std::pair<Rank, const Procedure*>> ranked;
        for (size_t i = 0; i < catalog.size(); ++i) {
            const Procedure& p = catalog[i];
            int name_hits = 0, all_hits = 0, quality = 0;
            bool all = true;
            for (const auto& w : q.required) {
                const int in_name = ExactHit(w, p.name_words);
                const int in_docs = with_docs ? ExactHit(w, p.doc_words, false) : kNone;
                if (in_name == kNone && in_docs == kNone) {
                    all = false;
                    break;
                }
                name_hits += in_name != kNone;
                ++all_hits;
                quality += std::max(in_name, in_docs);
            }
            if (!all) continue;
            // Fillers count only as whole words: "thu" must not rank "thường trú" up.
            for (const auto& w : q.fillers) {
                const bool in_name = ExactHit(w, p.name_words) == kWhole;
                name_hits += in_name;
                all_hits += in_name || (with_docs && ExactHit(w, p.doc_words, false) == kWhole);
            }
            const int length = static_cast<int>(text::Tokens(text::Fold(p.title_vi)).size());
            ranked.push_back({Rank{all_hits, name_hits, quality, -length, -static_cast<int>(i)}, &p});
        }
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [rank, p] : ranked) out.matches.push_back(p);
    };
    // A procedure named by the words before one whose papers only mention them ("ket hon" is the
    // marriage, not the birth registration that asks for a marriage certificate).
    rank_matches(false);
    if (out.matches.empty()) rank_matches(true);
    if (!out.matches.empty() || max_suggestions == 0) return out;

    std::vector<std::pair<int, const Procedure*>> near;
    for (size_t i = 0; i < catalog.size(); ++i) {
        const Procedure& p = catalog[i];
        int score = 0;
        for (const auto& w : q.required) {
            int in_name = 0;
            for (const auto& run : p.name_words) in_name = std::max(in_name, Closeness(w, run));
            score += std::max(2 * in_name, Closeness(w, p.doc_words, false));
        }
        if (score > 0) near.push_back({score, &p});
    }
    std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    out.close = !near.empty();
    for (const auto& [score, p] : near) {
        if (out.suggestions.size() == max_suggestions) break;
        out.suggestions.push_back(p);
    }
    for (size_t i = 0; !out.close && i < catalog.size() && i < max_suggestions; ++i)
        out.suggestions.push_back(&catalog[i]);
    return out;
}

const Procedure* NamedIn(const std::vector<Procedure>& catalog, std::string_view text) {
    const std::vector<std::string> words = text::Tokens(text::Fold(text));
    auto contains = [&](const std::vector<std::string>& name) {
        if (name.empty() || name.size() > words.size()) return false;
        return std::search(words.begin(), words.end(), name.begin(), name.end()) != words.end();
    };
    const Procedure* best = nullptr;
    std::pair<size_t, size_t> best_rank{0, 0};  // (words of the name found, -words of the title)
    for (const auto& p : catalog) {
        // name_words: the code, the titles, the SMS name, then the `also` names (catalog.cpp).
        for (size_t i = 1; i < p.name_words.size(); ++i) {
            const auto& name = p.name_words[i];
            if (!contains(name)) continue;
            const std::pair<size_t, size_t> rank{name.size(), SIZE_MAX - p.name_words[1].size()};
            if (rank > best_rank) {
                best_rank = rank;
                best = &p;
            }
        }
    }
    return best;
}

}  // namespace caunoi::procedures
