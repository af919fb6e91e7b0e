#include "warnings/alerts.hpp"

#include <algorithm>
#include <set>

#include "core/ulid.hpp"

namespace caunoi::warnings {

namespace {
Error Refused(const std::string& where, const std::string& why) {
    return Error::Invalid(where, why, N_("This warning is not valid CAP 1.2"));
}
}  // namespace

Result<Imported> AlertService::Import(const std::string& xml) {
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    const int64_t now = clock_.NowSeconds();
    auto earlier = repo_.FindByKey(cap.sender, cap.identifier);
    if (earlier.ok()) return Imported{*earlier, true};
    if (earlier.error().code != ErrorCode::kNotFound) return earlier.error();

    StoredAlert a;
    a.id = NewUlid();
    a.sender = cap.sender;
    a.identifier = cap.identifier;
    a.sent = cap.sent;
    a.status = cap.status;
    a.msg_type = cap.msg_type;
    a.received_at = now;
    if (cap.sent > now + 86400) return Refused("alert/sent", "sent more than a day from now");
    std::set<std::string> communes;
    for (size_t i = 0; i < cap.infos.size(); ++i) {
        a.expires = std::max(a.expires, cap.infos[i].expires);
        for (size_t j = 0; j < cap.infos[i].areas.size(); ++j)
            for (const auto& [name, value] : cap.infos[i].areas[j].geocodes) {
                if (name != "commune") continue;
                if (!known_commune_(value))
                    return Refused(
                        "alert/info[" + std::to_string(i + 1) + "]/area[" + std::to_string(j + 1) + "]/geocode",
                        "no commune of ours has the code " + value);
                communes.insert(value);
            }
    }
    a.communes.assign(communes.begin(), communes.end());
    if (a.expires && a.expires <= now) return Refused("alert/info/expires", "already expired");
    std::vector<StoredAlert> replaced;
    for (const auto& r : cap.references) {
        auto old = repo_.FindByKey(r.sender, r.identifier);
        if (!old.ok() && old.error().code == ErrorCode::kNotFound)
            return Refused("alert/references", "refers to an alert never received: " + r.identifier);
        if (!old.ok()) return old.error();
        replaced.push_back(*old);
    }
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Insert(a, xml));
        for (const auto& old : replaced) CAUNOI_TRY(repo_.Supersede(old.id, a.id));
        return {};
    }));
    return Imported{a, false};
}

}  // namespace caunoi::warnings
