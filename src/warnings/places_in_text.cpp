#include "warnings/places_in_text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"

namespace caunoi::warnings {

namespace {

using Words = std::vector<std::string>;

Words WordsOf(std::string_view s) { return text::Tokens(text::Fold(s)); }

std::string Joined(const Words& w, size_t from, size_t n) {
    std::string out;
    for (size_t i = from; i < from + n; ++i) out += (out.empty() ? "" : " ") + w[i];
    return out;
}

bool At(const Words& text, size_t i, const Words& name) {
    if (name.empty() || i + name.size() > text.size()) return false;
    return std::equal(name.begin(), name.end(), text.begin() + static_cast<std::ptrdiff_t>(i));
}

// The pieces of a bulletin a list item can end at: punctuation and line ends. A sentence ends at
// '.', ':' or a line end (a list of communes does not run across one).
std::vector<std::pair<std::string_view, bool>> Pieces(std::string_view text) {
    std::vector<std::pair<std::string_view, bool>> out;  // (piece, ends its sentence)
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : '\n';
        if (c == ',' || c == ';' || c == '(' || c == ')' || c == '.' || c == ':' || c == '\n' || c == '\r') {
            out.emplace_back(text.substr(start, i - start), c == '.' || c == ':' || c == '\n' || c == '\r');
            start = i + 1;
        }
    }
    return out;
}

// Words of a bulletin's prose that are in no commune's name of data/nghe_an_communes.tsv: an item holding one is the
// text around a list ("trong 6 giờ tới", "có nguy cơ cao"), not a name that was missed.
bool Prose(const std::string& w) {
    static const std::set<std::string> kProse = {
        "trong", "gio",    "toi", "ngay", "dem", "nay",  "co",  "nguy", "cao", "rat",  "lu",   "quet",  "sat",
        "dat",   "mua",    "lon", "ngap", "lut", "canh", "bao", "khu",  "vuc", "tinh", "cac",  "nhieu", "noi",
        "den",   "khoang", "mm",  "cm",   "m",   "km",   "cap", "rui",  "ro",  "tai",  "song", "suoi",  "nuoc"};
    return kProse.count(w) > 0;
}

// One to four words with no digit and no word of prose: what a commune's name looks like.
bool LooksLikeAName(const Words& w) {
    if (w.empty() || w.size() > 4) return false;
    for (const auto& x : w) {
        if (Prose(x)) return false;
        if (std::any_of(x.begin(), x.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    }
    return true;
}

struct Name {
    Words words;
    const Place* place;
};

}  // namespace

PlacesInText FindPlaces(std::string_view text, const std::vector<Place>& places) {
    std::vector<Name> names;
    std::map<Words, std::vector<const Place*>> districts;  // a former district's folded words, its communes
    for (const auto& p : places) {
        names.push_back({WordsOf(p.name), &p});
        if (!p.former_district.empty()) districts[WordsOf(p.former_district)].push_back(&p);
    }
    // Longest names first, so a longer name takes its words before a shorter one inside it.
    std::stable_sort(names.begin(), names.end(),
                     [](const Name& a, const Name& b) { return a.words.size() > b.words.size(); });

    PlacesInText out;
    std::set<std::string> found;
    auto add = [&](const Place& p, std::string said, bool by_district) {
        if (found.insert(p.id).second) out.places.push_back({p.id, p.name, std::move(said), by_district});
    };
    static const std::set<std::string> kMarkers = {"xa", "phuong", "tran"};  // xã, phường, thị trấn
    static const std::set<std::string> kFiller = {"cac", "xa", "phuong", "thi", "tran", "va", "huyen", "tai", "o"};
    bool in_list = false;  // a "xã …" list is running in this sentence
    for (const auto& [piece, ends_sentence] : Pieces(text)) {
        Words w = WordsOf(piece);
        // "A và B" is two items.
        std::vector<Words> items(1);
        for (auto& word : w) {
            if (word == "va") {
                items.emplace_back();
            } else {
                items.back().push_back(std::move(word));
            }
        }
        for (const auto& item : items) {
            std::vector<bool> used(item.size(), false);
            bool matched = false;
            for (size_t i = 0; i < item.size(); ++i) {
                if (item[i] != "huyen") continue;
                for (const auto& [dw, communes] : districts) {
                    if (!At(item, i + 1, dw)) continue;
                    for (const Place* p : communes) add(*p, "huyen " + Joined(dw, 0, dw.size()), true);
                    for (size_t k = i; k < i + 1 + dw.size(); ++k) used[k] = true;
                    matched = true;
                }
            }
            for (const auto& n : names) {
                for (size_t i = 0; i < item.size(); ++i) {
                    if (!At(item, i, n.words)) continue;
                    if (std::any_of(used.begin() + static_cast<std::ptrdiff_t>(i),
                                    used.begin() + static_cast<std::ptrdiff_t>(i + n.words.size()),
                                    [](bool u) { return u; }))
                        continue;
                    std::fill(used.begin() + static_cast<std::ptrdiff_t>(i),
                              used.begin() + static_cast<std::ptrdiff_t>(i + n.words.size()), true);
                    add(*n.place, Joined(item, i, n.words.size()), false);
                    matched = true;
                }
            }
            const bool marker =
                std::any_of(item.begin(), item.end(), [](const std::string& x) { return kMarkers.count(x); });
            if (!matched && (in_list || marker)) {
                Words rest;
                for (const auto& x : item)
                    if (!kFiller.count(x)) rest.push_back(x);
                if (LooksLikeAName(rest)) out.unknown.push_back(Joined(rest, 0, rest.size()));
            }
            in_list = in_list || marker;
        }
        if (ends_sentence) in_list = false;
    }
    // Each unknown once, in order.
    std::set<std::string> once;
    out.unknown.erase(std::remove_if(out.unknown.begin(), out.unknown.end(),
                                     [&](const std::string& u) { return !once.insert(u).second; }),
                      out.unknown.end());
    return out;
}

}  // namespace caunoi::warnings
