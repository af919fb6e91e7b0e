#include "core/fields.hpp"

#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace caunoi {

Status Fields::OnlyKnown(const std::set<std::string_view>& allowed) const {
    for (const auto& [k, v] : m_)
        if (!allowed.count(k)) return Error::Invalid(k, "unknown field: " + k, N_("Unknown field"));
    return {};
}

Result<std::optional<std::string>> Fields::Text(std::string_view k, size_t max, bool required) const {
    auto it = m_.find(std::string(k));
    std::string v = it == m_.end() ? "" : text::Trim(it->second);
    if (!text::IsValidUtf8(v, false))
        return Error::Invalid(std::string(k), "not valid single-line UTF-8 text", N_("Invalid text"));
    if (v.empty()) {
        if (required) return Error::Invalid(std::string(k), "required", N_("This field is required"));
        return std::optional<std::string>{};
    }
    if (text::CodePoints(v) > max)
        return Error::Invalid(std::string(k), "longer than " + std::to_string(max) + " characters", N_("Too long"));
    return std::optional<std::string>{std::move(v)};
}

Result<std::optional<std::string>> Fields::Secret(std::string_view k, size_t max_bytes, bool required) const {
    auto it = m_.find(std::string(k));
    if (it == m_.end() || it->second.empty()) {
        if (required) return Error::Invalid(std::string(k), "required", N_("This field is required"));
        return std::optional<std::string>{};
    }
    if (!text::IsValidUtf8(it->second, false))
        return Error::Invalid(std::string(k), "invalid characters", N_("Password has invalid characters"));
    if (it->second.size() > max_bytes) return Error::Invalid(std::string(k), "too long", N_("Password is too long"));
    return std::optional<std::string>{it->second};
}

Result<std::optional<int64_t>> Fields::Int(std::string_view k, int64_t lo, int64_t hi) const {
    auto it = m_.find(std::string(k));
    if (it == m_.end() || text::Trim(it->second).empty()) return std::optional<int64_t>{};
    auto s = text::Trim(it->second);
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return Error::Invalid(std::string(k), "not a whole number", N_("Not a number"));
    if (v < lo || v > hi)
        return Error::Invalid(std::string(k), "must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                              N_("Out of range"));
    return std::optional<int64_t>{v};
}

Result<std::optional<double>> Fields::Real(std::string_view k, double lo, double hi) const {
    auto it = m_.find(std::string(k));
    if (it == m_.end() || text::Trim(it->second).empty()) return std::optional<double>{};
    auto s = text::Trim(it->second);
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
        return Error::Invalid(std::string(k), "not a number", N_("Not a number"));
    if (v < lo || v > hi) return Error::Invalid(std::string(k), "out of range", N_("Out of range"));
    return std::optional<double>{v};
}

Result<std::optional<bool>> Fields::Bool(std::string_view k) const {
    auto it = m_.find(std::string(k));
    if (it == m_.end() || it->second.empty()) return std::optional<bool>{};
    const auto& s = it->second;
    if (s == "1" || s == "true" || s == "on" || s == "yes") return std::optional<bool>{true};
    if (s == "0" || s == "false" || s == "off" || s == "no") return std::optional<bool>{false};
    return Error::Invalid(std::string(k), "expected true or false", N_("Invalid value"));
}

namespace {

// The position of `value` among `choices` (by key, or by its index written as digits, as
// std::to_string writes it), or Invalid listing the keys. No copy of the list is made: a visit
// form checks four vocabularies per service line, and a sync push checks hundreds of forms.
template <typename Range, typename Key>
Result<std::optional<int>> ChoiceIn(std::string_view k, const std::string& value, const Range& choices, Key key) {
    int index = -1;  // `value` as an index: digits, no leading zero
    if (!value.empty() && value.size() <= 9 && (value == "0" || value[0] != '0') &&
        value.find_first_not_of("0123456789") == std::string::npos)
        index = std::stoi(value);
    int i = 0;
    for (const auto& c : choices) {
        if (key(c) == value || i == index) return std::optional<int>{i};
        ++i;
    }
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + std::string(key(c));
    return Error::Invalid(std::string(k), "must be one of: " + list, N_("Invalid value"));
}

}  // namespace

Result<std::optional<int>> Fields::Choice(std::string_view k, Vocabulary choices) const {
    auto it = m_.find(std::string(k));
    if (it == m_.end() || it->second.empty()) return std::optional<int>{};
    return ChoiceIn(k, it->second, choices, [](const Term& t) { return t.key; });
}

Result<std::optional<int>> Fields::Choice(std::string_view k, std::initializer_list<std::string_view> choices) const {
    auto it = m_.find(std::string(k));
    if (it == m_.end() || it->second.empty()) return std::optional<int>{};
    return ChoiceIn(k, it->second, choices, [](std::string_view c) { return c; });
}

}  // namespace caunoi
