// Indicators per area and month against the national targets (issue 22; docs/indicators.md).
//
// Figures are kept per commune and village in the database and recounted per commune: every write
// to a counted table marks its commune in the writing transaction (database triggers), and
// Refresh() recounts the marked communes: it clears a commune's mark, counts, and replaces its
// figures; a write after the mark was cleared marks it again for the next round. A page reads kept figures (a few
// thousand rows for the whole province), never the millions of rows they count. Check() recounts every commune without
// writing and lists where the kept figures differ.
//
// Reading follows area visibility (an actor sees the areas in scope and their ancestors);
// exports need the area inside the scope; the named list of residents not reached needs the
// village inside the scope and is audited. Thread-safety: one thread (as the repository).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "area/area.hpp"
#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "indicators/definitions.hpp"
#include "indicators/month.hpp"
#include "indicators/reach.hpp"

namespace caunoi::indicators {

// One kept figure: `num` out of `den` for `key` in an area (a village's, a commune's or the
// province's id) and a month.
struct Figure {
    std::string commune_id;
    std::string area_id;
    Month month = 0;
    std::string key;
    int64_t num = 0, den = 0;
    bool operator==(const Figure&) const = default;
};
using Figures = std::vector<Figure>;

// A resident no channel reaches, for the team to visit.
struct UnreachedResident {
    std::string resident_id, full_name, household_id, household_name;
    std::optional<int64_t> birth_year;
    std::string phone_kind, language;
    std::string area_path;
};

// A span of months, checked: not reversed, not after the current month, at most kMaxMonths.
// `trend`, when not empty, narrows the months before `to` to those keys (a page's trend lines),
// so a province page reads thousands of figures, not every figure of a year.
struct Period {
    Month from = 0, to = 0;
    std::vector<std::string> trend;
};
// A child area to draw and list: communes of the province (placed at their villages' mean
// coordinates), villages of a commune.
struct Place {
    std::string id, name, path;
    std::optional<double> lat, lon;
};

// Record-level rows for analysts, before pseudonymisation: `personal` lists the columns holding a
// resident's, household's, session's or dossier's id, each replaced by a keyed pseudonym.
struct RecordTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<size_t> personal;
};
inline constexpr const char* kRecordKinds[] = {"residents", "sessions", "dossiers"};

class IndicatorRepository {
  public:
    virtual ~IndicatorRepository() = default;
    // Marks every commune not yet recounted in `month` (a new month keeps its own status figures).
    virtual Status MarkStale(Month month) = 0;
    virtual Result<std::vector<std::string>> Marked(size_t limit) = 0;
    // Counts the commune afresh. With `keep`: claims it (clears its mark), counts outside any write
    // transaction, and replaces its kept figures (status: `month`'s; events: every month) unless a
    // newer recount began meanwhile; a commune another refresher claimed first is skipped. `now`
    // fixes ages and the last 90 days.
    virtual Result<Figures> Count(const std::string& commune_id, Month month, int64_t now, bool keep) = 0;
    // Kept figures of a commune: status figures of `month` and every event figure.
    virtual Result<Figures> Kept(const std::string& commune_id, Month month) = 0;
    // Commune-level figures of every commune in the period (Period::trend applies).
    virtual Result<Figures> CommuneLevel(const Period& p) = 0;
    // Every figure of one commune (its villages and itself) in the period (Period::trend applies).
    virtual Result<Figures> InCommune(const std::string& commune_id, const Period& p) = 0;
    virtual Result<std::vector<std::string>> Communes() = 0;
    virtual Result<int64_t> LastRecount() = 0;
    // Changes whenever any commune's kept figures may have: every recount claims its commune.
    virtual Result<std::string> FiguresVersion() = 0;
    virtual Result<std::vector<Place>> Places(const std::string& parent_id) = 0;
    // A commune's records of `kind` (kRecordKinds) without names, phones, ID fragments or
    // ethnicity; birth years as age bands at `year`, times as months.
    virtual Result<RecordTable> Records(const std::string& commune_path, const std::string& kind,
                                        int year) = 0;  // epoch of the latest recount, 0 if none
    // The residents of a village (inside `scope`) that no channel reaches at `now`.
    virtual Result<std::vector<UnreachedResident>> Unreached(const Scope& scope, const std::string& village_id,
                                                             int64_t now) = 0;
};

inline constexpr int kMaxMonths = 60;
// Empty texts: the last 12 months up to `now`'s month. Errors are Invalid on field "from" or "to".
Result<Period> MakePeriod(const std::string& from, const std::string& to, int64_t now);

struct Mismatch {
    Figure kept, counted;  // a side absent: its num and den are 0
};

class IndicatorService {
  public:
    IndicatorService(IndicatorRepository& repo, area::AreaRepository& areas, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), areas_(areas), audit_(audit), clock_(clock) {}

    // Recounts the marked communes (all of them once in a new month); stops early at `stop`.
    // Returns how many were recounted.
    Result<int> Refresh(const std::atomic<bool>* stop = nullptr);
    // Refreshes, then recounts every commune without writing and compares with the kept figures.
    Result<std::vector<Mismatch>> Check();

    // An area's figures: the area must be visible to `a`. Province ("40"): commune-level figures
    // of every commune; commune: its own and its villages'; village: its own.
    Result<Figures> ForArea(const Actor& a, const area::Area& area, const Period& p);
    // The same for an export: the area must lie inside `a`'s scope.
    Result<Figures> ForExport(const Actor& a, const area::Area& area, const Period& p);
    Result<std::vector<UnreachedResident>> Unreached(const Actor& a, const area::Area& village);
    // A commune's records for analysts, pseudonymised with `key` (the same id gives the same
    // pseudonym under the same key). Province admins only; audited.
    Result<RecordTable> Pseudonymised(const Actor& a, const area::Area& commune, const std::string& kind,
                                      const std::string& key);
    Result<int64_t> LastRecount() { return repo_.LastRecount(); }
    // The children of a visible area, every one of them (names and places hold nothing personal).
    Result<std::vector<Place>> Children(const Actor& a, const area::Area& parent);
    Month CurrentMonth() const { return MonthOfEpoch(clock_.NowSeconds()); }

  private:
    IndicatorRepository& repo_;
    area::AreaRepository& areas_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    // The province's figures of the last period asked, while no recount has happened since: the
    // province page sums 130 communes' figures, the same for every reader until the next recount.
    struct ProvinceCache {
        std::string key;
        Figures figures;
    };
    std::mutex cache_mutex_;
    ProvinceCache province_cache_;
};

// Adds to commune-level figures their sums by (month, key) as the figures of `province_id`.
Figures SumToProvince(const Figures& communes, const std::string& province_id);

// Figures found by area, month and key (num = den = 0 when absent; of two with the same, the
// later in `f`). A page builds one over the province's 20,000 figures for every view: they are
// kept with their positions sorted, no copy of a key (a std::map of copied keys took most of the
// province page's 26 ms of CPU).
class FigureIndex {
  public:
    explicit FigureIndex(Figures f);
    Figure Get(const std::string& area_id, Month month, const std::string& key) const;
    const Figures& all() const { return figures_; }

  private:
    Figures figures_;
    std::vector<uint32_t> order_;  // positions in figures_, by (month, area, key), stable
};

}  // namespace caunoi::indicators
