// Vietnamese mobile numbers as people and gateways write them: "0912 345 678", "84912345678",
// "+84912345678". Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caunoi::phone {

// The national form "0" + 9 digits of a Vietnamese mobile number (prefixes 03, 05, 07, 08, 09),
// from any of the forms above (spaces, dots, dashes and brackets ignored); nullopt otherwise.
std::optional<std::string> NormalizeMobile(std::string_view raw);

// "84" + 9 digits: the form Kannel sends to.
std::string International(const std::string& national);

// The national form with all but the last `shown` digits hidden, for pages and logs.
std::string MaskPhone(const std::string& national, size_t shown = 3);

}  // namespace caunoi::phone
