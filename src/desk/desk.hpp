// The one-stop desk at the commune centre ("một điểm đến – đa hỗ trợ"): numbered tickets by
// need, "call next" (two desks calling at once never get the same ticket: the repository takes
// the next ticket in one atomic statement), serve, close, and the figures the commune reports:
// waiting time, serving time, and returns (the same person back for the same need within 30 days).
// Scope: a commune officer's commune. Thread-safety: one thread (as the repository).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "core/vocabulary.hpp"
#include "fieldwork/fieldwork.hpp"

namespace caunoi::desk {

// What a person came to the desk for.
inline constexpr Term kNeeds[] = {{"procedure", N_("Administrative procedure")},
                                  {"digital_help", N_("Digital help")},
                                  {"question", N_("Question or look-up")}};

// Where a desk ticket is: waiting -> called -> serving -> closed, or called -> no_show.
enum class TicketStatus { kWaiting, kCalled, kServing, kClosed, kNoShow };
inline constexpr Term kTicketStatusTerms[] = {{"waiting", N_("waiting")},
                                              {"called", N_("called")},
                                              {"serving", N_("serving")},
                                              {"closed", N_("closed")},
                                              {"no_show", N_("Not here")}};
inline constexpr EnumVocabulary<TicketStatus> kTicketStatuses{kTicketStatusTerms};

struct Ticket {
    std::string id;
    std::string commune_id;
    std::string area_path;
    std::string day;
    int number = 0;
    std::string need;
    std::string resident_id;
    TicketStatus status = TicketStatus::kWaiting;
    std::string desk;
    int64_t issued_at = 0, called_at = 0, served_at = 0, closed_at = 0;
    std::string called_by;
    std::string session_id;
    std::string household_id;  // of the resident, filled by queries
};

struct Stats {
    int tickets = 0;
    int served = 0;
    int waiting_now = 0;
    int64_t avg_wait_seconds = 0;   // issued -> called
    int64_t avg_serve_seconds = 0;  // serving -> closed
    int returns = 0;                // tickets whose resident came for the same need in the 30 days before
};

class DeskRepository {
  public:
    virtual ~DeskRepository() = default;
    // Inserts with the next number of the commune's day; returns the ticket as stored.
    virtual Result<Ticket> Issue(const Ticket& t) = 0;
    // Atomically marks the oldest waiting ticket of the commune as called; NotFound if none.
    virtual Result<Ticket> CallNext(const std::string& commune_id, const std::string& desk, const std::string& by,
                                    int64_t at) = 0;
    virtual Result<Ticket> Find(const Scope& s, const std::string& id) = 0;
    // Moves a ticket from one of `from` statuses to `to`, stamping the time; Conflict if it moved meanwhile.
    virtual Status Transition(const std::string& id, const std::vector<TicketStatus>& from, TicketStatus to,
                              int64_t at) = 0;
    virtual Status LinkSession(const std::string& ticket_id, const std::string& session_id) = 0;
    // Today's waiting and called tickets of the commune, oldest first.
    virtual Result<std::vector<Ticket>> Open(const std::string& commune_id, const std::string& day) = 0;
    virtual Result<std::vector<Ticket>> Since(const std::string& commune_id, int64_t since) = 0;
    virtual Result<bool> ResidentInScope(const Scope& s, const std::string& resident_id) = 0;
};

// The commune a desk actor works for: the commune of an officer's scope. Forbidden otherwise.
Result<std::string> DeskCommune(const Actor& a);
// "YYYY-MM-DD" of `at` in Asia/Ho_Chi_Minh.
std::string LocalDay(int64_t at);
// Figures over `tickets` (any order). Pure.
Stats ComputeStats(const std::vector<Ticket>& tickets, int64_t from);

class DeskService {
  public:
    DeskService(DeskRepository& repo, Transactions& tx, fieldwork::FieldworkService& fieldwork, audit::AuditLog& audit,
                const Clock& clock)
        : repo_(repo), tx_(tx), fieldwork_(fieldwork), audit_(audit), clock_(clock) {}
    // Fields: need, resident_id (optional).
    Result<Ticket> Issue(const Actor& a, const Fields& f);
    // Fields: desk (a label such as "Quầy 1").
    Result<Ticket> CallNext(const Actor& a, const Fields& f);
    Result<Ticket> Serve(const Actor& a, const std::string& id);
    Result<Ticket> Close(const Actor& a, const std::string& id);
    Result<Ticket> NoShow(const Actor& a, const std::string& id);
    Result<std::vector<Ticket>> Queue(const Actor& a);
    Result<Ticket> Get(const Actor& a, const std::string& id);
    // Public display: numbers only, no personal data. NotFound for an unknown commune.
    Result<std::vector<Ticket>> Display(const std::string& commune_id);
    Result<Stats> Figures(const Actor& a, int days);
    Status LinkSession(const Actor& a, const std::string& ticket_id, const std::string& session_id);
    // Records a support session (fields as FieldworkService::RecordSession). With a `ticket`
    // field, the help given for that desk ticket: channel commune_desk, and the ticket linked to
    // the session in the same transaction (neither is stored without the other).
    Result<std::pair<fieldwork::SupportSession, std::vector<fieldwork::Task>>> RecordSession(const Actor& a,
                                                                                             const Fields& f);

  private:
    Result<Ticket> Move(const Actor& a, const std::string& id, const std::vector<TicketStatus>& from, TicketStatus to);
    DeskRepository& repo_;
    Transactions& tx_;
    fieldwork::FieldworkService& fieldwork_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace caunoi::desk
