#include "sms/keywords.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "core/text.hpp"
#include "procedures/dossier.hpp"

namespace caunoi::sms {
namespace {

struct Keyword {
    std::string_view word;  // folded, lower case
    Command command;
};
// One-word keywords. Typos are forgiven only in the long ones, written as one word: a short word
// one letter off is another word ("hay" is not "huy").
constexpr Keyword kKeywords[] = {
    {"thoitiet", Command::kWeather}, {"giayto", Command::kPapers}, {"luadao", Command::kScam},
    {"hotro", Command::kHelpRequest}, {"gia", Command::kPrice},    {"hs", Command::kStatus},
    {"dk", Command::kSubscribe},      {"hd", Command::kHelp},      {"ld", Command::kScam},
};
constexpr size_t kTypoMinLength = 5;
// The same keywords as two words, matched exactly: with a typo, two common words would become a
// command ("lửa đốt" is a fire, not "lừa đảo").
constexpr std::pair<std::string_view, Command> kTwoWords[] = {
    {"giay to", Command::kPapers}, {"ho tro", Command::kHelpRequest},
    {"lua dao", Command::kScam},   {"thoi tiet", Command::kWeather},
};
// The whole message, folded, that stops messages: HUY alone or a short fixed form of it.
constexpr std::string_view kStopForms[] = {"huy",          "huy tin",       "huy tin nhan", "huy nhan tin",
                                           "huy dk",       "huy dang ky",   "huy dich vu",  "stop",
                                           "ngung nhan tin", "dung nhan tin", "khong nhan tin"};
constexpr std::string_view kStopAllForms[] = {"huy hs", "huy ho so", "huy tat ca", "huy het"};

// What people grow or raise here, folded: GIA needs one of them after it ("giá sắn"), so
// "gia đình" (family) is not a price request.
constexpr std::string_view kCrops[] = {"bap",  "bo",  "buoi", "ca",   "cafe", "cam",  "che",  "chuoi", "dau",
                                       "ga",   "gao", "gung", "heo",  "keo",  "khoai", "lac", "lon",   "lua",
                                       "man",  "mang", "mat", "mia",  "ngo",  "nhan", "phan", "que",   "san",
                                       "thao", "tieu", "trau", "vai", "vit"};

// Words a message made only of which is a thanks or a greeting: stored, not answered.
constexpr std::string_view kAckWords[] = {"a",   "alo",  "anh",   "ban",    "cam", "chao", "chi", "da",  "em",
                                          "hi",  "hello", "nha", "nhe",   "nhieu", "ok", "oke", "okie", "on",
                                          "roi", "thank", "thanks", "u",   "uh",    "vang", "xin"};

template <size_t N>
bool In(std::string_view w, const std::string_view (&set)[N]) {
    return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

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

// A dossier code as people type it, alone: letters, digits and . - _ / or spaces, at least six
// digits, and something a phone number has not (a letter or a separator). "H42.16813-261130-0001",
// "H42 16813 261130 0001".
bool LooksLikeCode(std::string_view s) {
    if (!procedures::LookupCodes(s).ok()) return false;
    int digits = 0, letters = 0, run = 0, longest_run = 0;
    bool separator = false;
    for (char c : s) {
        const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
        digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
        letters += letter ? 1 : 0;
        run = letter ? run + 1 : 0;
        longest_run = std::max(longest_run, run);
        separator = separator || c == '.' || c == '-' || c == '/' || c == '_';
    }
    return digits >= 6 && (letters > 0 || separator) && longest_run <= 3;
}

}  // namespace

Parsed ParseCommand(std::string_view text) {
    const std::string trimmed = text::Trim(text);
    if (trimmed.empty()) return {Command::kEmpty, ""};
    // Without diacritics (đ -> d), one character per letter of the original, lower case.
    std::string s = text::StripMarks(trimmed);
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string folded = text::Fold(trimmed);
    if (In(folded, kStopForms)) return {Command::kStop, ""};
    if (In(folded, kStopAllForms)) return {Command::kStopAll, ""};
    // DA DOC 12 (also "đã đọc 12", "DADOC 12", "da doc so 12"): the whole message, a number at its end.
    {
        const auto words = text::Tokens(folded);
        size_t at = words.size() >= 2 && words[0] == "da" && words[1] == "doc" ? 2 : words.size() >= 1 && words[0] == "dadoc" ? 1 : 0;
        if (at && at < words.size() && words[at] == "so") ++at;
        if (at && at + 1 == words.size() && words[at].size() <= 6 &&
            words[at].find_first_not_of("0123456789") == std::string::npos)
            return {Command::kBroadcastDone, words[at]};
    }

    auto word_end = [&](size_t from) {
        while (from < s.size() && std::isalpha(static_cast<unsigned char>(s[from]))) ++from;
        return from;
    };
    const size_t w1 = word_end(0);
    const std::string word = s.substr(0, w1);
    size_t w2s = w1;
    while (w2s < s.size() && s[w2s] == ' ') ++w2s;
    const size_t w2 = w2s > w1 ? word_end(w2s) : w2s;
    const std::string word2 = s.substr(w2s, w2 - w2s);
    auto rest = [&](size_t letters) {
        return text::Trim(std::string_view(trimmed).substr(AfterLetters(trimmed, letters)));
    };
    // A name that is also the stop word ("Huy đây, ...") is not the stop command.
    if (word == "huy") return {Command::kUnknown, trimmed, true};
    if (word == "gia") {
        if (In(word2, kCrops)) return {Command::kPrice, rest(w1)};
        return {Command::kUnknown, trimmed};
    }
    for (const auto& k : kKeywords)
        if (word == k.word) return {k.command, rest(w1)};
    if (!word2.empty()) {
        const std::string two = word + " " + word2;
        for (const auto& [phrase, command] : kTwoWords)
            if (two == phrase) return {command, rest(w2)};
        // "hồ sơ <code>": a status request when a code follows.
        if (two == "ho so" && LooksLikeCode(rest(w2))) return {Command::kStatus, rest(w2)};
    }
    // A missing space: "GIAYTOkhai sinh"; "HSH42.16813-261130-0001" (a code may start with a letter).
    for (const auto& k : kKeywords)
        if (k.word.size() >= kTypoMinLength && word.size() > k.word.size() && word.rfind(k.word, 0) == 0)
            return {k.command, rest(k.word.size())};
    if (word.rfind("hs", 0) == 0 && LooksLikeCode(rest(2))) return {Command::kStatus, rest(2)};
    // One typo in a long one-word keyword: "GIAYTP", "HOTOR", "THOITET".
    for (const auto& k : kKeywords)
        if (k.word.size() >= kTypoMinLength && word.size() + 1 >= kTypoMinLength && text::EditDistance(word, k.word) <= 1)
            return {k.command, rest(w1)};
    // A dossier code alone.
    if (LooksLikeCode(trimmed)) return {Command::kStatus, trimmed};
    return {Command::kUnknown, trimmed};
}

Parsed Understand(std::string_view text) {
    Parsed p = ParseCommand(text);
    if (p.command != Command::kUnknown) return p;
    const std::vector<std::string> words = text::Tokens(text::Fold(text));
    std::string joined = " ";
    for (const auto& w : words) joined += w + " ";
    auto has = [&](std::string_view phrase) { return joined.find(" " + std::string(phrase) + " ") != std::string::npos; };
    auto has_any = [&](std::initializer_list<std::string_view> phrases) {
        return std::any_of(phrases.begin(), phrases.end(), has);
    };
    auto with = [&](Command c, std::string arg = "") {
        Parsed out{c, std::move(arg), p.stop_hint};
        return out;
    };
    if (!words.empty() && words.size() <= 6 &&
        std::all_of(words.begin(), words.end(), [](const std::string& w) { return In(w, kAckWords); }))
        return with(Command::kThanks, p.arg);
    // Someone asked for money, an OTP or a fee: the scam advice (and a report for the commune).
    const bool scam_words = has_any({"otp", "trung thuong", "nhan qua", "gia danh", "lua dao", "khoa tai khoan"});
    const bool money = has_any({"chuyen tien", "chuyen khoan", "nop tien", "nop phi", "dong phi", "gui tien"});
    const bool asked = has_any({"goi", "goi dien", "nhan tin", "nguoi la", "bao toi", "yeu cau", "doi", "bat"});
    if (scam_words || (money && asked)) return with(Command::kScamCall, p.arg);
    if (has_any({"goi lai", "goi cho toi", "goi dien cho toi", "goi dien lai", "lien he lai", "lien lac lai",
                 "lien he voi toi"}))
        return with(Command::kCallBack, p.arg);
    if (has("ho so") && has_any({"den dau", "sao roi", "xong chua", "bao gio", "the nao", "toi dau", "chua xong",
                                 "khi nao", "dau roi", "ra sao"}))
        return with(Command::kStatus);
    if (has_any({"thoi tiet", "co mua", "troi mua", "mua khong", "mua ko", "mua to", "co nang", "nang khong",
                 "troi nang", "co ret", "ret khong", "troi ret", "co bao", "bao lu", "mua lu", "mua da"}))
        return with(Command::kWeather);
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i] != "gia" || (i + 1 < words.size() && words[i + 1] == "dinh")) continue;
        for (const auto& w : words)
            if (w != "gia" && In(w, kCrops)) return with(Command::kPrice, w);
    }
    if (has_any({"vneid", "vn eid", "dinh danh"})) return with(Command::kPapers, "VNeID");
    return p;
}

}  // namespace caunoi::sms
