// Whose personal data an account or a time window exposed, read from the audit log: the helper
// for a data-breach notification (Decree 13/2023/NĐ-CP, art. 23: within 72 hours), run as
// `caunoi audit exposed` (docs/operations.md, "A data breach").
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace caunoi::audit {

// What to look for: the entries of one account (empty: any), between two instants.
struct ExposureQuery {
    std::string user_id;
    int64_t from = 0;                                        // epoch seconds, inclusive
    int64_t to = std::numeric_limits<int64_t>::max();        // exclusive
};

// One audit entry touching one person (a household's entry touches each of its residents).
struct ExposureEvent {
    std::string resident_id;
    std::string name, phone, village, commune;  // empty once the person's record was erased
    std::string account;                          // the login that read or changed it
    std::string action;                           // view | create | update | delete
    std::string how;                              // the entry's detail (search, sync, household list …)
    int64_t at = 0;
};

struct ExposedPerson {
    std::string resident_id, name, phone, village, commune;
    bool erased = false;  // the record is gone (erasure on request): only its id is known
    int64_t first_at = 0, last_at = 0;
    int reads = 0, changes = 0;
    std::set<std::string> accounts, ways;
};

// One line per person, ordered by commune, village and name (erased records last).
std::vector<ExposedPerson> Summarise(const std::vector<ExposureEvent>& events);

}  // namespace caunoi::audit
