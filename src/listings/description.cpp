#include "listings/description.hpp"

#include "core/text.hpp"
#include "listings/listing.hpp"

namespace caunoi::listings {
namespace {

// The first letter in capitals (ASCII and the Vietnamese lower-case letters of two bytes' UTF-8
// that have a capital two bytes long are handled; others are left as written).
std::string Capitalised(std::string s) {
    if (s.empty()) return s;
    if (s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    } else if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC4 && static_cast<unsigned char>(s[1]) == 0x91) {
        s[1] = static_cast<char>(0x90);  // đ → Đ
    }
    return s;
}

}  // namespace

Result<std::string> ComposeDescription(const Fields& f, const std::string& suffix,
                                       const std::function<std::string(const char*)>& lead) {
    std::string out;
    for (const auto& q : kHelperQuestions) {
        const std::string key = q.key + suffix;
        CAUNOI_ASSIGN(auto answer, ReadText(f, key, 300, false, false));
        while (!answer.empty() && (answer.back() == '.' || answer.back() == ' ')) answer.pop_back();
        if (answer.empty()) continue;
        std::string line = *q.lead_msgid ? lead(q.lead_msgid) + ": " + answer : Capitalised(answer);
        out += (out.empty() ? "" : "\n") + line + ".";
    }
    return out;
}

}  // namespace caunoi::listings
