// Households and residents (SQL implementation of registry::RegistryRepository), over any
// Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "core/ttl_cache.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// Inside a transaction, households and residents inserted after DeferSearch get no search
// document until WriteSearch(ids) writes those households' documents once each (V036): a bulk
// write (a CSV import, the province demo) instead of one rewrite per resident.
Status DeferSearch(Database& db);
Status WriteSearch(Database& db, const std::vector<std::string>& household_ids);

// Household reads are served from a small in-process cache (the hottest read: every
// household page and every sync). Writes through this store evict at once; writes by other
// processes (the CLI importing while the server runs) show within kCacheMillis. Scope is
// checked on every hit exactly as the SQL would (Scope::Contains on the row's path).
class RegistryStore final : public registry::RegistryRepository {
  public:
    // `search_window`: how many of a commune's households in name order a PostgreSQL name search
    // tests before it asks the search index. `match_window`: how many matching households a name
    // search reads at most, whatever the name (dialect.hpp NameMatchWindow); more are reported
    // as HouseholdPage::too_many. Tests make both small.
    RegistryStore(Database& db, const Clock& clock, int64_t search_window = 600, int64_t match_window = 200)
        : db_(db),
          search_window_(search_window),
          match_window_(match_window),
          cache_(clock, kCacheMillis, kCacheMax),
          word_shares_(clock, kWordSharesMillis) {}
    Result<registry::Household> FindHousehold(const Scope& s, const std::string& id) override;
    Result<registry::HouseholdPage> ListHouseholds(const Scope& s, const registry::HouseholdQuery& q,
                                                   const std::vector<std::string>& tokens) override;
    Result<registry::PeopleFound> FindPeople(const Scope& s, const registry::PeopleQuery& q) override;
    Status InsertHousehold(const registry::Household& h) override;
    Status UpdateHousehold(const registry::Household& h) override;
    Status DeleteHousehold(const std::string& id) override;
    Result<registry::Resident> FindResident(const Scope& s, const std::string& id) override;
    Result<std::vector<registry::Resident>> ListResidents(const Scope& s, const std::string& household_id) override;
    Result<std::vector<registry::Member>> ListMembers(const Scope& s, const std::string& household_id) override;
    Result<std::vector<registry::HouseholdMembers>> ListHouseholdMembers(
        const Scope& s, const std::vector<std::string>& household_ids,
        const std::vector<std::string>& resident_ids) override;
    Status InsertResident(const registry::Resident& r) override;
    Status UpdateResident(const registry::Resident& r) override;
    Status DeleteResident(const registry::Resident& r) override;
    Status InsertSkillEvent(const registry::Resident& r, int skill, int from, int to, int64_t at) override;
    Status InsertConsentEvent(const registry::ConsentEvent& e) override;
    Result<std::vector<registry::ConsentEvent>> ConsentHistory(const std::string& resident_id) override;
    Status DeferSearch() override;
    Status WriteSearch(const std::vector<std::string>& household_ids) override;
    void DeferChanges() override { deferred_changes_.emplace(); }
    Status WriteChanges() override;
    void DropChanges() override { deferred_changes_.reset(); }
    // Drops every cached household (a transaction was rolled back: the cache may hold its writes).
    void ForgetCached() { cache_.Clear(); }
    // A name search's tokens as the dialect's search terms: on PostgreSQL each one becomes the
    // whole words it begins (name_words, V040) when they are at most kMaxNameTerms, so the GIN
    // index need not gather a prefix's households first, and the words most households hold are
    // checked on each match instead of looked up (dialect.hpp NameTermsOf, with WordShares);
    // SQLite's FTS5 takes the tokens as they are. `exact`: the tokens as whole words, for the
    // match window to take first (dialect.hpp NameMatchWindow); on PostgreSQL only when each
    // token is a word of the documents and one of them begins other words too.
    struct NameSearchTerms {
        std::vector<std::string> terms, exact;
    };
    Result<NameSearchTerms> NameTerms(const std::vector<std::string>& tokens);

  private:
    static constexpr int64_t kCacheMillis = 1000;
    static constexpr size_t kCacheMax = 50000;
    void Evict(const std::string& household_id) { cache_.Erase(household_id); }
    Result<registry::HouseholdPage> ListHouseholdsNow(const Scope& s, const registry::HouseholdQuery& q,
                                                      const NameSearchTerms& terms);
    // `q.tokens`: NameTerms' terms; `exact`: its exact ones.
    Result<registry::PeopleFound> FindPeopleNow(const Scope& s, const registry::PeopleQuery& q,
                                                const std::vector<std::string>& exact);
    static constexpr int kMaxNameTerms = 64;
    // PostgreSQL: the share of households whose search document holds each of its most common
    // words, from the planner's statistics (pg_stats, made by ANALYZE), read again after
    // kWordSharesMillis (reading them costs about 2 ms, a search's whole budget is 10). Empty
    // before the first ANALYZE, and on a Citus coordinator, whose tables hold no rows.
    Result<const std::unordered_map<std::string, double>*> WordShares();
    static constexpr int64_t kWordSharesMillis = 10 * 60 * 1000;
    // Runs `read`, on PostgreSQL in a transaction whose statements are planned for their values:
    // a name search's best plan depends on its words and area (a common name is found fastest by
    // reading households in order, a rare one through the GIN index), and the generic plan a
    // prepared statement settles on after five runs fits neither (a member's search took 44 ms
    // at province scale instead of 5: docs/benchmarks.md, "Province scale").
    template <typename T>
    Result<T> WithPlansForItsValues(const std::function<Result<T>()>& read);
    // A name search's match window (dialect.hpp NameMatchWindow) as a common table expression
    // `w(k)` (`w(k, name)`: NamedWindow) to put before the query, its parameters appended to
    // `p`; "" when the engine cannot apply the scope inside it (the search then reads every match).
    std::string WindowCte(const Scope& s, const NameSearchTerms& terms, const std::string& village_id, Params& p);
    // Whether the window also holds each match's folded name, `w(k, name)`, already inside the
    // scope and village (PostgreSQL: dialect.hpp NameMatchWindow): a page is then picked from it
    // in name order without reading its 200 households again.
    bool NamedWindow() const { return db_.dialect() == Dialect::kPostgres; }
    // Whether more households match than the window holds.
    Result<bool> TooMany(const Scope& s, const NameSearchTerms& terms, const std::string& village_id);
    // Inserts a household or resident with `insert` and records its change, or notes it for
    // WriteChanges while changes are deferred.
    Status InsertAndRecord(std::string_view kind, const std::string& id, const std::function<Status()>& insert);
    Database& db_;
    int64_t search_window_;
    int64_t match_window_;
    TtlCache<std::string, registry::Household> cache_;
    TtlValue<std::unordered_map<std::string, double>> word_shares_;
    std::optional<std::vector<std::pair<std::string, std::string>>> deferred_changes_;  // {kind, id}
};

}  // namespace caunoi::storage
