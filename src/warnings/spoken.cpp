#include "warnings/spoken.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace caunoi::warnings {

namespace {

constexpr std::array<const char*, 10> kDigits = {"không", "một", "hai", "ba",  "bốn",
                                                 "năm",   "sáu", "bảy", "tám", "chín"};

// 0..999; `full`: a group after a higher one, read with its hundreds and "linh" ("không trăm linh năm").
std::string Hundreds(int n, bool full) {
    const int h = n / 100, t = (n / 10) % 10, u = n % 10;
    std::string out;
    if (h > 0 || full) out = std::string(kDigits[static_cast<size_t>(h)]) + " trăm";
    auto add = [&](const std::string& w) { out += (out.empty() ? "" : " ") + w; };
    if (t == 0) {
        if (u == 0) return out;
        if (!out.empty()) add("linh");
        add(kDigits[static_cast<size_t>(u)]);
        return out;
    }
    add(t == 1 ? "mười" : std::string(kDigits[static_cast<size_t>(t)]) + " mươi");
    if (u == 0) return out;
    if (u == 1)
        add(t == 1 ? "một" : "mốt");
    else if (u == 4 && t > 1)
        add("tư");
    else if (u == 5)
        add("lăm");
    else
        add(kDigits[static_cast<size_t>(u)]);
    return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exactly three digits at `k`, not followed by a fourth.
bool ThreeDigitsAt(std::string_view s, size_t k) {
    return k + 3 <= s.size() && IsDigit(s[k]) && IsDigit(s[k + 1]) && IsDigit(s[k + 2]) &&
           (k + 3 == s.size() || !IsDigit(s[k + 3]));
}

// The unit right after a number (after optional spaces), spoken; `len` is what it took up.
const char* UnitAt(std::string_view s, size_t& len) {
    static const std::vector<std::pair<std::string_view, const char*>> kUnits = {
        {"km/h", "ki-lô-mét một giờ"}, {"mm", "mi-li-mét"}, {"cm", "xăng-ti-mét"}, {"km", "ki-lô-mét"},
        {"m/s", "mét một giây"},       {"m", "mét"},        {"°C", "độ C"},        {"%", "phần trăm"}};
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    for (const auto& [u, spoken] : kUnits) {
        if (s.substr(i, u.size()) != u) continue;
        const size_t end = i + u.size();
        // A unit is a word of its own: "m" in "mưa" is not metres.
        if (end < s.size() &&
            (std::isalnum(static_cast<unsigned char>(s[end])) || static_cast<unsigned char>(s[end]) >= 0x80))
            continue;
        len = end;
        return spoken;
    }
    len = 0;
    return nullptr;
}

int64_t ReadInt(std::string_view s, size_t& i) {
    int64_t v = 0;
    size_t digits = 0;
    while (i < s.size() && IsDigit(s[i]) && digits < 12) {
        v = v * 10 + (s[i] - '0');
        ++i;
        ++digits;
    }
    return v;
}

}  // namespace

std::string SpokenNumber(int64_t n) {
    if (n < 0) return "âm " + SpokenNumber(-n);
    if (n == 0) return "không";
    static const std::array<const char*, 4> kGroups = {"", "nghìn", "triệu", "tỷ"};
    std::vector<int> groups;
    for (int64_t x = n; x > 0; x /= 1000) groups.push_back(static_cast<int>(x % 1000));
    std::string out;
    for (size_t g = groups.size(); g-- > 0;) {
        const int v = groups[g];
        if (v == 0) continue;
        std::string part = Hundreds(v, !out.empty());
        if (g > 0) part += std::string(" ") + kGroups[g];
        out += (out.empty() ? "" : " ") + part;
    }
    return out;
}

std::string SpokenText(std::string_view s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        // Only a number that starts a word: "3G" stays, "T3" stays.
        const bool starts = IsDigit(s[i]) && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])));
        if (!starts) {
            out += s[i++];
            continue;
        }
        size_t j = i;
        const int64_t a = ReadInt(s, j);
        // hh:mm, hhhmm, hhh
        if (j < s.size() && (s[j] == ':' || s[j] == 'h') && a < 24) {
            size_t k = j + 1;
            if (k < s.size() && IsDigit(s[k])) {
                const int64_t m = ReadInt(s, k);
                if (k - (j + 1) == 2 && m < 60) {
                    out += SpokenNumber(a) + " giờ" + (m ? " " + SpokenNumber(m) + " phút" : "");
                    i = k;
                    continue;
                }
            } else if (s[j] == 'h' && (k >= s.size() || !std::isalnum(static_cast<unsigned char>(s[k])))) {
                out += SpokenNumber(a) + " giờ";
                i = k;
                continue;
            }
        }
        // dd/mm or dd/mm/yyyy
        if (j < s.size() && s[j] == '/' && a >= 1 && a <= 31 && j + 1 < s.size() && IsDigit(s[j + 1])) {
            size_t k = j + 1;
            const int64_t mon = ReadInt(s, k);
            if (mon >= 1 && mon <= 12) {
                // "ngày 12/6" already says "ngày".
                const bool said = out.size() >= 6 && (out.compare(out.size() - 6, 6, "ngày ") == 0 ||
                                                      out.compare(out.size() - 6, 6, "Ngày ") == 0);
                out += (said ? "" : "ngày ") + SpokenNumber(a) + " tháng " + SpokenNumber(mon);
                if (k + 1 < s.size() && s[k] == '/' && IsDigit(s[k + 1])) {
                    size_t y = k + 1;
                    out += " năm " + SpokenNumber(ReadInt(s, y));
                    k = y;
                }
                i = k;
                continue;
            }
        }
        std::string spoken = SpokenNumber(a);
        // 1.000 and 20.000.000: Vietnamese groups thousands with dots; 2,5 is a decimal (2.5 too,
        // when not three digits).
        if (j < s.size() && s[j] == '.' && ThreeDigitsAt(s, j + 1)) {
            int64_t v = a;
            while (j < s.size() && s[j] == '.' && ThreeDigitsAt(s, j + 1) && v < 1'000'000'000) {
                v = v * 1000 + (s[j + 1] - '0') * 100 + (s[j + 2] - '0') * 10 + (s[j + 3] - '0');
                j += 4;
            }
            spoken = SpokenNumber(v);
        } else if (j + 1 < s.size() && (s[j] == ',' || s[j] == '.') && IsDigit(s[j + 1])) {
            spoken += " phẩy";
            size_t k = j + 1;
            for (; k < s.size() && IsDigit(s[k]); ++k)
                spoken += " " + std::string(kDigits[static_cast<size_t>(s[k] - '0')]);
            j = k;
        }
        size_t len = 0;
        if (const char* unit = UnitAt(s.substr(j), len)) {
            spoken += std::string(" ") + unit;
            j += len;
        } else if (j < s.size() &&
                   (std::isalpha(static_cast<unsigned char>(s[j])) || static_cast<unsigned char>(s[j]) >= 0x80)) {
            // A word that starts with digits ("3G", "4G") is a name, not a number: left as written.
            size_t end = j;
            while (end < s.size() &&
                   (std::isalnum(static_cast<unsigned char>(s[end])) || static_cast<unsigned char>(s[end]) >= 0x80))
                ++end;
            out.append(s.substr(i, end - i));
            i = end;
            continue;
        }
        out += spoken;
        i = j;
    }
    return out;
}

int SpeakingSeconds(std::string_view text) {
    int syllables = 0, pauses = 0;
    bool in_word = false;
    for (char c : text) {
        const bool letter = std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
        if (letter && !in_word) ++syllables;
        in_word = letter;
        if (c == '.' || c == '!' || c == '?' || c == '\n') ++pauses;
    }
    return (syllables + 2) / 3 + pauses / 2;
}

}  // namespace caunoi::warnings
