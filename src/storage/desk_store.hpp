// The commune desk's tickets (SQL implementation of desk::DeskRepository), over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "desk/desk.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class DeskStore final : public desk::DeskRepository {
  public:
    explicit DeskStore(Database& db) : db_(db) {}
    Result<desk::Ticket> Issue(const desk::Ticket& t) override;
    Result<desk::Ticket> CallNext(const std::string& commune_id, const std::string& desk, const std::string& by,
                                  int64_t at) override;
    Result<desk::Ticket> Find(const Scope& s, const std::string& id) override;
    Status Transition(const std::string& id, const std::vector<desk::TicketStatus>& from, desk::TicketStatus to,
                      int64_t at) override;
    Status LinkSession(const std::string& ticket_id, const std::string& session_id) override;
    Result<std::vector<desk::Ticket>> Open(const std::string& commune_id, const std::string& day) override;
    Result<std::vector<desk::Ticket>> Since(const std::string& commune_id, int64_t since) override;
    Result<bool> ResidentInScope(const Scope& s, const std::string& resident_id) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
