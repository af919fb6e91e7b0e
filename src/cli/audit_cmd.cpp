// caunoi audit exposed: whose personal data an account or a time window exposed, from the audit
// log, for a breach notification (docs/operations.md, "A data breach").
#include <iostream>
#include <set>

#include "audit/exposure.hpp"
#include "auth/auth.hpp"
#include "cli/commands.hpp"
#include "cli/open.hpp"
#include "core/calendar.hpp"
#include "storage/audit_store.hpp"

namespace caunoi::cli {
namespace {

constexpr int64_t kVietnamOffset = 7 * 3600;

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", Vietnam's time, as epoch seconds; `end`: a bare date means
// the end of that day.
Result<int64_t> ParseInstant(const std::string& flag, const std::string& s, bool end) {
    auto bad = [&] { return Error::Invalid(flag, "--" + flag + " takes YYYY-MM-DD or YYYY-MM-DDTHH:MM (Vietnam time)"); };
    auto day = ParseDate(s.substr(0, 10));
    if (!day) return bad();
    int64_t seconds = *day * 86400 - kVietnamOffset;
    if (s.size() == 10) return seconds + (end ? 86400 : 0);
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return bad();
    auto hh = ParseInt(s.substr(11, 2), flag, 0, 23);
    auto mm = ParseInt(s.substr(14, 2), flag, 0, 59);
    if (!hh.ok() || !mm.ok()) return bad();
    return seconds + *hh * 3600 + *mm * 60;
}

std::string Joined(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
    return out;
}

// Tabs and newlines of stored text would break the columns.
std::string Cell(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

}  // namespace

int Audit(const Args& a) {
    const char* usage = "usage: caunoi audit exposed [--user LOGIN] [--from DATE[THH:MM]] [--to DATE[THH:MM]]";
    if (a.positional.size() != 2 || a.positional[1] != "exposed") return Fail(usage);
    if (!a.Has("user") && !a.Has("from")) return Fail("say whose entries (--user) or since when (--from); " + std::string(usage));
    audit::ExposureQuery q;
    for (const auto& [flag, end] : {std::pair<const char*, bool>{"from", false}, {"to", true}}) {
        if (!a.Has(flag)) continue;
        auto t = ParseInstant(flag, a.Get(flag, nullptr, ""), end);
        if (!t.ok()) return Fail(t.error().detail);
        (end ? q.to : q.from) = *t;
    }
    if (q.from >= q.to) return Fail("--from must come before --to");
    auto o = Open(a);
    if (a.Has("user")) {
        auto u = o->app->auth.UserByLogin(a.Get("user", nullptr, ""));
        if (!u.ok()) return Fail("no account " + a.Get("user", nullptr, "") + " (a username or a phone number)");
        q.user_id = u->id;
    }
    storage::AuditStore store(*o->db);
    auto events = store.Exposed(q);
    if (!events.ok()) return Fail(events.error().detail);
    const auto people = audit::Summarise(*events);
    // The report itself reads every one of these records: it is audited like any read.
    const std::string criteria = "user=" + a.Get("user", nullptr, "") + " from=" + a.Get("from", nullptr, "") +
                                 " to=" + a.Get("to", nullptr, "") + " people=" + std::to_string(people.size());
    if (auto s = o->app->audit.Record(auth::SystemActor(), "view", "breach_report", q.user_id, "40", criteria); !s.ok())
        return Fail(s.error().detail);

    std::cout << "resident_id\tname\tphone\tvillage\tcommune\tfirst\tlast\treads\tchanges\taccounts\tby\n";
    std::set<std::string> communes;
    int erased = 0;
    for (const auto& p : people) {
        if (p.erased) ++erased;
        else communes.insert(p.commune);
        std::cout << p.resident_id << "\t" << (p.erased ? "(erased)" : Cell(p.name)) << "\t" << Cell(p.phone) << "\t"
                  << Cell(p.village) << "\t" << Cell(p.commune) << "\t" << FormatVietnamTime(p.first_at, "%Y-%m-%d %H:%M")
                  << "\t" << FormatVietnamTime(p.last_at, "%Y-%m-%d %H:%M") << "\t" << p.reads << "\t" << p.changes
                  << "\t" << Joined(p.accounts) << "\t" << Joined(p.ways) << "\n";
    }
    std::cerr << people.size() << " people (" << erased << " of them erased since) in " << communes.size()
              << " communes, from " << events->size() << " audit entries. Notify the data protection authority within "
                 "72 hours of finding the breach, and the people concerned (Decree 13/2023/ND-CP, art. 23; "
                 "docs/operations.md).\n";
    return 0;
}

}  // namespace caunoi::cli
