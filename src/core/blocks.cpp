#include "core/blocks.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace caunoi {

bool ValidBlockCode(std::string_view c) {
    if (c.size() < 2 || c.size() > 32) return false;
    return std::all_of(c.begin(), c.end(),
                       [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
}

Status ReadBlocks(const std::string& input, const BlockFormat& format, const BlockCallbacks& cb) {
    std::set<std::string> codes;
    std::string current;  // the open block's code
    int line_no = 0;
    size_t block_start = 0;
    auto fail = [&](int line, const std::string& why) -> Status {
        std::string where = current.empty() ? "" : format.noun + " " + current + ", ";
        return Error::Invalid("source", where + "line " + std::to_string(line) + ": " + why, format.title_id);
    };
    auto close = [&](size_t end) -> std::string {
        if (current.empty()) return "";
        return cb.close(text::Trim(std::string_view(input).substr(block_start, end - block_start)));
    };
    if (!text::IsValidUtf8(input)) return Error::Invalid("source", "invalid UTF-8", format.title_id);
    size_t pos = 0;
    while (pos <= input.size()) {
        size_t end = input.find('\n', pos);
        if (end == std::string::npos) end = input.size();
        std::string line = text::Trim(std::string_view(input).substr(pos, end - pos));
        size_t line_start = pos;
        pos = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        if (line.front() == '[') {
            if (std::string why = close(line_start); !why.empty()) return fail(line_no - 1, why);
            if (line.back() != ']') return fail(line_no, "expected [code]");
            std::string code = line.substr(1, line.size() - 2);
            if (!ValidBlockCode(code)) return fail(line_no, "code must be 2-32 of a-z 0-9 _");
            if (!codes.insert(code).second) return fail(line_no, format.noun + " " + code + " is listed twice");
            if (codes.size() > format.max_blocks)
                return fail(line_no, "more than " + std::to_string(format.max_blocks) + " " + format.noun + "s");
            current = code;
            block_start = line_start;
            if (std::string why = cb.open(code); !why.empty()) return fail(line_no, why);
            continue;
        }
        if (current.empty()) return fail(line_no, "text before the first [code]");
        auto eq = line.find('=');
        if (eq == std::string::npos) return fail(line_no, "expected key = value");
        std::string key = text::Trim(line.substr(0, eq)), value = text::Trim(line.substr(eq + 1));
        std::string why;
        if (value.empty())
            why = key + ": empty value";
        else if (!text::IsValidUtf8(value, false))
            why = key + ": invalid text";
        else if (value.size() > format.max_value_bytes)
            why = key + ": longer than " + std::to_string(format.max_value_bytes) + " bytes";
        else
            why = cb.line(key, value);
        if (!why.empty()) return fail(line_no, why);
    }
    if (std::string why = close(input.size()); !why.empty()) return fail(line_no, why);
    if (codes.empty()) return fail(line_no, "no " + format.noun);
    return {};
}

}  // namespace caunoi
