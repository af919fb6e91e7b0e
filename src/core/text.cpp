#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace caunoi::text {
namespace {

// Decodes one code point at s[i]; returns false on malformed input. Advances i.
bool Decode(std::string_view s, size_t& i, char32_t& cp) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    int len;
    if (c < 0x80) {
        cp = c;
        len = 1;
    } else if ((c & 0xE0) == 0xC0) {
        cp = c & 0x1F;
        len = 2;
    } else if ((c & 0xF0) == 0xE0) {
        cp = c & 0x0F;
        len = 3;
    } else if ((c & 0xF8) == 0xF0) {
        cp = c & 0x07;
        len = 4;
    } else {
        return false;
    }
    if (i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    static constexpr std::array<char32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
    return true;
}

// Every Vietnamese letter with marks, grouped by the ASCII letter it folds to.
// Lowercase and uppercase forms; đ/Đ have no Unicode decomposition, so they are listed here too.
constexpr std::pair<char, std::u32string_view> kGroups[] = {
    {'a', U"àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬäåÄÅ"},
    {'e', U"èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆëË"},
    {'i', U"ìíỉĩịÌÍỈĨỊïîÏÎ"},
    {'o', U"òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢöÖ"},
    {'u', U"ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰüûÜÛ"},
    {'y', U"ỳýỷỹỵỲÝỶỸỴ"},
    {'d', U"đĐ"},
    {'c', U"çÇ"},
    {'n', U"ñÑ"},
};

const std::unordered_map<char32_t, char>& FoldMap() {
    static const auto* map = [] {
        auto* m = new std::unordered_map<char32_t, char>();
        for (const auto& [ascii, letters] : kGroups)
            for (char32_t cp : letters) (*m)[cp] = ascii;
        return m;
    }();
    return *map;
}

}  // namespace

namespace {

// Whether the 8 bytes at p are printable ASCII (0x20..0x7E), tested at once: most of any input is.
bool PrintableAscii8(const char* p) {
    uint64_t x;
    std::memcpy(&x, p, sizeof x);
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const uint64_t below_space = (x - 0x20 * kOnes) & ~x & kHigh;                         // a byte < 0x20 (or >= 0x80)
    const uint64_t del = ((x ^ (0x7F * kOnes)) - kOnes) & ~(x ^ (0x7F * kOnes)) & kHigh;  // a byte 0x7F
    return ((x & kHigh) | below_space | del) == 0;
}

}  // namespace

bool IsValidUtf8(std::string_view s, bool allow_newlines) {
    size_t i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size() && PrintableAscii8(s.data() + i)) {
            i += 8;
            continue;
        }
        char32_t cp = static_cast<unsigned char>(s[i]);
        if (cp < 0x80) {
            ++i;  // ASCII, most of any input: no decoding
        } else if (!Decode(s, i, cp)) {
            return false;
        }
        if (cp < 0x20 || cp == 0x7F) {
            bool ok = cp == '\t' || (allow_newlines && (cp == '\n' || cp == '\r'));
            if (!ok) return false;
        }
    }
    return true;
}

std::string Fold(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    size_t i = 0;
    while (i < s.size()) {
        char32_t cp;
        if (!Decode(s, i, cp)) {
            ++i;  // skip a bad byte; callers validate first
            continue;
        }
        if (cp >= 0x0300 && cp <= 0x036F) continue;  // combining marks (decomposed input)
        char c = 0;
        if (cp < 0x80) {
            char a = static_cast<char>(cp);
            if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
            if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) c = a;
        } else if (auto it = FoldMap().find(cp); it != FoldMap().end()) {
            c = it->second;
        }
        if (c == 0) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

std::string StripMarks(std::string_view s) {
    // Uppercase Vietnamese letters: Latin-1 C0-DE; even code points of Latin Extended-A and
    // Extended Additional; Ơ and Ư.
    auto upper = [](char32_t cp) {
        return (cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) || cp == 0x1A0 ||
               cp == 0x1AF || (cp >= 0x1E00 && cp <= 0x1EFF && cp % 2 == 0);
    };
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        char32_t cp;
        if (!Decode(s, i, cp)) {
            ++i;
            out.push_back('?');
            continue;
        }
        if (cp >= 0x0300 && cp <= 0x036F) continue;  // combining marks (decomposed input)
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (auto it = FoldMap().find(cp); it != FoldMap().end()) {
            out.push_back(upper(cp) ? static_cast<char>(it->second - 'a' + 'A') : it->second);
        } else if (cp == 0x2018 || cp == 0x2019) {
            out.push_back('\'');
        } else if (cp == 0x201C || cp == 0x201D) {
            out.push_back('"');
        } else if (cp == 0x2013 || cp == 0x2014) {
            out.push_back('-');
        } else if (cp == 0x2026) {
            out += "...";
        } else if (cp == 0xA0) {
            out.push_back(' ');
        } else {
            out.push_back('?');
        }
    }
    return out;
}

std::vector<std::string> Tokens(std::string_view folded) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            cur.push_back(c);
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t e = s.find(sep, i);
        if (e == std::string_view::npos) e = s.size();
        auto item = s.substr(i, e - i);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) out.push_back(item);
        i = e + 1;
    }
    return out;
}

std::string Trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

size_t CodePoints(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void ReplaceAll(std::string& s, std::string_view what, std::string_view with) {
    if (what.empty()) return;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size()))
        s.replace(at, what.size(), with);
}

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

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string EscapeXml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace caunoi::text
