#include "cli/args.hpp"

#include <charconv>
#include <cstdlib>

namespace caunoi::cli {

Result<int64_t> ParseInt(std::string_view text, std::string_view name, int64_t lo, int64_t hi) {
    auto refuse = [&] {
        return Error::Invalid(std::string(name), std::string(name) + " takes a whole number from " +
                                                     std::to_string(lo) + " to " + std::to_string(hi) + ", not \"" +
                                                     std::string(text) + "\"");
    };
    std::string_view s = text;
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '-') return refuse();
    }
    if (s.empty()) return refuse();
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi) return refuse();
    return v;
}

std::string Args::Get(const std::string& k, const char* env, const std::string& def) const {
    if (auto it = flags.find(k); it != flags.end()) return it->second;
    if (env)
        if (const char* v = std::getenv(env); v && *v) return v;
    return def;
}

Result<int64_t> Args::Int(const std::string& k, const char* env, int64_t def, int64_t lo, int64_t hi) const {
    if (auto it = flags.find(k); it != flags.end()) return ParseInt(it->second, "--" + k, lo, hi);
    if (env)
        if (const char* v = std::getenv(env); v && *v) return ParseInt(v, "--" + k + " (from " + env + ")", lo, hi);
    return def;
}

Args Parse(const std::vector<std::string>& words) {
    Args a;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& s = words[i];
        if (s.rfind("--", 0) == 0) {
            auto eq = s.find('=');
            if (eq != std::string::npos) {
                a.flags[s.substr(2, eq - 2)] = s.substr(eq + 1);
            } else if (s == "--help" || s == "--quiet" || i + 1 >= words.size()) {
                a.flags[s.substr(2)] = "1";
            } else {
                a.flags[s.substr(2)] = words[++i];
            }
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

}  // namespace caunoi::cli
