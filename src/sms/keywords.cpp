#include "sms/keywords.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace caunoi::sms {
namespace {

struct Keyword {
    std::string_view word;
    Command command;
};
// Longest first, so GIAYTO is tried before GIA.
constexpr Keyword kKeywords[] = {
    {"THOITIET", Command::kWeather},  {"GIAYTO", Command::kPapers}, {"LUADAO", Command::kScam},
    {"HOTRO", Command::kHelpRequest}, {"HUY", Command::kStop},      {"GIA", Command::kPrice},
    {"HS", Command::kStatus},         {"DK", Command::kSubscribe},  {"HD", Command::kHelp},
    {"LD", Command::kScam},
};
// Typos are forgiven only in words this long: a short word one letter off is another word
// ("HAY" is not "HUY"), and stopping someone's messages by accident is worse than a help reply.
constexpr size_t kTypoMinLength = 5;

// Decodes one UTF-8 code point starting at `i` (advancing it); invalid bytes count as one.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

bool IsCombiningMark(uint32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

// The byte offset in `original` after its first `letters` letters (combining marks belong to
// the letter before them), so the argument is cut from what was sent, not from its folded copy.
size_t AfterLetters(std::string_view original, size_t letters) {
    size_t i = 0, seen = 0;
    while (i < original.size()) {
        size_t at = i;
        uint32_t cp = NextCodePoint(original, i);
        if (IsCombiningMark(cp)) continue;
        if (seen == letters) return at;
        ++seen;
    }
    return original.size();
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
    if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return 2;
    const size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
    for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = 1; j <= m; ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return std::min(d[n][m], 2);
}

Parsed ParseCommand(std::string_view text) {
    const std::string trimmed = text::Trim(text);
    if (trimmed.empty()) return {Command::kEmpty, ""};
    // Without diacritics (đ -> d), one character per letter of the original.
    const std::string folded = text::StripMarks(trimmed);
    std::string word;
    for (char c : folded) {
        if (!std::isalpha(static_cast<unsigned char>(c))) break;
        word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    auto rest = [&](size_t letters) {
        return text::Trim(std::string_view(trimmed).substr(AfterLetters(trimmed, letters)));
    };
    for (const auto& k : kKeywords)
        if (word == k.word) return {k.command, rest(k.word.size())};
    // A missing space: "HS123456", "GIAYTOkhai sinh". Short keywords only before a digit, so
    // "HUYEN" or "GIAO" are not commands.
    for (const auto& k : kKeywords) {
        if (word.size() <= k.word.size() || word.rfind(k.word, 0) != 0) continue;
        if (k.word.size() >= kTypoMinLength) return {k.command, rest(k.word.size())};
    }
    if (word.size() < folded.size() && std::isdigit(static_cast<unsigned char>(folded[word.size()])))
        for (const auto& k : kKeywords)
            if (word == k.word) return {k.command, rest(k.word.size())};
    // One typo in a long keyword: "GIAYTP", "HOTOR", "LUA DAO" is handled by the space below.
    for (const auto& k : kKeywords)
        if (k.word.size() >= kTypoMinLength && word.size() + 1 >= kTypoMinLength && EditDistance(word, k.word) <= 1)
            return {k.command, rest(word.size())};
    // Two words that make a keyword: "GIAY TO", "HO TRO", "LUA DAO", "THOI TIET".
    if (word.size() < folded.size() && folded[word.size()] == ' ') {
        std::string joined = word;
        size_t j = word.size() + 1;
        while (j < folded.size() && std::isalpha(static_cast<unsigned char>(folded[j])))
            joined.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(folded[j++]))));
        for (const auto& k : kKeywords)
            if (k.word.size() >= kTypoMinLength && joined.size() > word.size() && EditDistance(joined, k.word) <= 1)
                return {k.command, rest(joined.size() + 1)};
    }
    return {Command::kUnknown, trimmed};
}

}  // namespace caunoi::sms
