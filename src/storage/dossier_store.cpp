#include "storage/dossier_store.hpp"

#include <algorithm>
#include <tuple>

#include "storage/dialect.hpp"
#include "storage/distribution.hpp"
#include "storage/outbox_rows.hpp"
#include "storage/scope_sql.hpp"
#include "storage/user_store.hpp"

namespace caunoi::storage {
namespace {

using procedures::Dossier;
using procedures::DossierStatus;
using procedures::kDossierStatuses;

std::string NameOf(DossierStatus s) { return std::string(kDossierStatuses.Name(s)); }

constexpr const char* kCols =
    "d.id, d.resident_id, r.full_name, r.household_id, d.area_path, d.procedure_code, d.portal_code, d.channel, "
    "COALESCE(d.assisted_by, ''), COALESCE(u.display_name, ''), d.submitted_day, d.due_day, d.status, "
    "COALESCE(d.phone, ''), d.language, d.notify, d.created_by, d.created_at, d.updated_at";
constexpr const char* kFrom =
    " FROM dossiers d JOIN residents r ON r.commune_id = d.commune_id AND r.id = d.resident_id LEFT JOIN users u ON "
    "u.id = d.assisted_by ";

Dossier FromRow(const Row& r) {
    Dossier d;
    d.id = r.Text(0);
    d.resident_id = r.Text(1);
    d.resident_name = r.Text(2);
    d.household_id = r.Text(3);
    d.area_path = r.Text(4);
    d.procedure = r.Text(5);
    d.portal_code = r.Text(6);
    d.channel = r.Text(7);
    d.assisted_by = r.Text(8);
    d.assisted_by_name = r.Text(9);
    d.submitted_day = r.Int(10);
    d.due_day = r.Int(11);
    // The table's CHECK admits only kDossierStatuses.
    d.status = kDossierStatuses.Parse(r.Text(12)).value_or(DossierStatus::kWithdrawn);
    d.phone = r.Text(13);
    d.language = r.Text(14);
    d.notify = r.Int(15) != 0;
    d.created_by = r.Text(16);
    d.created_at = r.Int(17);
    d.updated_at = r.Int(18);
    return d;
}

// Statuses while the office's clock runs (procedures::ClockRunning), for overdue queries.
constexpr const char* kRunning = "d.status IN ('submitted','received','processing','resubmitted')";
constexpr const char* kClosed = "d.status IN ('result_received','rejected','withdrawn')";

}  // namespace

Status DossierStore::Insert(const Dossier& d) {
    auto r = db_.Exec(
        "INSERT INTO dossiers (commune_id, id, resident_id, area_path, procedure_code, portal_code, channel, "
        "assisted_by, submitted_day, due_day, status, phone, language, notify, created_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {CommuneOf(d.area_path), d.id, d.resident_id, d.area_path, d.procedure, d.portal_code, d.channel,
         TextOrNull(d.assisted_by), d.submitted_day, d.due_day, NameOf(d.status), TextOrNull(d.phone), d.language,
         int64_t{d.notify}, d.created_by, d.created_at, d.updated_at});
    if (!r.ok() && r.error().code == ErrorCode::kConflict)
        return Error{ErrorCode::kConflict, N_("This dossier code is already being followed"), "portal code exists",
                     "portal_code"};
    return r;
}

Result<Dossier> DossierStore::Find(const Scope& s, const std::string& id) {
    Params p{id};
    std::string where = InScope(s, "d.area_path", p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kCols + kFrom + "WHERE d.id = ? AND " + where, p));
    return FromRow(row);
}

Result<Dossier> DossierStore::FindByPortalCode(const std::string& code) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kCols + kFrom + "WHERE d.portal_code = ?", {code}));
    return FromRow(row);
}

Result<std::vector<Dossier>> DossierStore::List(const Scope& s, const procedures::DossierQuery& q) {
    Params p;
    std::string where = InScope(s, "d.area_path", p);
    if (!q.resident_id.empty()) {
        where += " AND d.resident_id = ?";
        p.emplace_back(q.resident_id);
    } else if (q.status) {
        where += " AND d.status = ?";
        p.emplace_back(NameOf(*q.status));
    } else {
        where += std::string(" AND NOT ") + kClosed;
    }
    if (q.overdue) {
        where += std::string(" AND ") + kRunning + " AND d.due_day < ?";
        p.emplace_back(q.today);
    }
    p.emplace_back(int64_t{q.limit});
    CAUNOI_ASSIGN(
        auto rows,
        db_.Query(std::string("SELECT ") + kCols + kFrom + "WHERE " + where + " ORDER BY d.due_day, d.seq LIMIT ?", p));
    std::vector<Dossier> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

Result<procedures::DossierCounts> DossierStore::Count(const Scope& s, int64_t today) {
    Params p{today};
    std::string where = InScope(s, "d.area_path", p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT COUNT(*), COALESCE(SUM(CASE WHEN ") + kRunning +
                                             " AND d.due_day < ? THEN 1 ELSE 0 END), 0) FROM dossiers d WHERE NOT " +
                                             kClosed + " AND " + where,
                                         p));
    return procedures::DossierCounts{static_cast<int>(row.Int(0)), static_cast<int>(row.Int(1))};
}

Status DossierStore::Move(const std::string& id, DossierStatus from, DossierStatus to, int64_t due_day, int64_t at) {
    CAUNOI_TRY(db_.Exec("UPDATE dossiers SET status = ?, due_day = ?, updated_at = ? WHERE id = ? AND status = ?",
                        {NameOf(to), due_day, at, id, NameOf(from)}));
    if (db_.Changes() == 0) return Error::Conflict("the dossier changed meanwhile; reload and try again");
    return {};
}

Status DossierStore::InsertEvent(const Dossier& d, const procedures::DossierEvent& e) {
    return db_.Exec(
        "INSERT INTO dossier_events (commune_id, dossier_id, status, at, by_user, note) VALUES (?, ?, ?, ?, ?, ?)",
        {CommuneOf(d.area_path), e.dossier_id, NameOf(e.status), e.at, e.by, TextOrNull(e.note)});
}

Result<std::vector<procedures::DossierEvent>> DossierStore::Events(const std::string& dossier_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT e.status, e.at, e.by_user, COALESCE(u.display_name, ''), "
                                       "COALESCE(e.note, '') FROM dossier_events e LEFT JOIN users u ON u.id = "
                                       "e.by_user WHERE e.dossier_id = ? ORDER BY e.seq",
                                       {dossier_id}));
    std::vector<procedures::DossierEvent> out;
    // Only InsertEvent writes these rows, always with a kDossierStatuses key.
    for (const auto& r : rows)
        out.push_back({dossier_id, kDossierStatuses.Parse(r.Text(0)).value_or(DossierStatus::kWithdrawn), r.Int(1),
                       r.Text(2), r.Text(3), r.Text(4)});
    return out;
}

Status DossierStore::Enqueue(const procedures::OutboxMessage& m) { return InsertOutbox(db_, m); }

Result<std::vector<procedures::OutboxMessage>> DossierStore::Outbox(const Scope& s, const std::string& dossier_id,
                                                                    int limit) {
    Params p;
    std::string where = InScope(s, "area_path", p);
    if (!dossier_id.empty()) {
        where += " AND dossier_id = ?";
        p.emplace_back(dossier_id);
    }
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kOutboxColumns + " FROM sms_outbox WHERE " + where +
                                           " ORDER BY seq DESC LIMIT ?",
                                       p));
    return OutboxFrom(rows);
}

Result<bool> DossierStore::UserInScope(const Scope& s, const std::string& user_id) {
    CAUNOI_ASSIGN(size_t n, CountActiveUsersInScope(db_, s, {user_id}));
    return n == 1;
}

}  // namespace caunoi::storage
