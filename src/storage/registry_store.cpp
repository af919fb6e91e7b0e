#include "storage/registry_store.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "storage/dialect.hpp"
#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"
#include "storage/sync_changes.hpp"

namespace caunoi::storage {
namespace {

using registry::Household;
using registry::Resident;

constexpr const char* kHouseholdCols =
    "h.id, h.village_id, h.area_path, h.name, COALESCE(h.address, ''), h.consent_by, h.consent_at, "
    "h.consent_purposes, h.created_at, h.updated_at, (SELECT COUNT(*) FROM residents r WHERE r.commune_id = "
    "h.commune_id AND r.household_id = h.id), COALESCE(h.broadband, '')";
constexpr int kHouseholdColCount = 12;
constexpr int kPersonColCount = 7;  // FindPeopleNow's columns, before the window's count

Household HouseholdFrom(const Row& r) {
    Household h;
    h.id = r.Text(0);
    h.village_id = r.Text(1);
    h.area_path = r.Text(2);
    h.name = r.Text(3);
    h.address = r.Text(4);
    h.consent = {r.Text(5), r.Int(6), r.Text(7)};
    h.created_at = r.Int(8);
    h.updated_at = r.Int(9);
    h.resident_count = static_cast<int>(r.Int(10));
    h.broadband = r.Text(11);
    return h;
}

// A page of `limit` households from up to limit + 1 rows (the extra one says there is more).
// A page cursor carries the sort key of the last household shown (its folded name, in hex, and
// its id), so the next page is found without looking any household up: a cursor naming a
// household outside the caller's area reveals nothing, as if the id were unknown.
std::string CursorOf(const Household& h) {
    static const char* kHex = "0123456789abcdef";
    std::string c;
    for (unsigned char ch : text::Fold(h.name)) {
        c.push_back(kHex[ch >> 4]);
        c.push_back(kHex[ch & 15]);
    }
    return c + "-" + h.id;
}

// The folded name and id of a cursor; Invalid for anything CursorOf did not make.
Result<std::pair<std::string, std::string>> ParseCursor(const std::string& c) {
    const Error bad = Error::Invalid("cursor", "not a page cursor of this list");
    auto dash = c.find('-');
    if (dash == std::string::npos || dash % 2 != 0 || c.size() > 1200) return bad;
    std::string name;
    for (size_t i = 0; i < dash; i += 2) {
        int hi = text::HexDigit(c[i]), lo = text::HexDigit(c[i + 1]);
        if (hi < 0 || lo < 0) return bad;
        name.push_back(static_cast<char>(hi * 16 + lo));
    }
    std::string id = c.substr(dash + 1);
    if (id.empty() || id.size() > 64) return bad;
    for (char ch : id)
        if (!std::isalnum(static_cast<unsigned char>(ch))) return bad;
    return std::make_pair(std::move(name), std::move(id));
}

registry::HouseholdPage PageOf(const Rows& rows, int limit) {
    registry::HouseholdPage page;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i)
        page.items.push_back(HouseholdFrom(rows[i]));
    if (static_cast<int>(rows.size()) > limit) page.next_cursor = CursorOf(page.items.back());
    return page;
}

constexpr const char* kResidentCols =
    "id, household_id, area_path, full_name, birth_year, COALESCE(sex, ''), COALESCE(phone, ''), phone_kind, "
    "language, COALESCE(ethnicity, ''), vneid_level, portal_account, payment_account, skill_public_services, "
    "skill_shopping, skill_payment, skill_safety, skill_local_platforms, COALESCE(national_id_hash, ''), "
    "COALESCE(national_id_last4, ''), consent_by, consent_at, consent_purposes, created_at, updated_at";

Resident ResidentFrom(const Row& row) {
    Resident r;
    r.id = row.Text(0);
    r.household_id = row.Text(1);
    r.area_path = row.Text(2);
    r.full_name = row.Text(3);
    if (!row.IsNull(4)) r.birth_year = row.Int(4);
    r.sex = row.Text(5);
    r.phone = row.Text(6);
    r.phone_kind = row.Text(7);
    r.language = row.Text(8);
    r.ethnicity = row.Text(9);
    r.vneid_level = static_cast<int>(row.Int(10));
    r.portal_account = row.Int(11) != 0;
    r.payment_account = row.Int(12) != 0;
    for (int i = 0; i < 5; ++i) r.skills[i] = static_cast<int>(row.Int(13 + i));
    r.national_id_hash = row.Text(18);
    r.national_id_last4 = row.Text(19);
    r.consent = {row.Text(20), row.Int(21), row.Text(22)};
    r.created_at = row.Int(23);
    r.updated_at = row.Int(24);
    return r;
}

Params ResidentValues(const Resident& r) {
    return {r.household_id,
            r.area_path,
            r.full_name,
            text::Fold(r.full_name),
            r.birth_year ? Value{*r.birth_year} : Value{nullptr},
            TextOrNull(r.sex),
            TextOrNull(r.phone),
            r.phone_kind,
            r.language,
            TextOrNull(r.ethnicity),
            int64_t{r.vneid_level},
            int64_t{r.portal_account},
            int64_t{r.payment_account},
            int64_t{r.skills[0]},
            int64_t{r.skills[1]},
            int64_t{r.skills[2]},
            int64_t{r.skills[3]},
            int64_t{r.skills[4]},
            TextOrNull(r.national_id_hash),
            TextOrNull(r.national_id_last4),
            r.consent.by,
            r.consent.at,
            r.consent.purposes,
            r.updated_at,
            r.id};
}

}  // namespace

Result<Household> RegistryStore::FindHousehold(const Scope& s, const std::string& id) {
    const int64_t read_at = cache_.Now();
    if (const Household* cached = cache_.Find(id)) {
        if (!s.Contains(cached->area_path)) return Error::NotFound();
        return *cached;
    }
    Params p{id};
    std::string sql = std::string("SELECT ") + kHouseholdCols + " FROM households h WHERE h.id = ? AND " +
                      InScope(s, "h.area_path", p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(sql, p));
    Household h = HouseholdFrom(row);
    cache_.Put(h.id, h, read_at);
    return h;
}

template <typename T>
Result<T> RegistryStore::WithPlansForItsValues(const std::function<Result<T>()>& read) {
    if (db_.dialect() != Dialect::kPostgres) return read();
    std::optional<T> out;
    CAUNOI_TRY(db_.InTransaction([&]() -> Status {
        CAUNOI_TRY(db_.ExecScript("SET LOCAL plan_cache_mode = force_custom_plan"));
        CAUNOI_ASSIGN(out, read());
        return {};
    }));
    return std::move(*out);
}

Result<registry::PeopleFound> RegistryStore::FindPeople(const Scope& s, const registry::PeopleQuery& q) {
    if (q.tokens.empty()) return FindPeopleNow(s, q, {});
    return WithPlansForItsValues<registry::PeopleFound>([&]() -> Result<registry::PeopleFound> {
        registry::PeopleQuery named = q;
        CAUNOI_ASSIGN(auto terms, NameTerms(q.tokens));
        named.tokens = std::move(terms.terms);
        return FindPeopleNow(s, named, terms.exact);
    });
}

Result<RegistryStore::NameSearchTerms> RegistryStore::NameTerms(const std::vector<std::string>& tokens) {
    if (db_.dialect() != Dialect::kPostgres || tokens.empty()) return NameSearchTerms{tokens, tokens};
    std::string words;
    for (const auto& t : tokens) words += (words.empty() ? "" : " ") + t;
    // Each token's first kMaxNameTerms + 1 words, in order (name_words' primary key; '~' sorts
    // after every [a-z0-9], so [t, t~) holds the words t begins).
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT t.i, w.word FROM unnest(string_to_array(?, ' ')) WITH ORDINALITY t(tok, i) "
                            "CROSS JOIN LATERAL (SELECT word FROM name_words WHERE word >= t.tok AND word < "
                            "t.tok || '~' ORDER BY word LIMIT ?) w ORDER BY t.i, w.word",
                            {words, int64_t{kMaxNameTerms + 1}}));
    std::vector<std::vector<std::string>> found(tokens.size());
    for (const auto& r : rows) {
        const int64_t i = r.Int(0) - 1;
        if (i >= 0 && i < static_cast<int64_t>(found.size())) found[i].push_back(r.Text(1));
    }
    CAUNOI_ASSIGN(const auto* shares, WordShares());
    auto share = [shares](const std::string& word) {
        auto it = shares->find(word);
        return it == shares->end() ? 0.0 : it->second;
    };
    NameSearchTerms out{NameTermsOf(tokens, found, kMaxNameTerms, share), {}};
    // The words typed whole, when each is a word some document holds and one begins others too.
    bool whole = true, begins_others = false;
    for (size_t i = 0; i < tokens.size(); ++i) {
        whole = whole && !found[i].empty() && found[i][0] == tokens[i];
        begins_others = begins_others || found[i].size() > 1;
    }
    if (!whole || !begins_others) return out;
    std::vector<std::vector<std::string>> alone;
    for (const auto& t : tokens) alone.push_back({t});
    out.exact = NameTermsOf(tokens, alone, kMaxNameTerms, share);
    return out;
}

Result<const std::unordered_map<std::string, double>*> RegistryStore::WordShares() {
    if (const auto* fresh = word_shares_.Fresh()) return fresh;
    const int64_t read_at = word_shares_.Now();
    // most_common_elem_freqs holds three figures more than there are elements (the least and
    // greatest share, and that of empty documents): unnest pads the elements with NULL for them.
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT u.word, u.share FROM pg_stats s, "
                                       "unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) "
                                       "u(word, share) WHERE s.schemaname = current_schema() AND s.tablename = "
                                       "'households' AND s.attname = 'search' AND u.word IS NOT NULL",
                                       {}));
    std::unordered_map<std::string, double> shares;
    for (const auto& r : rows) shares.emplace(r.Text(0), r.Real(1));
    word_shares_.Set(std::move(shares), read_at);
    return word_shares_.Stale();
}

Result<registry::PeopleFound> RegistryStore::FindPeopleNow(const Scope& s, const registry::PeopleQuery& q,
                                                           const std::vector<std::string>& exact) {
    registry::PeopleFound found;
    Params p;
    const bool by_name = q.national_id_hash.empty() && q.phones.empty();
    const std::string cte = by_name ? WindowCte(s, {q.tokens, exact}, q.village_id, p) : "";
    const char* key = HouseholdKey(db_.dialect());
    std::string sql = cte +
                      "SELECT COALESCE(r.id, ''), COALESCE(r.full_name, ''), r.birth_year, h.id, h.name, h.village_id, "
                      "h.area_path" +
                      (cte.empty() ? "" : ", (SELECT count(*) FROM w)") +
                      " FROM households h LEFT JOIN residents r ON r.commune_id = h.commune_id AND r.household_id = "
                      "h.id WHERE ";
    sql += InScope(s, "h.area_path", p);
    if (!q.village_id.empty()) {
        sql += " AND h.village_id = ?";
        p.emplace_back(q.village_id);
    }
    if (!by_name) {
        if (!q.national_id_hash.empty()) {
            sql += " AND r.national_id_hash = ?";
            p.emplace_back(q.national_id_hash);
        } else {
            sql += " AND r.phone IN (?, ?)";
            p.emplace_back(q.phones.at(0));
            p.emplace_back(q.phones.size() > 1 ? q.phones[1] : q.phones[0]);
        }
        sql += " ORDER BY h.name_folded, h.id, r.created_at, r.id LIMIT ?";
        p.emplace_back(int64_t{q.limit});
    } else {
        // The households first (those of the match window, or the name index), then every person
        // in them: the caller picks who carries the words.
        std::string households;
        if (!cte.empty() && NamedWindow()) {
            households = "SELECT w.k FROM w ORDER BY w.name, w.k LIMIT ?";
        } else {
            households = "SELECT h.id FROM households h WHERE ";
            households += cte.empty() ? "" : std::string("h.") + key + " IN (SELECT k FROM w) AND ";
            households += InScope(s, "h.area_path", p);
            if (!q.village_id.empty()) {
                households += " AND h.village_id = ?";
                p.emplace_back(q.village_id);
            }
            if (cte.empty()) households += " AND " + NameSearchClause(db_.dialect(), q.tokens, s, p);
            households += " ORDER BY h.name_folded, h.id LIMIT ?";
        }
        p.emplace_back(int64_t{q.limit});
        sql += " AND h.id IN (" + households + ")";
        sql += " ORDER BY h.name_folded, h.id, r.created_at, r.id";
    }
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    if (!cte.empty() && !rows.empty()) found.too_many = rows.front().Int(kPersonColCount) > match_window_;
    auto& out = found.people;
    for (const auto& row : rows) {
        registry::PersonMatch m;
        m.resident_id = row.Text(0);
        m.full_name = row.Text(1);
        if (!row.IsNull(2)) m.birth_year = row.Int(2);
        m.household_id = row.Text(3);
        m.household_name = row.Text(4);
        m.village_id = row.Text(5);
        m.area_path = row.Text(6);
        out.push_back(std::move(m));
    }
    return found;
}

Result<registry::HouseholdPage> RegistryStore::ListHouseholds(const Scope& s, const registry::HouseholdQuery& q,
                                                              const std::vector<std::string>& tokens) {
    if (tokens.empty()) return ListHouseholdsNow(s, q, {});
    return WithPlansForItsValues<registry::HouseholdPage>([&]() -> Result<registry::HouseholdPage> {
        CAUNOI_ASSIGN(auto terms, NameTerms(tokens));
        return ListHouseholdsNow(s, q, terms);
    });
}

Result<registry::HouseholdPage> RegistryStore::ListHouseholdsNow(const Scope& s, const registry::HouseholdQuery& q,
                                                                 const NameSearchTerms& terms) {
    const auto& tokens = terms.terms;
    std::optional<std::pair<std::string, std::string>> after;
    if (!q.after.empty()) {
        CAUNOI_ASSIGN(after, ParseCursor(q.after));
    }
    // The village and page-cursor conditions, on households `h`.
    auto narrow = [&](Params& p) {
        std::string sql;
        if (!q.village_id.empty()) {
            sql += " AND h.village_id = ?";
            p.emplace_back(q.village_id);
        }
        if (after) {
            sql += " AND (h.name_folded, h.id) > (?, ?)";
            p.emplace_back(after->first);
            p.emplace_back(after->second);
        }
        return sql;
    };
    const std::string commune = CommuneOfScope(s);
    if (db_.dialect() == Dialect::kPostgres && !tokens.empty() && !commune.empty()) {
        // A name search inside one commune on PostgreSQL: walk the commune's households in name
        // order (an index) and test each, at most search_window_ of them. Common names, most
        // searches, fill the page after a few dozen rows, without reading every match in the
        // commune; when the window does not fill the page, the search index (GIN) answers below.
        // The walk stays lazy: the outer ORDER BY is the window's own order, so no sort pulls it.
        Params p{commune};
        std::string sql =
            std::string("SELECT ") + kHouseholdCols + " FROM (SELECT * FROM households h WHERE h.commune_id = ?";
        sql += narrow(p);
        sql += " ORDER BY h.name_folded, h.id LIMIT ?) h WHERE ";
        p.emplace_back(search_window_);
        sql += InScope(s, "h.area_path", p);
        sql += " AND " + NameSearchClause(db_.dialect(), tokens, s, p);
        sql += " ORDER BY h.name_folded, h.id LIMIT ?";
        p.emplace_back(int64_t{q.limit + 1});
        CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
        if (static_cast<int>(rows.size()) > q.limit) {
            auto out = PageOf(rows, q.limit);
            CAUNOI_ASSIGN(out.too_many, TooMany(s, terms, q.village_id));
            return out;
        }
    }
    // The page's households are picked first, then only they get their columns (a resident count
    // each): SQLite computes a row's columns before it sorts, so a common name over the whole
    // province would otherwise count the residents of every one of its thousands of matches.
    // A name search takes its households from the match window, counted once in the same query.
    Params p;
    const std::string cte = WindowCte(s, terms, q.village_id, p);
    const char* key = HouseholdKey(db_.dialect());
    std::string page;
    if (!cte.empty() && NamedWindow()) {
        page = "SELECT w.k FROM w";
        if (after) {
            page += " WHERE (w.name, w.k) > (?, ?)";
            p.emplace_back(after->first);
            p.emplace_back(after->second);
        }
        page += " ORDER BY w.name, w.k LIMIT ?";
    } else {
        page = std::string("SELECT h.") + key + " FROM households h WHERE ";
        page += cte.empty() ? "" : std::string("h.") + key + " IN (SELECT k FROM w) AND ";
        page += InScope(s, "h.area_path", p);
        page += narrow(p);
        if (!tokens.empty() && cte.empty()) page += " AND " + NameSearchClause(db_.dialect(), tokens, s, p);
        page += " ORDER BY h.name_folded, h.id LIMIT ?";
    }
    p.emplace_back(int64_t{q.limit + 1});
    const std::string sql = cte + "SELECT " + kHouseholdCols + (cte.empty() ? "" : ", (SELECT count(*) FROM w)") +
                            " FROM households h WHERE h." + key + " IN (" + page + ") ORDER BY h.name_folded, h.id";
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    auto out = PageOf(rows, q.limit);
    if (!cte.empty() && !rows.empty()) out.too_many = rows.front().Int(kHouseholdColCount) > match_window_;
    if (!cte.empty() && rows.empty()) {
        // Nothing after the cursor: the count is not in any row (on PostgreSQL the pages before
        // may have come from the walk in name order, past the window's last name).
        CAUNOI_ASSIGN(out.too_many, TooMany(s, terms, q.village_id));
    }
    return out;
}

std::string RegistryStore::WindowCte(const Scope& s, const NameSearchTerms& terms, const std::string& village_id,
                                     Params& p) {
    auto window = NameMatchWindow(db_.dialect(), terms.terms, terms.exact, s, village_id, match_window_, p);
    return window ? std::string("WITH w(k") + (NamedWindow() ? ", name" : "") + ") AS MATERIALIZED (" + *window + ") "
                  : "";
}

Result<bool> RegistryStore::TooMany(const Scope& s, const NameSearchTerms& terms, const std::string& village_id) {
    Params p;
    auto window = NameMatchWindow(db_.dialect(), terms.terms, terms.exact, s, village_id, match_window_, p);
    if (!window) return false;
    CAUNOI_ASSIGN(auto n, db_.QueryOne("SELECT count(*) FROM (" + *window + ") w", p));
    return n.Int(0) > match_window_;
}

Status RegistryStore::InsertHousehold(const Household& h) {
    Evict(h.id);
    return InsertAndRecord("household", h.id, [&] {
        return db_.Exec(
            "INSERT INTO households (commune_id, id, village_id, area_path, name, name_folded, address, broadband, "
            "consent_by, consent_at, consent_purposes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, "
            "?, ?)",
            {CommuneOf(h.area_path), h.id, h.village_id, h.area_path, h.name, text::Fold(h.name), TextOrNull(h.address),
             TextOrNull(h.broadband), h.consent.by, h.consent.at, h.consent.purposes, h.created_at, h.updated_at});
    });
}

Status RegistryStore::InsertAndRecord(std::string_view kind, const std::string& id,
                                      const std::function<Status()>& insert) {
    if (!deferred_changes_) return WriteAndRecord(db_, kind, id, Write::kInsert, insert);
    CAUNOI_TRY(insert());
    deferred_changes_->emplace_back(kind, id);
    return {};
}

Status RegistryStore::WriteChanges() {
    auto records = std::move(deferred_changes_).value_or(std::vector<std::pair<std::string, std::string>>{});
    deferred_changes_.reset();
    return RecordInserted(db_, records);
}

Status RegistryStore::UpdateHousehold(const Household& h) {
    Evict(h.id);
    return WriteAndRecord(db_, "household", h.id, Write::kUpdate, [&] {
        return db_.Exec(
            "UPDATE households SET name = ?, name_folded = ?, address = ?, broadband = ?, updated_at = ? WHERE id = ?",
            {h.name, text::Fold(h.name), TextOrNull(h.address), TextOrNull(h.broadband), h.updated_at, h.id});
    });
}

Result<Resident> RegistryStore::FindResident(const Scope& s, const std::string& id) {
    Params p{id};
    std::string sql =
        std::string("SELECT ") + kResidentCols + " FROM residents WHERE id = ? AND " + InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(sql, p));
    return ResidentFrom(row);
}

Result<std::vector<Resident>> RegistryStore::ListResidents(const Scope& s, const std::string& household_id) {
    Params p{household_id};
    std::string sql = std::string("SELECT ") + kResidentCols + " FROM residents WHERE household_id = ? AND " +
                      InScope(s, "area_path", p) + " ORDER BY birth_year, id";
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<Resident> out;
    for (const auto& r : rows) out.push_back(ResidentFrom(r));
    return out;
}

Result<std::vector<registry::Member>> RegistryStore::ListMembers(const Scope& s, const std::string& household_id) {
    Params p{household_id};
    std::string sql =
        "SELECT id, phone_kind, skill_public_services, skill_shopping, skill_payment, skill_safety, "
        "skill_local_platforms FROM residents WHERE household_id = ? AND " +
        InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<registry::Member> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        registry::Member m{r.Text(0), r.Text(1), {}};
        for (size_t i = 0; i < m.skills.size(); ++i) m.skills[i] = static_cast<int>(r.Int(2 + i));
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

// `ids` once each, sorted: an id named twice, in two chunks, would be read twice.
std::vector<std::string> Distinct(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace

Result<std::vector<registry::HouseholdMembers>> RegistryStore::ListHouseholdMembers(
    const Scope& s, const std::vector<std::string>& household_ids, const std::vector<std::string>& resident_ids) {
    // One statement shape for any number of ids: chunks of a fixed size, the last one padded.
    constexpr size_t kChunk = 100;
    std::vector<registry::HouseholdMembers> out;
    std::map<std::string, size_t, std::less<>> at;
    Params head;
    std::string sql = "SELECT id, village_id, area_path FROM households WHERE " + InScope(s, "area_path", head) +
                      " AND id IN (" + Placeholders(kChunk) + ")";
    CAUNOI_TRY(ForEachChunk(Distinct(household_ids), kChunk, head, [&](const Params& p) -> Status {
        CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
        for (const auto& r : rows) {
            at.emplace(r.Text(0), out.size());
            out.push_back({r.Text(0), r.Text(1), r.Text(2), {}, false});
        }
        return Status{};
    }));
    head.clear();
    sql =
        "SELECT household_id, id, phone_kind, skill_public_services, skill_shopping, skill_payment, skill_safety, "
        "skill_local_platforms FROM residents WHERE " +
        InScope(s, "area_path", head) + " AND id IN (" + Placeholders(kChunk) + ")";
    CAUNOI_TRY(ForEachChunk(Distinct(resident_ids), kChunk, head, [&](const Params& p) -> Status {
        CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
        for (const auto& r : rows) {
            auto it = at.find(r.Text(0));
            if (it == at.end()) continue;  // a resident of a household not read here
            registry::Member m{r.Text(1), r.Text(2), {}};
            for (size_t i = 0; i < m.skills.size(); ++i) m.skills[i] = static_cast<int>(r.Int(3 + i));
            out[it->second].members.push_back(std::move(m));
        }
        return Status{};
    }));
    return out;
}

Status RegistryStore::InsertResident(const Resident& r) {
    Evict(r.household_id);  // its resident count changes
    Params p = ResidentValues(r);
    p.insert(p.end() - 1, r.created_at);
    p.emplace_back(CommuneOf(r.area_path));
    return InsertAndRecord("resident", r.id, [&] {
        return db_.Exec(
            "INSERT INTO residents (household_id, area_path, full_name, name_folded, birth_year, sex, phone, "
            "phone_kind, "
            "language, ethnicity, vneid_level, portal_account, payment_account, skill_public_services, skill_shopping, "
            "skill_payment, skill_safety, skill_local_platforms, national_id_hash, national_id_last4, consent_by, "
            "consent_at, consent_purposes, updated_at, created_at, id, commune_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            p);
    });
}

Status RegistryStore::UpdateResident(const Resident& r) {
    Evict(r.household_id);
    // It writes the area: a resident may move.
    return WriteAndRecord(db_, "resident", r.id, Write::kMove, [&] {
        return db_.Exec(
            "UPDATE residents SET household_id = ?, area_path = ?, full_name = ?, name_folded = ?, birth_year = ?, "
            "sex = ?, phone = ?, phone_kind = ?, language = ?, ethnicity = ?, vneid_level = ?, portal_account = ?, "
            "payment_account = ?, skill_public_services = ?, skill_shopping = ?, skill_payment = ?, skill_safety = ?, "
            "skill_local_platforms = ?, national_id_hash = ?, national_id_last4 = ?, consent_by = ?, consent_at = ?, "
            "consent_purposes = ?, updated_at = ? WHERE id = ?",
            ResidentValues(r));
    });
}

Status RegistryStore::DeleteHousehold(const std::string& id) {
    Evict(id);
    return WriteAndRecord(db_, "household", id, Write::kDelete,
                          [&] { return db_.Exec("DELETE FROM households WHERE id = ?", {id}); });
}

Status RegistryStore::DeleteResident(const Resident& r) {
    Evict(r.household_id);
    return WriteAndRecord(db_, "resident", r.id, Write::kDelete,
                          [&] { return db_.Exec("DELETE FROM residents WHERE id = ?", {r.id}); });
}

Status RegistryStore::InsertSkillEvent(const Resident& r, int skill, int from, int to, int64_t at) {
    return db_.Exec(
        "INSERT INTO skill_events (commune_id, resident_id, skill, from_level, to_level, at) VALUES (?, ?, ?, ?, ?, ?)",
        {CommuneOf(r.area_path), r.id, std::string(registry::kSkills.at(skill).key), int64_t{from}, int64_t{to}, at});
}

Status RegistryStore::InsertConsentEvent(const registry::ConsentEvent& e) {
    return db_.Exec(
        "INSERT INTO consent_events (commune_id, id, resident_id, area_path, at, by_user, purposes, change) VALUES (?, "
        "?, "
        "?, ?, ?, ?, ?, ?)",
        {CommuneOf(e.area_path), e.id, e.resident_id, e.area_path, e.at, e.by_user, e.purposes, e.change});
}

Result<std::vector<registry::ConsentEvent>> RegistryStore::ConsentHistory(const std::string& resident_id) {
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT c.id, c.resident_id, c.area_path, c.at, c.by_user, COALESCE(u.display_name, "
                            "''), c.purposes, c.change FROM consent_events c LEFT JOIN users u ON u.id = "
                            "c.by_user WHERE c.resident_id = ? ORDER BY c.at, c.id",
                            {resident_id}));
    std::vector<registry::ConsentEvent> out;
    for (const auto& r : rows)
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
    return out;
}

Status DeferSearch(Database& db) { return db.Exec("INSERT INTO search_deferred (one) VALUES (1)"); }

Status WriteSearch(Database& db, const std::vector<std::string>& household_ids) {
    constexpr size_t kChunk = 100;
    const std::string in = Placeholders(kChunk);
    const std::string sql =
        db.dialect() == Dialect::kSqlite
            ? "INSERT INTO household_fts(rowid, names, scope) SELECT seq, names, scope FROM household_search_doc "
              "WHERE id IN (" +
                  in + ")"  // V007, V036: none of them has a document yet
            : "UPDATE households SET search = caunoi_household_search(id) WHERE id IN (" + in + ")";  // V011
    CAUNOI_TRY(ForEachChunk(household_ids, kChunk, {}, [&](const Params& p) { return db.Exec(sql, p); }));
    return db.Exec("DELETE FROM search_deferred");
}

Status RegistryStore::DeferSearch() { return storage::DeferSearch(db_); }

Status RegistryStore::WriteSearch(const std::vector<std::string>& household_ids) {
    return storage::WriteSearch(db_, household_ids);
}

}  // namespace caunoi::storage
