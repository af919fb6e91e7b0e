#include "storage/scope_sql.hpp"

namespace caunoi::storage {

std::string InScope(const Scope& s, const std::string& col, Params& params) {
    if (s.paths.empty()) return "(1=0)";
    std::string sql = "(";
    for (size_t i = 0; i < s.paths.size(); ++i) {
        if (i) sql += " OR ";
        sql += "(" + col + " = ? OR (" + col + " >= ? AND " + col + " < ?))";
        params.emplace_back(s.paths[i]);
        params.emplace_back(s.paths[i] + "/");
        params.emplace_back(s.paths[i] + "0");
    }
    return sql + ")";
}

std::string AncestorOfScope(const Scope& s, const std::string& col, Params& params) {
    if (s.paths.empty()) return "(1=0)";
    std::string sql = "(";
    for (size_t i = 0; i < s.paths.size(); ++i) {
        if (i) sql += " OR ";
        sql += "(" + col + " = ? OR substr(?, 1, length(" + col + ") + 1) = " + col + " || '/')";
        params.emplace_back(s.paths[i]);
        params.emplace_back(s.paths[i]);
    }
    return sql + ")";
}

std::string InList(const std::vector<std::string>& values, Params& params) {
    std::string out;
    for (const auto& v : values) {
        out += out.empty() ? "?" : ", ?";
        params.emplace_back(v);
    }
    return out;
}

std::string Placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

Status ForEachChunk(const std::vector<std::string>& values, size_t size, const Params& head,
                    const std::function<Status(const Params&)>& each) {
    for (size_t at = 0; at < values.size(); at += size) {
        Params p = head;
        for (size_t i = at; i < at + size; ++i) p.emplace_back(i < values.size() ? values[i] : std::string());
        CAUNOI_TRY(each(p));
    }
    return {};
}

}  // namespace caunoi::storage
