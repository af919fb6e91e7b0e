#include "procedures/services.hpp"

#include "channel/encoding.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/ulid.hpp"

namespace caunoi::procedures {

Result<ProcedureService::Catalog> ProcedureService::All() {
    const int64_t now = loaded_.Now();
    if (const Loaded* cached = loaded_.Fresh()) return cached->catalog;
    CAUNOI_ASSIGN(auto version, repo_.Version());
    loaded_.Touch(now);
    if (const Loaded* held = loaded_.Stale(); held && held->version == version) return held->catalog;
    CAUNOI_ASSIGN(auto rows, repo_.All());
    auto fresh = std::make_shared<std::vector<Procedure>>();
    // Each procedure on its own: one entry a newer program finds invalid must not hide the rest.
    for (const auto& [code, source] : rows) {
        auto parsed = Parse(source);
        if (parsed.ok() && parsed->size() == 1)
            fresh->push_back(std::move(parsed->front()));
        else
            log::Error("procedure " + code + " skipped: " + (parsed.ok() ? "not one block" : parsed.error().detail));
    }
    loaded_.Set({fresh, version}, now);
    return Catalog(std::move(fresh));
}

Result<std::shared_ptr<const Procedure>> ProcedureService::Find(const std::string& code) {
    CAUNOI_ASSIGN(auto all, All());
    for (const auto& p : *all)
        if (p.code == code) return std::shared_ptr<const Procedure>(all, &p);  // shares the catalog's lifetime
    return Error::NotFound("no procedure " + code);
}

Result<Procedure> ProcedureService::Put(const Actor& a, const std::string& raw) {
    // Browsers send a textarea's lines with CRLF.
    std::string source;
    for (char c : raw)
        if (c != '\r') source.push_back(c);
    if (!a.AtLeast(Role::kProvinceAdmin)) return Error::Forbidden("only the province admin edits the catalog");
    if (source.size() > 16 * 1024) return Error::Invalid("source", "longer than 16 KB", N_("Text too long"));
    CAUNOI_ASSIGN(auto parsed, Parse(source));
    if (parsed.size() != 1)
        return Error::Invalid("source", "write exactly one procedure", N_("The procedure text has an error"));
    Procedure p = std::move(parsed.front());
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Put(p.code, p.source, a.user_id, clock_.NowSeconds()));
        return audit_.Record(a, "update", "procedure", p.code, a.area_path);
    }));
    loaded_.Clear();  // this process sees its own edit at once
    return p;
}

Result<Dossier> DossierService::Record(const Actor& a, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown(
        {"resident_id", "procedure", "portal_code", "submitted_on", "channel", "assisted_by", "phone", "note"}));
    CAUNOI_ASSIGN(auto resident_id, f.Text("resident_id", 64, true));
    CAUNOI_ASSIGN(auto proc_code, f.Text("procedure", 32, true));
    CAUNOI_ASSIGN(auto raw_code, f.Text("portal_code", 60, true));
    CAUNOI_ASSIGN(auto submitted, f.Text("submitted_on", 10, true));
    CAUNOI_ASSIGN(auto channel, f.Choice("channel", kDossierChannels));
    CAUNOI_ASSIGN(auto assisted_by, f.Text("assisted_by", 64, false));
    CAUNOI_ASSIGN(auto phone, f.Text("phone", 16, false));
    CAUNOI_ASSIGN(auto note, f.Text("note", 300, false));
    if (!channel) return Error::Invalid("channel", "required", N_("This field is required"));

    auto proc = procedures_.Find(*proc_code);
    if (!proc.ok()) return Error::Invalid("procedure", "unknown procedure code", N_("Unknown procedure"));
    CAUNOI_ASSIGN(auto code, NormalizePortalCode(*raw_code));
    auto day = ParseDate(*submitted);
    if (!day) return Error::Invalid("submitted_on", "not a date YYYY-MM-DD", N_("Invalid date"));
    const int64_t today = Today();
    if (*day > today) return Error::Invalid("submitted_on", "in the future", N_("The date cannot be in the future"));
    if (*day < today - 2 * 366)
        return Error::Invalid("submitted_on", "more than two years ago", N_("The date is too far in the past"));
    if (phone && !phone->empty()) CAUNOI_TRY(registry::ValidPhone("phone", *phone));

    CAUNOI_ASSIGN(auto resident, registry_.FindResident(a.scope, *resident_id));
    Dossier d;
    d.id = NewUlid();
    d.resident_id = resident.id;
    d.resident_name = resident.full_name;
    d.household_id = resident.household_id;
    d.area_path = resident.area_path;
    d.procedure = (*proc)->code;
    d.portal_code = code;
    d.channel = kDossierChannels[*channel].key;
    d.submitted_day = *day;
    d.due_day = calendar_.AddWorkingDays(*day, (*proc)->days);
    d.phone = phone && !phone->empty() ? *phone : resident.phone;
    d.language = resident.language;
    d.notify = resident.consent.purposes.find("notifications") != std::string::npos;
    d.created_by = a.user_id;
    d.created_at = d.updated_at = clock_.NowSeconds();
    if (assisted_by && !assisted_by->empty()) {
        CAUNOI_ASSIGN(bool ok, repo_.UserInScope(a.scope, *assisted_by));
        if (!ok) return Error::Invalid("assisted_by", "not a user of your area", N_("Unknown user"));
        d.assisted_by = *assisted_by;
    } else if (d.channel != "self_online") {
        d.assisted_by = a.user_id;
    }
    // A code already taken is refused; refusals are counted like status look-ups, so nobody can
    // test the province's codes here faster than at /status.
    const std::string taken_key = "taken:" + a.user_id;
    CAUNOI_ASSIGN(int64_t wait, limits_.WaitFor(taken_key, kLookupsPerAddress, kLookupWindow, d.created_at));
    if (wait > 0) {
        Error e{ErrorCode::kTooManyRequests, N_("Too many look-ups; please wait and try again"), "rate limited", {}};
        e.retry_after = static_cast<int>(wait);
        return e;
    }
    Status st = tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Insert(d));
        CAUNOI_TRY(repo_.InsertEvent(d, {d.id, d.status, d.created_at, a.user_id, "", note.value_or("")}));
        CAUNOI_TRY(Notify(d, **proc));
        return audit_.Record(a, "create", "dossier", d.id, d.area_path, d.procedure);
    });
    if (!st.ok() && st.error().code == ErrorCode::kConflict && st.error().field == "portal_code") {
        CAUNOI_TRY(limits_.Hit(taken_key, kLookupWindow, d.created_at));
        // Followed in the caller's area: say so. Held by another commune: the same answer as a
        // code that cannot be one, so the answer says nothing about other communes' dossiers.
        auto held = repo_.FindByPortalCode(d.portal_code);
        if (held.ok() && repo_.Find(a.scope, held->id).ok()) return st.error();
        return Error::Invalid("portal_code", "not a usable dossier code", N_("Invalid dossier code"));
    }
    CAUNOI_TRY(st);
    return d;
}

Result<Dossier> DossierService::Move(const Actor& a, const std::string& id, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"status", "note"}));
    CAUNOI_ASSIGN(auto typed, f.Text("status", 32, true));
    CAUNOI_ASSIGN(auto note, f.Text("note", 300, false));
    CAUNOI_ASSIGN(auto d, repo_.Find(a.scope, id));
    CAUNOI_ASSIGN(const DossierStatus to, StatusNamed(*typed));
    const std::string from_name(kDossierStatuses.Name(d.status)), to_name(kDossierStatuses.Name(to));
    if (!CanMove(d.status, to))
        return Error::Invalid("status", "a dossier " + from_name + " cannot become " + to_name,
                              N_("This status change is not possible"));
    CAUNOI_ASSIGN(auto proc, procedures_.Find(d.procedure));
    const int64_t now = clock_.NowSeconds();
    // Papers handed in again restart the office's time limit from that day.
    if (to == DossierStatus::kResubmitted) d.due_day = calendar_.AddWorkingDays(LocalDayOf(now), proc->days);
    const DossierStatus from = d.status;
    d.status = to;
    d.updated_at = now;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Move(d.id, from, d.status, d.due_day, now));
        CAUNOI_TRY(repo_.InsertEvent(d, {d.id, d.status, now, a.user_id, "", note.value_or("")}));
        CAUNOI_TRY(Notify(d, *proc));
        return audit_.Record(a, "update", "dossier", d.id, d.area_path, from_name + " -> " + to_name);
    }));
    return d;
}

Status DossierService::Notify(const Dossier& d, const Procedure& p) {
    if (d.phone.empty() || !d.notify) return {};
    OutboxMessage m;
    m.id = NewUlid();
    m.area_path = d.area_path;
    m.phone = d.phone;
    ApprovedText approved;
    if (content_) approved = [&](const char* msgid) { return content_(d.language, msgid); };
    m.body = Notification(d, p, catalogs_, approved);
    m.parts = channel::Measure(m.body).parts;
    m.dossier_id = d.id;
    m.created_at = d.updated_at;
    return repo_.Enqueue(m);
}

Result<std::pair<Dossier, std::vector<DossierEvent>>> DossierService::Get(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto d, repo_.Find(a.scope, id));
    CAUNOI_ASSIGN(auto events, repo_.Events(d.id));
    CAUNOI_TRY(audit_.Record(a, "view", "dossier", d.id, d.area_path));
    return std::pair{std::move(d), std::move(events)};
}

Result<std::vector<Dossier>> DossierService::List(const Actor& a, DossierQuery q) {
    q.today = Today();
    if (q.limit < 1 || q.limit > 200) q.limit = 100;
    return repo_.List(a.scope, q);
}

Result<DossierCounts> DossierService::Counts(const Actor& a, const std::string& area_path) {
    if (!area_path.empty() && a.scope.Contains(area_path)) return repo_.Count(Scope{{area_path}}, Today());
    return repo_.Count(a.scope, Today());
}

Result<std::vector<OutboxMessage>> DossierService::Outbox(const Actor& a, const std::string& dossier_id, int limit) {
    if (dossier_id.empty() && !a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("team leaders and officers");
    return repo_.Outbox(a.scope, dossier_id, std::clamp(limit, 1, 200));
}

Result<LookupAnswer> DossierService::Lookup(const std::string& client, const Fields& f) {
    const int64_t now = clock_.NowSeconds();
    auto limited = [](int64_t wait) {
        Error e{ErrorCode::kTooManyRequests, N_("Too many look-ups; please wait and try again"), "rate limited", {}};
        e.retry_after = static_cast<int>(wait);
        return e;
    };
    const std::string addr_key = "addr:" + client;
    CAUNOI_ASSIGN(int64_t addr_wait, limits_.WaitFor(addr_key, kLookupsPerAddress, kLookupWindow, now));
    if (addr_wait > 0) return limited(addr_wait);
    CAUNOI_TRY(limits_.Hit(addr_key, kLookupWindow, now));
    CAUNOI_TRY(f.OnlyKnown({"code", "phone_last4"}));
    CAUNOI_ASSIGN(auto raw, f.Text("code", 60, true));
    CAUNOI_ASSIGN(auto last4, f.Text("phone_last4", 4, true));
    // Spaces, lower case and the dots or dashes a person adds are forgiven: several spellings are
    // tried, all counted as one look-up of the first.
    CAUNOI_ASSIGN(auto codes, LookupCodes(*raw));
    const std::string& code = codes.front();
    bool digits = last4->size() == 4;
    for (char c : *last4) digits = digits && c >= '0' && c <= '9';
    if (!digits) return Error::Invalid("phone_last4", "4 digits", N_("Enter the last 4 digits of the phone number"));
    const std::string code_key = "code:" + code;
    CAUNOI_ASSIGN(int64_t code_wait, limits_.WaitFor(code_key, kFailuresPerCode, kLookupWindow, now));
    if (code_wait > 0) return limited(code_wait);

    Result<Dossier> d = Error::NotFound("no dossier " + code);
    for (const auto& candidate : codes) {
        d = repo_.FindByPortalCode(candidate);
        if (d.ok()) break;
        if (d.error().code != ErrorCode::kNotFound) return d.error();
    }
    const std::string have = d.ok() && d->phone.size() >= 4 ? d->phone.substr(d->phone.size() - 4) : "----";
    // The same answer, and the same count against the code, whether the code is unknown or the
    // digits are wrong: the look-up says nothing about which.
    if (!d.ok() || !crypto::Equal(have, *last4)) {
        CAUNOI_TRY(limits_.Hit(code_key, kLookupWindow, now));
        return Error{ErrorCode::kNotFound, N_("No dossier matches this code and phone number"), "not found", {}};
    }
    LookupAnswer ans;
    ans.portal_code = d->portal_code;
    auto proc = procedures_.Find(d->procedure);
    if (proc.ok()) ans.procedure = *proc;
    ans.status = d->status;
    ans.due_day = d->due_day;
    ans.clock_running = ClockRunning(d->status);
    ans.overdue = IsOverdue(*d, LocalDayOf(now));
    return ans;
}

}  // namespace caunoi::procedures
