#include "core/phone.hpp"

namespace caunoi::phone {

std::optional<std::string> NormalizeMobile(std::string_view raw) {
    std::string d;
    bool plus = false;
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c >= '0' && c <= '9') {
            d.push_back(c);
        } else if (c == '+' && !plus && d.empty() && i + 1 < raw.size()) {
            plus = true;
        } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
            return std::nullopt;
        }
        if (d.size() > 12) return std::nullopt;
    }
    if (d.size() == 11 && d.rfind("84", 0) == 0) d = "0" + d.substr(2);
    if (d.size() != 10 || d[0] != '0') return std::nullopt;
    if (std::string_view("35789").find(d[1]) == std::string_view::npos) return std::nullopt;
    return d;
}

std::string International(const std::string& national) { return "84" + national.substr(1); }

std::string MaskPhone(const std::string& national, size_t shown) {
    if (national.size() <= shown) return std::string(national.size(), '*');
    return std::string(national.size() - shown, '*') + national.substr(national.size() - shown);
}

}  // namespace caunoi::phone
