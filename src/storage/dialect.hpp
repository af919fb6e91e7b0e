// The one place where the SQL of the two engines differs. Stores and the migrator write
// SQLite-flavoured portable SQL (`?` placeholders, INTEGER/REAL/TEXT columns, ON CONFLICT,
// RETURNING); this layer turns it into what PostgreSQL needs, and names the few clauses that
// have no common spelling (name search, skipping rows another process has claimed).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// `?` placeholders (outside quotes and comments) -> `$1`, `$2`, …; returns the number found.
std::string NumberPlaceholders(std::string_view sql, int* count = nullptr);

// Migration DDL for `d`. PostgreSQL: INTEGER -> BIGINT (epoch seconds and counters outgrow int4),
// `INTEGER PRIMARY KEY` -> an identity column (SQLite's rowid alias), REAL -> DOUBLE PRECISION,
// BLOB -> BYTEA, TEXT -> TEXT COLLATE "C" (byte order, as SQLite compares: the scope ranges in
// scope_sql.cpp rely on it). SQLite: unchanged.
std::string TranslateDdl(Dialect d, std::string_view ddl);

// PostgreSQL's search terms for a name search's tokens: token i as the group "(w1 | w2 | ...)" of
// `words[i]`, the words of the search documents it begins, when there are 1 to `max_words` of
// them; as itself (a prefix) otherwise. A group finds what the prefix finds while the GIN index
// can skip through its words' lists instead of first gathering every household a prefix matches.
// `share(word)`: the share of households whose document holds the word, 0 when not known (the
// planner's statistics). When one term is rare (at most kRareShare of households: a group the
// sum of its words' shares, a prefix 1) the terms in at least kCommonShare of them ("văn",
// "thị") come last, after an empty string: they are checked on each match of the others, not
// looked up in the index, where intersecting their lists costs more than it narrows.
inline constexpr double kRareShare = 0.1;
inline constexpr double kCommonShare = 0.5;
std::vector<std::string> NameTermsOf(const std::vector<std::string>& tokens,
                                     const std::vector<std::vector<std::string>>& words, size_t max_words,
                                     const std::function<double(const std::string&)>& share = {});

// A condition on households `h` true when every folded token prefixes a word of the household's
// name or of one of its residents' names. Tokens must be [a-z0-9]+ (text::Tokens output), or on
// PostgreSQL the terms NameTermsOf made of them (those after an empty one checked on each
// match). `scope` narrows the search where the engine can use it (SQLite's index); callers still
// filter by scope.
std::string NameSearchClause(Dialect d, const std::vector<std::string>& tokens, const Scope& scope, Params& params);

// The column a query picking households by a list of them joins on: SQLite's `seq` (the rowid,
// as the FTS5 index's), PostgreSQL's `id` (`seq` has no index of its own there: the primary key
// is (commune_id, id), as Citus needs).
const char* HouseholdKey(Dialect d);

// A subquery giving the HouseholdKey of at most `window` + 1 households that match the tokens (as
// NameSearchClause) inside `scope` and, if given, the village: the search index's first matches,
// in its own order, not the name order. A name search reads that many, however common the name,
// and says when there were more (RegistryStore). Nothing when the engine cannot apply the scope
// inside it (SQLite: an area id FTS5 cannot be given), so a limit there could cut the answer.
// PostgreSQL's also gives each household's name_folded, second, and applies the scope and village.
// `exact`: the same words typed whole (SQLite: the tokens; PostgreSQL: NameTermsOf of each token
// as its only word), or none: the households holding the typed words themselves come first ("tho"
// before "thoa"), the others only while the window has room. A name typed in full is then found
// among the many that begin with it, and on PostgreSQL single words let GIN skip through lists
// that a group of words ("(tho | thoa) & (ba | ban)") makes it merge whole.
std::optional<std::string> NameMatchWindow(Dialect d, const std::vector<std::string>& tokens,
                                           const std::vector<std::string>& exact, const Scope& scope,
                                           const std::string& village_id, int64_t window, Params& params);

// Appended to a `SELECT … LIMIT n` that picks rows to claim: PostgreSQL skips rows another
// transaction holds (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time and needs nothing.
const char* SkipLocked(Dialect d);

}  // namespace caunoi::storage
