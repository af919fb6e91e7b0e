// The block text format of the catalogs people edit by hand (the procedure catalog, the training
// curriculum): a "[code]" line opens a block, "key = value" lines fill it, blank lines and lines
// starting with '#' are ignored. One reader for both, so both refuse the same mistakes the same
// way, naming the line.
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caunoi {

// What a catalog does with its blocks. Each callback returns "" to accept, or why it refuses
// (then reading stops, and the error names the block and the line).
struct BlockCallbacks {
    // A block opens with its code (already checked: 2–32 of a-z 0-9 _, not seen before).
    std::function<std::string(const std::string& code)> open;
    // A line of the open block; key and value trimmed, the value non-empty, valid UTF-8.
    std::function<std::string(const std::string& key, const std::string& value)> line;
    // The open block ends; `source` is its text from its "[code]" line, trimmed.
    std::function<std::string(std::string_view source)> close;
};

struct BlockFormat {
    std::string noun;             // "procedure", "module": names the block in errors
    size_t max_blocks = 200;      // more is refused
    size_t max_value_bytes = 600;  // a longer value is refused
    const char* title_id = nullptr;  // the message id of the refusal (field "source")
};

// Reads `input` as blocks; the first refusal is an Invalid error with field "source" and a
// detail like "module vneid_account, line 12: unknown key colour". No block at all is refused.
Status ReadBlocks(const std::string& input, const BlockFormat& format, const BlockCallbacks& cb);

// 2–32 characters of a-z 0-9 _.
bool ValidBlockCode(std::string_view c);

}  // namespace caunoi
