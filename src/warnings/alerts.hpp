// Alerts received as CAP 1.2 (issue 17, item 2): taken once per sender and identifier, an Update
// or Cancel superseding what it refers to, refused with a reason when it cannot be right. Only
// stored here: reaching anyone is the fan-out's work, which sends only Actual alerts to residents
// and Exercise ones to staff. Thread-safety: one thread (as the repository).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "warnings/cap.hpp"

namespace caunoi::warnings {

struct StoredAlert {
    std::string id;  // ours (a ULID)
    std::string sender, identifier;
    int64_t sent = 0;
    std::string status, msg_type;
    int64_t expires = 0;  // the latest of its info blocks' expiry, 0 = none given
    int64_t received_at = 0;
    std::string superseded_by;          // the Update or Cancel that replaced it
    std::vector<std::string> communes;  // official codes named by its geocodes
};

class AlertRepository {
  public:
    virtual ~AlertRepository() = default;
    // NotFound if no alert of that sender has that identifier.
    virtual Result<StoredAlert> FindByKey(const std::string& sender, const std::string& identifier) = 0;
    // Conflict if the sender and identifier are taken (another process took it first).
    virtual Status Insert(const StoredAlert& a, const std::string& xml) = 0;
    virtual Status Supersede(const std::string& id, const std::string& by) = 0;
    // Not superseded, not expired at `now`, newest first.
    virtual Result<std::vector<StoredAlert>> InForce(int64_t now, int limit) = 0;
};

struct Imported {
    StoredAlert alert;
    bool duplicate = false;  // the same sender and identifier came before: nothing changed
};

class AlertService {
  public:
    // `known_commune`: whether an official commune code is one of ours.
    AlertService(AlertRepository& repo, Transactions& tx, const Clock& clock,
                 std::function<bool(const std::string&)> known_commune)
        : repo_(repo), tx_(tx), clock_(clock), known_commune_(std::move(known_commune)) {}

    // Reads `xml` (ParseCap) and keeps it. Refused (Invalid, naming the element) besides what CAP
    // forbids: expired, sent more than a day ahead, a geocode "commune" we do not know, an Update
    // or Cancel that refers to an alert we never received.
    Result<Imported> Import(const std::string& xml);
    Result<std::vector<StoredAlert>> InForce(int limit) { return repo_.InForce(clock_.NowSeconds(), limit); }

  private:
    AlertRepository& repo_;
    Transactions& tx_;
    const Clock& clock_;
    std::function<bool(const std::string&)> known_commune_;
};

}  // namespace caunoi::warnings
