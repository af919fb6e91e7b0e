#include "translation/check.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "channel/encoding.hpp"
#include "core/text.hpp"

namespace caunoi::translation {
namespace {

std::string_view Trim(std::string_view s) {
    const auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && sp(s.front())) s.remove_prefix(1);
    while (!s.empty() && sp(s.back())) s.remove_suffix(1);
    return s;
}

// The UTF-8 characters of `s` GSM-7 cannot carry, each once, in order.
std::string OutsideGsm7(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0)
            n = 4;
        else if (c >= 0xE0)
            n = 3;
        else if (c >= 0xC0)
            n = 2;
        const std::string ch(s.substr(i, n));
        if (!channel::Measure(ch).gsm7 && out.find(ch) == std::string::npos) out += (out.empty() ? "" : " ") + ch;
        i += n;
    }
    return out;
}

// The `open`…`close` tokens of `s` ("{code}", "<commune>": a word of letters, digits and '_'),
// sorted and joined. A stray `open` or `close` (as in "</b>" or "<a href=x>") counts as itself,
// so text with a tag never matches a source without that tag.
std::string Tokens(std::string_view s, char open, char close) {
    std::vector<std::string> found;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != open && s[i] != close) continue;
        size_t j = i + 1;
        if (s[i] == open)
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
        if (s[i] == open && j < s.size() && s[j] == close && j > i + 1) {
            found.emplace_back(s.substr(i, j - i + 1));
            i = j;
        } else {
            found.emplace_back(1, s[i]);
        }
    }
    std::sort(found.begin(), found.end());
    std::string out;
    for (const auto& f : found) out += f;
    return out;
}

// "&amp;", "&#60;": HTML's character references.
bool HasEntity(std::string_view s) {
    for (size_t i = s.find('&'); i != std::string_view::npos; i = s.find('&', i + 1)) {
        size_t j = i + 1;
        while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '#')) ++j;
        if (j > i + 1 && j < s.size() && s[j] == ';') return true;
    }
    return false;
}

}  // namespace

std::string Placeholders(std::string_view s) { return Tokens(s, '{', '}'); }

Result<std::string> CheckTranslation(const Text& text, std::string_view body) {
    const std::string_view t = Trim(body);
    if (t.empty()) return Error::Invalid("body", "empty", N_("Write the translation"));
    if (t.size() > kMaxTranslationBytes || t.size() > 3 * text.vi.size() + 200)
        return Error::Invalid("body", "longer than three times the Vietnamese",
                              N_("Too long for this text: keep it about as long as the Vietnamese"));
    if (!text::IsValidUtf8(t, !text.sms))
        return Error::Invalid("body", "not plain UTF-8 text", N_("Write plain text only (no special characters)"));
    if (Tokens(t, '<', '>') != Tokens(text.vi, '<', '>') || HasEntity(t))
        return Error::Invalid("body", "HTML in a translation", N_("Write plain text, without HTML tags"));
    if (Placeholders(t) != Placeholders(text.vi))
        return Error::Invalid("body", "placeholders " + Placeholders(t) + " instead of " + Placeholders(text.vi),
                              N_("Keep every word in braces, such as {code}, exactly as in the Vietnamese"));
    if (text.sms) {
        const std::string outside = OutsideGsm7(t);
        if (!outside.empty())
            return Error::Invalid("body", std::string(kOutsideGsm7) + outside,
                                  N_("This text goes by SMS: use only letters every phone shows, without accents"));
    }
    return std::string(t);
}

}  // namespace caunoi::translation
