#include "storage/desk_store.hpp"

#include "desk/desk.hpp"
#include "storage/dialect.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

constexpr const char* kCols =
    "id, commune_id, area_path, day, number, need, COALESCE(resident_id, ''), status, COALESCE(desk, ''), issued_at, "
    "COALESCE(called_at, 0), COALESCE(served_at, 0), COALESCE(closed_at, 0), COALESCE(called_by, ''), "
    "COALESCE(session_id, ''), "
    "COALESCE((SELECT r.household_id FROM residents r WHERE r.commune_id = desk_tickets.commune_id AND "
    "r.id = desk_tickets.resident_id), '')";

desk::Ticket FromRow(const Row& r) {
    desk::Ticket t;
    t.id = r.Text(0);
    t.commune_id = r.Text(1);
    t.area_path = r.Text(2);
    t.day = r.Text(3);
    t.number = static_cast<int>(r.Int(4));
    t.need = r.Text(5);
    t.resident_id = r.Text(6);
    // The table's CHECK admits only kTicketStatuses.
    t.status = desk::kTicketStatuses.Parse(r.Text(7)).value_or(desk::TicketStatus::kClosed);
    t.desk = r.Text(8);
    t.issued_at = r.Int(9);
    t.called_at = r.Int(10);
    t.served_at = r.Int(11);
    t.closed_at = r.Int(12);
    t.called_by = r.Text(13);
    t.session_id = r.Text(14);
    t.household_id = r.Text(15);
    return t;
}

std::vector<desk::Ticket> FromRows(const Rows& rows) {
    std::vector<desk::Ticket> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

}  // namespace

Result<desk::Ticket> DeskStore::Issue(const desk::Ticket& t) {
    // The number is taken inside the insert; the UNIQUE (commune, day, number) constraint stops
    // two processes that computed the same number at once, and the loser takes the next one.
    const std::string sql =
        std::string(
            "INSERT INTO desk_tickets (id, commune_id, area_path, day, number, need, resident_id, issued_at) "
            "SELECT ?, ?, ?, ?, COALESCE(MAX(number), 0) + 1, ?, ?, ? FROM desk_tickets WHERE commune_id = ? "
            "AND day = ? RETURNING ") +
        kCols;
    for (int attempt = 0;; ++attempt) {
        auto row = db_.QueryOne(sql, {t.id, t.commune_id, t.area_path, t.day, t.need, TextOrNull(t.resident_id),
                                      t.issued_at, t.commune_id, t.day});
        if (row.ok()) return FromRow(*row);
        if (row.error().code != ErrorCode::kConflict || attempt == 20) return row.error();
    }
}

Result<desk::Ticket> DeskStore::CallNext(const std::string& commune_id, const std::string& desk, const std::string& by,
                                         int64_t at) {
    // One statement picks and claims the ticket: a second caller finds it no longer waiting.
    CAUNOI_ASSIGN(auto row,
                  db_.QueryOne(std::string("UPDATE desk_tickets SET status = 'called', desk = ?, called_by = ?, "
                                           "called_at = ? WHERE status = 'waiting' AND id = (SELECT id FROM "
                                           "desk_tickets WHERE commune_id = ? AND day = ? AND status = "
                                           "'waiting' ORDER BY seq LIMIT 1") +
                                   SkipLocked(db_.dialect()) + ") RETURNING " + kCols,
                               {TextOrNull(desk), by, at, commune_id, desk::LocalDay(at)}));
    return FromRow(row);
}

Result<desk::Ticket> DeskStore::Find(const Scope& s, const std::string& id) {
    Params p{id};
    std::string where = InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto row,
                  db_.QueryOne(std::string("SELECT ") + kCols + " FROM desk_tickets WHERE id = ? AND " + where, p));
    return FromRow(row);
}

Status DeskStore::Transition(const std::string& id, const std::vector<desk::TicketStatus>& from, desk::TicketStatus to,
                             int64_t at) {
    std::string stamp = to == desk::TicketStatus::kServing ? "served_at" : "closed_at";  // fixed names, never input
    std::string in;
    Params p{std::string(desk::kTicketStatuses.Name(to)), at, id};
    for (auto f : from) {
        in += (in.empty() ? "?" : ", ?");
        p.emplace_back(std::string(desk::kTicketStatuses.Name(f)));
    }
    CAUNOI_TRY(
        db_.Exec("UPDATE desk_tickets SET status = ?, " + stamp + " = ? WHERE id = ? AND status IN (" + in + ")", p));
    if (db_.Changes() != 1) return Error::Conflict("the ticket is no longer in a state that allows this");
    return {};
}

Status DeskStore::LinkSession(const std::string& ticket_id, const std::string& session_id) {
    return db_.Exec("UPDATE desk_tickets SET session_id = ? WHERE id = ?", {session_id, ticket_id});
}

Result<std::vector<desk::Ticket>> DeskStore::Open(const std::string& commune_id, const std::string& day) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                           " FROM desk_tickets WHERE commune_id = ? AND day = ? AND status IN "
                                           "('waiting', 'called', 'serving') ORDER BY seq",
                                       {commune_id, day}));
    return FromRows(rows);
}

Result<std::vector<desk::Ticket>> DeskStore::Since(const std::string& commune_id, int64_t since) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                           " FROM desk_tickets WHERE commune_id = ? AND issued_at >= ? ORDER BY seq",
                                       {commune_id, since}));
    return FromRows(rows);
}

Result<bool> DeskStore::ResidentInScope(const Scope& s, const std::string& resident_id) {
    Params p{resident_id};
    std::string where = InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT 1 FROM residents WHERE id = ? AND " + where, p));
    return !rows.empty();
}

}  // namespace caunoi::storage
