#include "channel/encoding.hpp"

#include <cstdint>

#include "core/text.hpp"

namespace caunoi::channel {
namespace {

// ASCII characters of the GSM 03.38 basic set, and those that take an escape (2 septets).
bool BasicAscii(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view(" \n\r@$_!\"#%&'()*+,-./:;<=>?").find(c) != std::string_view::npos;
}
bool ExtensionAscii(char c) { return std::string_view("^{}\\[~]|").find(c) != std::string_view::npos; }

// Non-ASCII characters of the basic set, as UTF-8.
constexpr std::string_view kBasicNonAscii[] = {"£", "¥", "è", "é", "ù", "ì", "ò", "Ç", "Ø", "ø", "Å", "å", "Δ",
                                               "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", "Æ", "æ", "ß", "É",
                                               "¤", "¡", "Ä", "Ö", "Ñ", "Ü", "§", "¿", "ä", "ö", "ñ", "ü", "à"};

int Parts(int units, int single, int concat) {
    if (units == 0) return 0;
    return units <= single ? 1 : (units + concat - 1) / concat;
}

}  // namespace

std::string ToGsm7(std::string_view utf8) {
    std::string ascii = text::StripMarks(utf8), out;
    out.reserve(ascii.size());
    for (char c : ascii) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == '`') c = '\'';
        if (!BasicAscii(c) && !ExtensionAscii(c)) c = '?';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

Size Measure(std::string_view utf8) {
    Size gsm{true, 0, 0};
    int utf16 = 0;
    size_t i = 0;
    while (i < utf8.size()) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        std::string_view ch = utf8.substr(i, len);
        i += len;
        utf16 += len == 4 ? 2 : 1;
        if (!gsm.gsm7) continue;
        if (len == 1 && BasicAscii(ch[0])) {
            gsm.units += 1;
        } else if (len == 1 && ExtensionAscii(ch[0])) {
            gsm.units += 2;
        } else if (ch == "€") {
            gsm.units += 2;
        } else {
            bool found = false;
            for (auto b : kBasicNonAscii) found = found || b == ch;
            if (found)
                gsm.units += 1;
            else
                gsm.gsm7 = false;
        }
    }
    if (gsm.gsm7) {
        gsm.parts = Parts(gsm.units, kSinglePartSeptets, kConcatPartSeptets);
        return gsm;
    }
    return {false, utf16, Parts(utf16, kSinglePartUcs2, kConcatPartUcs2)};
}

std::string Utf16BeToUtf8(std::string_view b) {
    std::string out;
    auto put = [&](uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    };
    size_t i = 0;
    auto unit = [&](size_t at) {
        return static_cast<uint32_t>((static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]));
    };
    while (i + 1 < b.size()) {
        uint32_t u = unit(i);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < b.size() && unit(i) >= 0xDC00 && unit(i) <= 0xDFFF) {
            put(0x10000 + ((u - 0xD800) << 10) + (unit(i) - 0xDC00));
            i += 2;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            out.push_back('?');
        } else {
            put(u);
        }
    }
    if (i < b.size()) out.push_back('?');
    return out;
}

std::string Shorten(std::string_view text, int max_parts) {
    if (Measure(text).parts <= max_parts) return std::string(text);
    // Drop whole words from the end until the text and its "..." fit.
    std::string_view kept = text;
    while (!kept.empty()) {
        auto space = kept.find_last_of(' ');
        kept = space == std::string_view::npos ? std::string_view() : kept.substr(0, space);
        while (!kept.empty() && (kept.back() == ' ' || kept.back() == ',' || kept.back() == '.')) kept.remove_suffix(1);
        std::string candidate = std::string(kept) + "...";
        if (!kept.empty() && Measure(candidate).parts <= max_parts) return candidate;
    }
    // One word longer than the whole budget: cut it by characters.
    std::string out(text);
    while (!out.empty() && Measure(out + "...").parts > max_parts) {
        out.pop_back();
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    }
    return out + "...";
}

}  // namespace caunoi::channel
