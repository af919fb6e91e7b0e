// Builds the SQL condition that confines a query to an actor's area scope. Every
// repository query over personal data goes through here, so a handler cannot forget it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// "(col = ? OR (col >= ? AND col < ?)) OR ..." for each scope path ('0' follows '/' in ASCII,
// so [p/, p0) is exactly the paths below p; an index range, unlike LIKE). "1=0" for an empty scope.
std::string InScope(const Scope& s, const std::string& col, Params& params);
// "?, ?, ?" for an IN list of `values`, appended to `params` in order.
std::string InList(const std::vector<std::string>& values, Params& params);
// "?, ?, ?" with `n` placeholders, for an IN list of a fixed length.
std::string Placeholders(size_t n);
// Runs `each` once per chunk of `size` values, with `head` then the chunk's values as its
// parameters, the last chunk padded with empty strings (matching no id): one prepared statement,
// `... IN (` + Placeholders(size) + `)`, serves every chunk.
Status ForEachChunk(const std::vector<std::string>& values, size_t size, const Params& head,
                    const std::function<Status(const Params&)>& each);
// The condition that `col` is an ancestor of (or equal to) one of the scope paths.
std::string AncestorOfScope(const Scope& s, const std::string& col, Params& params);

}  // namespace caunoi::storage
