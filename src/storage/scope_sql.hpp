// Builds the SQL condition that confines a query to an actor's area scope. Every
// repository query over personal data goes through here, so a handler cannot forget it.
#pragma once

#include <string>

#include "core/actor.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// "(col = ? OR (col >= ? AND col < ?)) OR ..." for each scope path ('0' follows '/' in ASCII,
// so [p/, p0) is exactly the paths below p; an index range, unlike LIKE). "1=0" for an empty scope.
std::string InScope(const Scope& s, const std::string& col, Params& params);
// "?, ?, ?" for an IN list of `values`, appended to `params` in order.
std::string InList(const std::vector<std::string>& values, Params& params);
// The condition that `col` is an ancestor of (or equal to) one of the scope paths.
std::string AncestorOfScope(const Scope& s, const std::string& col, Params& params);

}  // namespace caunoi::storage
