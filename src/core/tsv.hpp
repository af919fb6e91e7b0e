// Reference data files in tab-separated form (data/*.tsv): '#' lines are comments, the first other
// line is the header, every other non-empty line has exactly `columns` cells. Pure; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi {

// Calls `row` with each data line's cells and its line number (from 1); stops at the first error,
// its own or `row`'s. `what` names the file in errors ("data/crops.tsv: line 4: …").
Status ForEachTsvRow(std::string_view tsv, size_t columns, const std::string& what,
                     const std::function<Status(const std::vector<std::string_view>& cells, int line)>& row);

}  // namespace caunoi
