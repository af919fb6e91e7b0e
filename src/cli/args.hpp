// The command line of `caunoi`: words after the command name split into positional words and
// --flags, and the one reader of integer flags (a flag, else its environment variable, else a
// default, checked against a range, with an English error that names the flag).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::cli {

// A whole number in [lo, hi]: decimal digits with an optional sign, surrounding spaces ignored.
// Anything else (empty, "1.5", "12abc", "0x10", too large) is refused with
// `<name> takes a whole number from <lo> to <hi>, not "<text>"`; `name` is how the operator
// wrote it, e.g. "--workers".
Result<int64_t> ParseInt(std::string_view text, std::string_view name, int64_t lo, int64_t hi);

struct Args {
    std::vector<std::string> positional;  // the command name first
    std::map<std::string, std::string> flags;

    bool Has(const std::string& k) const { return flags.count(k) > 0; }
    // --k's value, else the environment variable `env` (nullptr: none) when set and not empty, else `def`.
    std::string Get(const std::string& k, const char* env, const std::string& def) const;
    // --k as a whole number in [lo, hi], read like Get; `def` when neither is given. An error
    // names the flag (and the environment variable when the value came from there).
    Result<int64_t> Int(const std::string& k, const char* env, int64_t def, int64_t lo, int64_t hi) const;
};

// `words`: the command line after the program name. "--k=v" and "--k v" set a flag; --help and
// --quiet, and a flag with nothing after it, are "1"; every other word is positional.
Args Parse(const std::vector<std::string>& words);

}  // namespace caunoi::cli
