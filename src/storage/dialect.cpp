#include "storage/dialect.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>

#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

// Calls `word(token)` for each identifier-like word outside quotes and comments and copies
// everything else through; `word` returns the replacement.
template <typename F>
std::string MapWords(std::string_view s, F word) {
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            size_t j = i + 1;
            while (j < s.size() && s[j] != c) ++j;
            out.append(s.substr(i, j + 1 - i));
            i = j + 1;
        } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            size_t j = s.find('\n', i);
            if (j == std::string_view::npos) j = s.size();
            out.append(s.substr(i, j - i));
            i = j;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
            out += word(s.substr(i, j - i), s.substr(j));
            i = j;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return out;
}

bool StartsWithWords(std::string_view rest, std::string_view words) {
    size_t i = 0;
    while (i < rest.size() && rest[i] == ' ') ++i;
    return rest.substr(i, words.size()) == words;
}

bool Plain(const std::string& id) {
    return !id.empty() &&
           std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// The FTS5 terms naming the scope's areas (V007__search_scope.sqlite.sql: each household's
// document holds the ids along its area path): "" for the whole province (every document holds
// its id, so naming it only makes FTS5 read the longest list it has, every household, to
// intersect with the names), nothing for an id FTS5 cannot be given safely.
std::optional<std::string> FtsAreas(const Scope& scope) {
    std::string areas;
    for (const auto& path : scope.paths) {
        if (path.find('/') == std::string::npos) return std::string();
        std::string id = path.substr(path.rfind('/') + 1);
        if (!Plain(id)) return std::nullopt;
        areas += (areas.empty() ? "" : " OR ") + std::string("\"") + id + "\"";
    }
    return areas;
}

// The FTS5 MATCH: every token a prefix of a name, in one of `areas` (FtsAreas; "" for any) and,
// if given, in the village `village_id` (alphanumeric, checked by the caller).
// FTS5 reads a prefix longer than its prefix index (V007: 1 to 3 letters) by first merging the
// whole lists of every word it begins (23-33 ms for "dang*" in one commune of the province, 0.3 ms
// for "dan*"): such a token is matched in the index by its first kFtsIndexedPrefix letters, and
// the whole prefix checked on each row found (FtsPrefixChecks).
constexpr size_t kFtsIndexedPrefix = 3;

// `whole`: each token a whole word, not a prefix.
std::string FtsMatch(const std::vector<std::string>& tokens, const std::string& areas, const std::string& village_id,
                     bool whole = false) {
    std::string match = "names : (";
    for (size_t i = 0; i < tokens.size(); ++i)
        match += (i ? " AND " : "") + (whole ? tokens[i] : tokens[i].substr(0, kFtsIndexedPrefix) + "*");
    match += ")";
    if (!areas.empty()) match += " AND scope : (" + areas + ")";
    if (!village_id.empty()) match += " AND scope : \"" + village_id + "\"";
    return match;
}

// The conditions, on a row of household_fts, that each token FtsMatch shortened begins a word of
// its names (tokens are [a-z0-9]+: no LIKE wildcard; the names are folded, words one space apart).
std::string FtsPrefixChecks(const std::vector<std::string>& tokens, Params& params) {
    std::string sql;
    for (const auto& t : tokens) {
        if (t.size() <= kFtsIndexedPrefix) continue;
        sql += " AND (' ' || names) LIKE ?";
        params.emplace_back("% " + t + "%");
    }
    return sql;
}

// The tsquery of a search's terms (NameTermsOf): a plain token as a prefix, a group as it is;
// the empty one that parts the terms to look up from those to check is skipped.
std::string TsQuery(std::vector<std::string>::const_iterator begin, std::vector<std::string>::const_iterator end) {
    std::string query;
    for (auto t = begin; t != end; ++t) {
        if (t->empty()) continue;
        query += (query.empty() ? "" : " & ") + *t + (Plain(*t) ? ":*" : "");
    }
    return query;
}

}  // namespace

std::vector<std::string> NameTermsOf(const std::vector<std::string>& tokens,
                                     const std::vector<std::vector<std::string>>& words, size_t max_words,
                                     const std::function<double(const std::string&)>& share) {
    std::vector<std::string> terms;
    std::vector<double> shares;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const auto* w = i < words.size() ? &words[i] : nullptr;
        if (!w || w->empty() || w->size() > max_words || !std::all_of(w->begin(), w->end(), Plain)) {
            terms.push_back(tokens[i]);
            // No word begins it: it matches nothing, the rarest of terms. Too many: not known.
            shares.push_back(w && w->empty() ? 0.0 : 1.0);
            continue;
        }
        std::string group = "(";
        double sum = 0;
        for (size_t j = 0; j < w->size(); ++j) {
            group += (j ? " | " : "") + (*w)[j];
            if (share) sum += share((*w)[j]);
        }
        terms.push_back(group + ")");
        shares.push_back(share ? sum : 1.0);
    }
    if (terms.empty() || *std::min_element(shares.begin(), shares.end()) > kRareShare) return terms;
    std::vector<std::string> looked_up, checked;
    for (size_t i = 0; i < terms.size(); ++i) (shares[i] >= kCommonShare ? checked : looked_up).push_back(terms[i]);
    if (checked.empty()) return terms;
    looked_up.emplace_back();
    looked_up.insert(looked_up.end(), checked.begin(), checked.end());
    return looked_up;
}

std::string NumberPlaceholders(std::string_view sql, int* count) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            size_t j = sql.find(c, i + 1);
            if (j == std::string_view::npos) j = sql.size() - 1;
            out.append(sql.substr(i, j + 1 - i));
            i = j;
        } else if (c == '?') {
            out += "$" + std::to_string(++n);
        } else {
            out.push_back(c);
        }
    }
    if (count) *count = n;
    return out;
}

std::string TranslateDdl(Dialect d, std::string_view ddl) {
    if (d == Dialect::kSqlite) return std::string(ddl);
    return MapWords(ddl, [](std::string_view w, std::string_view rest) -> std::string {
        if (w == "INTEGER")
            return StartsWithWords(rest, "PRIMARY KEY") ? "BIGINT GENERATED BY DEFAULT AS IDENTITY" : "BIGINT";
        if (w == "REAL") return "DOUBLE PRECISION";
        if (w == "BLOB") return "BYTEA";
        if (w == "TEXT") return "TEXT COLLATE \"C\"";
        return std::string(w);
    });
}

std::string NameSearchClause(Dialect d, const std::vector<std::string>& tokens, const Scope& scope, Params& params) {
    if (tokens.empty()) return "(1=1)";
    if (d == Dialect::kSqlite) {
        // One FTS5 document per household: its name and its residents' names, and the ids along
        // its area path. Naming the scope's areas lets FTS5 intersect the two instead of
        // returning every match in the province. Tokens are [a-z0-9]+ and area ids alphanumeric,
        // so neither can inject FTS syntax; another id leaves the area to the SQL scope filter.
        params.emplace_back(FtsMatch(tokens, FtsAreas(scope).value_or(""), ""));
        return "h.seq IN (SELECT rowid FROM household_fts WHERE household_fts MATCH ?" +
               FtsPrefixChecks(tokens, params) + ")";
    }
    // PostgreSQL: the household's search document (V008, V011), each token as a prefix, and the
    // commune's own lexeme when the scope lies in one commune; the area scope itself is in the
    // caller's WHERE clause. Terms after an empty one (NameTermsOf) are checked on each match by
    // the function behind `@@`, which the planner cannot take to the index.
    const auto checked = std::find(tokens.begin(), tokens.end(), std::string());
    params.emplace_back(TsQuery(tokens.begin(), checked));
    const std::string commune = CommuneOfScope(scope);
    std::string clause = "h.search @@ to_tsquery('simple', ?)";
    if (!commune.empty() && std::all_of(commune.begin(), commune.end(), [](char c) { return std::isdigit(c); })) {
        params.emplace_back("'=" + commune + "'");
        clause = "h.search @@ (to_tsquery('simple', ?) && ?::tsquery)";
    }
    if (checked == tokens.end()) return clause;
    params.emplace_back(TsQuery(tokens.begin(), tokens.end()));
    return clause + " AND ts_match_vq(h.search, to_tsquery('simple', ?))";
}

std::optional<std::string> NameMatchWindow(Dialect d, const std::vector<std::string>& tokens,
                                           const std::vector<std::string>& exact, const Scope& scope,
                                           const std::string& village_id, int64_t window, Params& params) {
    if (tokens.empty() || window <= 0) return std::nullopt;
    const std::string limit = " LIMIT " + std::to_string(window + 1);
    // The window is the households holding the words typed whole, then (a compound SELECT stops
    // at its LIMIT, so only while there is room) those that match otherwise.
    auto exact_first = [&](const std::string& whole, const std::string& rest) {
        return "SELECT * FROM (" + whole + limit + ") e UNION ALL SELECT * FROM (" + rest + limit + ") r" + limit;
    };
    if (d == Dialect::kSqlite) {
        // FTS5 gives its matches in rowid order, one at a time: with the scope and the village
        // in the MATCH, the LIMIT stops it after window + 1 of them, however common the name.
        const auto areas = FtsAreas(scope);
        if (!areas || (!village_id.empty() && !Plain(village_id))) return std::nullopt;
        const std::string fts = "SELECT rowid FROM household_fts WHERE household_fts MATCH ?";
        if (exact.empty()) {
            params.emplace_back(FtsMatch(tokens, *areas, village_id));
            return fts + FtsPrefixChecks(tokens, params) + limit;
        }
        const std::string whole = FtsMatch(exact, *areas, village_id, true);
        params.emplace_back(whole);
        params.emplace_back("(" + FtsMatch(tokens, *areas, village_id) + ") NOT (" + whole + ")");
        return exact_first(fts, fts + FtsPrefixChecks(tokens, params));
    }
    // PostgreSQL: the search document's GIN index (with the commune's lexeme when the scope lies
    // in one), the scope and the village on each match found, until window + 1 are in; with each
    // one's folded name, read from the row the match was tested on.
    auto matching = [&](const std::vector<std::string>& terms, const std::string& but_not) {
        std::string sql =
            "SELECT h.id, h.name_folded FROM households h WHERE " + NameSearchClause(d, terms, scope, params);
        if (!but_not.empty()) {
            sql += " AND NOT ts_match_vq(h.search, to_tsquery('simple', ?))";
            params.emplace_back(but_not);
        }
        sql += " AND " + InScope(scope, "h.area_path", params);
        if (!village_id.empty()) {
            sql += " AND h.village_id = ?";
            params.emplace_back(village_id);
        }
        return sql;
    };
    if (exact.empty()) return matching(tokens, "") + limit;
    const std::string whole = matching(exact, "");
    return exact_first(whole, matching(tokens, TsQuery(exact.begin(), exact.end())));
}

const char* HouseholdKey(Dialect d) { return d == Dialect::kPostgres ? "id" : "seq"; }

const char* SkipLocked(Dialect d) { return d == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : ""; }

}  // namespace caunoi::storage
