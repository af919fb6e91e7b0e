#include "desk/desk.hpp"

#include <algorithm>
#include <ctime>
#include <map>

#include "core/ulid.hpp"

namespace caunoi::desk {

Result<std::string> DeskCommune(const Actor& a) {
    if (a.role != Role::kCommuneOfficer || a.scope.paths.size() != 1)
        return Error::Forbidden("the desk is run by a commune officer");
    const auto& p = a.scope.paths.front();
    return p.substr(p.rfind('/') + 1);
}

std::string LocalDay(int64_t at) { return FormatVietnamTime(at, "%Y-%m-%d"); }

Stats ComputeStats(const std::vector<Ticket>& tickets, int64_t from) {
    Stats s;
    int64_t wait_sum = 0, serve_sum = 0;
    int waited = 0, served = 0;
    std::map<std::pair<std::string, std::string>, std::vector<int64_t>> visits;  // (resident, need) -> times
    for (const auto& t : tickets) {
        if (!t.resident_id.empty()) visits[{t.resident_id, t.need}].push_back(t.issued_at);
        if (t.issued_at < from) continue;
        ++s.tickets;
        if (t.status == TicketStatus::kWaiting) ++s.waiting_now;
        if (t.called_at > 0) {
            wait_sum += t.called_at - t.issued_at;
            ++waited;
        }
        if (t.served_at > 0 && t.closed_at > 0) {
            serve_sum += t.closed_at - t.served_at;
            ++served;
        }
    }
    s.served = served;
    s.avg_wait_seconds = waited ? wait_sum / waited : 0;
    s.avg_serve_seconds = served ? serve_sum / served : 0;
    for (auto& [key, times] : visits) {
        std::sort(times.begin(), times.end());
        for (size_t i = 1; i < times.size(); ++i)
            if (times[i] >= from && times[i] - times[i - 1] <= 30 * 86400) ++s.returns;
    }
    return s;
}

Result<Ticket> DeskService::Issue(const Actor& a, const Fields& f) {
    CAUNOI_ASSIGN(auto commune, DeskCommune(a));
    CAUNOI_TRY(f.OnlyKnown({"need", "resident_id"}));
    CAUNOI_ASSIGN(auto need, f.Choice("need", kNeeds));
    if (!need) return Error::Invalid("need", "required", N_("This field is required"));
    Ticket t;
    t.id = NewUlid();
    t.commune_id = commune;
    t.area_path = a.scope.paths.front();
    t.issued_at = clock_.NowSeconds();
    t.day = LocalDay(t.issued_at);
    t.need = std::string(kNeeds[*need].key);
    CAUNOI_ASSIGN(auto rid, f.Text("resident_id", 26, false));
    if (rid) {
        CAUNOI_ASSIGN(bool ok, repo_.ResidentInScope(a.scope, *rid));
        if (!ok) return Error::NotFound();
        t.resident_id = *rid;
    }
    CAUNOI_ASSIGN(auto stored, repo_.Issue(t));
    CAUNOI_TRY(audit_.Record(a, "create", "ticket", stored.id, stored.area_path, std::to_string(stored.number)));
    return stored;
}

Result<Ticket> DeskService::CallNext(const Actor& a, const Fields& f) {
    CAUNOI_ASSIGN(auto commune, DeskCommune(a));
    CAUNOI_TRY(f.OnlyKnown({"desk"}));
    CAUNOI_ASSIGN(auto label, f.Text("desk", 30, false));
    auto t = repo_.CallNext(commune, label.value_or(""), a.user_id, clock_.NowSeconds());
    if (!t.ok() && t.error().code == ErrorCode::kNotFound)
        return Error{ErrorCode::kNotFound, N_("No one is waiting"), "no waiting ticket", {}};
    if (!t.ok()) return t.error();
    CAUNOI_TRY(audit_.Record(a, "update", "ticket", t->id, t->area_path, "called"));
    return t;
}

Result<Ticket> DeskService::Move(const Actor& a, const std::string& id, const std::vector<TicketStatus>& from,
                                 TicketStatus to) {
    CAUNOI_TRY(DeskCommune(a));
    CAUNOI_ASSIGN(auto t, repo_.Find(a.scope, id));
    CAUNOI_TRY(repo_.Transition(t.id, from, to, clock_.NowSeconds()));
    CAUNOI_TRY(audit_.Record(a, "update", "ticket", t.id, t.area_path, std::string(kTicketStatuses.Name(to))));
    return repo_.Find(a.scope, id);
}

Result<Ticket> DeskService::Serve(const Actor& a, const std::string& id) {
    return Move(a, id, {TicketStatus::kCalled}, TicketStatus::kServing);
}
Result<Ticket> DeskService::Close(const Actor& a, const std::string& id) {
    return Move(a, id, {TicketStatus::kCalled, TicketStatus::kServing}, TicketStatus::kClosed);
}
Result<Ticket> DeskService::NoShow(const Actor& a, const std::string& id) {
    return Move(a, id, {TicketStatus::kCalled}, TicketStatus::kNoShow);
}

Result<Ticket> DeskService::Get(const Actor& a, const std::string& id) {
    CAUNOI_TRY(DeskCommune(a));
    return repo_.Find(a.scope, id);
}

Result<std::vector<Ticket>> DeskService::Queue(const Actor& a) {
    CAUNOI_ASSIGN(auto commune, DeskCommune(a));
    return repo_.Open(commune, LocalDay(clock_.NowSeconds()));
}

Result<std::vector<Ticket>> DeskService::Display(const std::string& commune_id) {
    if (commune_id.size() != 5) return Error::NotFound();
    for (char c : commune_id)
        if (c < '0' || c > '9') return Error::NotFound();
    CAUNOI_ASSIGN(auto open, repo_.Open(commune_id, LocalDay(clock_.NowSeconds())));
    for (auto& t : open) t.resident_id.clear();  // numbers only on a public screen
    return open;
}

Result<Stats> DeskService::Figures(const Actor& a, int days) {
    CAUNOI_ASSIGN(auto commune, DeskCommune(a));
    if (days < 1 || days > 366) days = 30;
    int64_t from = clock_.NowSeconds() - int64_t{days} * 86400;
    CAUNOI_ASSIGN(auto tickets, repo_.Since(commune, from - 30 * 86400));
    return ComputeStats(tickets, from);
}

Status DeskService::LinkSession(const Actor& a, const std::string& ticket_id, const std::string& session_id) {
    CAUNOI_ASSIGN(auto t, repo_.Find(a.scope, ticket_id));
    return repo_.LinkSession(t.id, session_id);
}

Result<std::pair<fieldwork::SupportSession, std::vector<fieldwork::Task>>> DeskService::RecordSession(const Actor& a,
                                                                                                      const Fields& f) {
    std::string ticket = f.Has("ticket") ? f.all().at("ticket") : "";
    Fields g;
    for (const auto& [k, v] : f.all())
        if (k != "ticket") g.Set(k, v);
    if (ticket.empty()) return fieldwork_.RecordSession(a, g);
    g.Set("channel", "commune_desk");
    Result<std::pair<fieldwork::SupportSession, std::vector<fieldwork::Task>>> out = Error::Internal("unset");
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        out = fieldwork_.RecordSession(a, g);
        if (!out.ok()) return out.error();
        return LinkSession(a, ticket, out->first.id);
    }));
    return out;
}

}  // namespace caunoi::desk
