#include "sms/places.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace caunoi::sms {

std::optional<Commune> MatchCommune(const std::vector<Commune>& all, const std::string& arg) {
    auto squash = [](std::string_view s) {
        std::string out;
        for (char c : text::Fold(s))
            if (c != ' ') out.push_back(c);
        for (std::string_view prefix : {"xa", "phuong"})
            if (out.size() > prefix.size() + 2 && out.rfind(prefix, 0) == 0) out = out.substr(prefix.size());
        return out;
    };
    const std::string want = squash(arg);
    if (want.empty()) return std::nullopt;
    for (const auto& c : all)
        if (c.id == text::Trim(arg) || squash(c.name) == want) return c;
    return std::nullopt;
}

std::optional<Commune> CommuneNamedIn(const std::vector<Commune>& all, const std::string& body) {
    const std::vector<std::string> words = text::Tokens(text::Fold(body));
    std::optional<Commune> best;
    size_t best_len = 0;
    for (const auto& c : all) {
        const std::vector<std::string> name = text::Tokens(text::Fold(c.name));
        if (name.size() < 2 || name.size() <= best_len) continue;  // one-word names are too common
        if (std::search(words.begin(), words.end(), name.begin(), name.end()) != words.end()) {
            best = c;
            best_len = name.size();
        }
    }
    return best;
}

std::string StripParenthesized(const std::string& name) {
    std::string out;
    int depth = 0;
    for (char ch : name) {
        if (ch == '(') ++depth;
        if (depth == 0) out.push_back(ch);
        if (ch == ')' && depth > 0) --depth;
    }
    return text::Trim(out);
}

std::vector<std::string> VillageWords(const std::string& name) {
    std::vector<std::string> words = text::Tokens(text::Fold(StripParenthesized(name)));
    static const std::string_view kKinds[] = {"ban", "thon", "xom", "lang", "khoi", "to", "bon", "tieu"};
    if (words.size() > 1 && std::find(std::begin(kKinds), std::end(kKinds), words.front()) != std::end(kKinds))
        words.erase(words.begin());
    return words;
}

bool OnlyWhen(const std::string& arg) {
    static const std::set<std::string> kWhen = {"hom",   "nay", "ngay", "mai", "mot",  "kia", "sang", "trua", "chieu",
                                                "toi",   "dem", "tuan", "nua", "the",  "nao", "sao",  "co",   "mua",
                                                "khong", "ko",  "nang", "ret", "lanh", "gi",  "a",    "oi",   "vay"};
    for (const auto& w : text::Tokens(text::Fold(arg)))
        if (!kWhen.count(w)) return false;
    return true;
}

}  // namespace caunoi::sms
