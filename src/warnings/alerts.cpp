#include "warnings/alerts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "warnings/from_cap.hpp"

namespace caunoi::warnings {

namespace {

Error Refused(const std::string& where, const std::string& why) {
    return Error::Invalid(where, why, N_("This warning is not valid CAP 1.2"));
}

// Only an Actual or an Exercise alert reaches anyone (an Exercise only staff).
bool Reaches(const std::string& status) { return status == "Actual" || status == "Exercise"; }

}  // namespace

std::string Places::CommuneName(const std::string& code, const std::function<std::string(const char*)>& tr) const {
    for (const auto& c : commune_names) {
        if (c.code != code) continue;
        std::string out = tr(c.ward ? N_("ward {name}") : N_("commune {name}"));
        text::ReplaceAll(out, "{name}", c.name);
        return out;
    }
    return code;
}

Result<Imported> AlertService::Import(const std::string& xml) {
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    return Receive(cap, xml, "", nullptr);
}

Result<Imported> AlertService::ImportWithKey(const std::string& key, const std::string& xml) {
    auto sender = repo_.SenderOfKey(crypto::HashHex(key));
    if (!sender.ok() && sender.error().code == ErrorCode::kNotFound) return Error::Forbidden("no sender has this key");
    if (!sender.ok()) return sender.error();
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    if (cap.sender != *sender) return Refused("alert/sender", "this key is for the sender " + *sender);
    return Receive(cap, xml, "", nullptr);
}

Result<std::string> AlertService::NewSenderKey(const std::string& sender) {
    if (sender.empty() || sender.size() > 200 || sender.find_first_of(" \t\r\n,<&") != std::string::npos)
        return Error::Invalid("sender", "a CAP sender: no spaces, commas, < or &", N_("Not a valid CAP sender"));
    std::string key = crypto::RandomToken(24);
    CAUNOI_TRY(repo_.SetSenderKey(sender, crypto::HashHex(key), clock_.NowSeconds()));
    return key;
}

Result<Imported> AlertService::Receive(const CapAlert& cap, const std::string& xml, const std::string& composed_by,
                                       const std::vector<ReachedPlace>* reached) {
    const int64_t now = clock_.NowSeconds();
    auto earlier = repo_.FindByKey(cap.sender, cap.identifier);
    if (earlier.ok()) return Imported{*earlier, true, 0};
    if (earlier.error().code != ErrorCode::kNotFound) return earlier.error();

    Imported out;
    StoredAlert& a = out.alert;
    a.id = NewUlid();
    a.sender = cap.sender;
    a.identifier = cap.identifier;
    a.sent = cap.sent;
    a.status = cap.status;
    a.msg_type = cap.msg_type;
    a.received_at = now;
    a.composed_by = composed_by;
    if (!cap.infos.empty()) {
        const ScriptParts parts = PartsOf(cap, vi_);
        a.hazard = parts.hazard;
        a.level = parts.level;
        a.where = parts.where;
        a.from = parts.from;
        a.instruction = parts.what_to_do;
    }
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
        CAUNOI_ASSIGN(a.number, repo_.Insert(a, xml));
        for (const auto& old : replaced) CAUNOI_TRY(repo_.Supersede(old.id, a.id));
        if (!Reaches(a.status)) return {};
        if (a.msg_type != "Cancel") {
            std::vector<ReachedPlace> matched;
            if (!reached) {
                CAUNOI_ASSIGN(auto places, audience_.AllPlaces());
                CAUNOI_ASSIGN(matched, Match(cap, {}, places));
                reached = &matched;
            }
            CAUNOI_ASSIGN(out.messages, Fanout(a, cap, *reached));
        }
        for (const auto& old : replaced) {
            CAUNOI_ASSIGN(int64_t n, Correct(old, a));
            out.messages += n;
        }
        return {};
    }));
    return out;
}

Result<std::vector<ReachedPlace>> AlertService::Match(const CapAlert& cap, const std::vector<std::string>& picked,
                                                      const Places& places) {
    WarnedAreas areas;
    for (const auto& info : cap.infos) {
        WarnedAreas w = AreasOf(info.areas);
        areas.polygons.insert(areas.polygons.end(), w.polygons.begin(), w.polygons.end());
        areas.circles.insert(areas.circles.end(), w.circles.begin(), w.circles.end());
        areas.communes.insert(areas.communes.end(), w.communes.begin(), w.communes.end());
    }
    std::vector<Village> villages;
    villages.reserve(places.villages.size());
    for (const auto& v : places.villages) villages.push_back(v.village);
    std::set<std::string> check, reached;
    for (const auto& r : ReachedVillages(areas, places.communes, villages)) {
        reached.insert(r.id);
        if (r.check) check.insert(r.id);
    }
    for (const auto& id : picked) reached.insert(id);
    std::vector<ReachedPlace> out;
    for (const auto& v : places.villages) {
        if (!reached.count(v.village.id)) continue;
        ReachedPlace p;
        p.village_id = v.village.id;
        p.commune_id = v.village.commune_id;
        p.path = v.path;
        p.name = v.name;
        p.commune_name = v.commune_name;
        p.check = check.count(v.village.id) > 0;
        p.loudspeaker = v.loudspeaker;
        p.operator_name = v.operator_name;
        p.operator_phone = v.operator_phone;
        out.push_back(std::move(p));
    }
    if (out.size() < picked.size())
        return Error::Invalid("villages", "a village picked is not one of ours",
                              N_("A village you picked is not in the list"));
    return out;
}

Result<int64_t> AlertService::Fanout(const StoredAlert& a, const CapAlert& cap,
                                     const std::vector<ReachedPlace>& reached) {
    const int64_t now = clock_.NowSeconds();
    std::vector<ReachedPlace> villages = reached;
    for (auto& v : villages) v.token = crypto::RandomToken(9);
    CAUNOI_TRY(audience_.RecordVillages(a.id, villages));
    const ScriptParts parts = PartsOf(cap, vi_);
    CAUNOI_ASSIGN(auto sms, WarningSmsText(parts, vi_, options_.unicode));
    int64_t n = 0;
    for (const auto& v : villages) {
        if (!v.loudspeaker || v.operator_phone.empty()) continue;
        std::string body =
            vi_(N_("{from}: WARNING {hazard}, risk level {level}. Read it on the loudspeaker of "
                   "{village}: {link} Once read, reply DA DOC {number}."));
        if (parts.exercise) body = vi_(N_("EXERCISE, not a real warning.")) + " " + body;
        text::ReplaceAll(body, "{from}", parts.from);
        text::ReplaceAll(body, "{hazard}", MidSentence(vi_(kHazards.Msgid(parts.hazard))));
        text::ReplaceAll(body, "{level}", std::to_string(parts.level));
        text::ReplaceAll(body, "{village}", v.name);
        text::ReplaceAll(body, "{link}", options_.link_base + "/loa/" + v.token);
        text::ReplaceAll(body, "{number}", std::to_string(a.number));
        OutgoingSms op;
        op.body = options_.unicode ? body : channel::ToGsm7(body);
        op.parts = channel::Measure(op.body).parts;
        op.ucs2 = options_.unicode;
        CAUNOI_TRY(audience_.QueueOne(a.id, v.operator_phone, v.path, op, now));
        ++n;
    }
    OutgoingSms all{sms.text, sms.size.parts, options_.unicode};
    // In each resident language whose SMS head is translated (approved): the same SMS in it.
    std::map<std::string, OutgoingSms> by_language;
    for (const auto& lang : languages_) {
        const char* head = parts.until ? N_("{from}: WARNING {hazard}, risk level {level}, {where}, until {until}.")
                                       : N_("{from}: WARNING {hazard}, risk level {level}, {where}.");
        if (!translated_ || !translated_(lang, head)) continue;
        const Translate tr = [&](const char* msgid) { return translated_(lang, msgid).value_or(vi_(msgid)); };
        CAUNOI_ASSIGN(auto own, WarningSmsText(parts, tr, options_.unicode));
        by_language[lang] = OutgoingSms{own.text, own.size.parts, options_.unicode};
    }
    CAUNOI_ASSIGN(int64_t queued, audience_.QueueAudience(a.id, villages, a.status == "Actual", all, now, by_language));
    return n + queued;
}

Result<int64_t> AlertService::Correct(const StoredAlert& old, const StoredAlert& by) {
    if (!Reaches(old.status)) return int64_t{0};
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(audience_.StopQueued(old.id, "cancelled by warning " + std::to_string(by.number), now));
    CAUNOI_ASSIGN(auto xml, repo_.XmlOf(old.id));
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    const ScriptParts parts = PartsOf(cap, vi_);
    std::string body = by.msg_type == "Cancel"
                           ? vi_(N_("{from}: warning {number} ({hazard}, {where}) is cancelled. It no longer holds."))
                           : vi_(N_("{from}: warning {number} ({hazard}) was replaced and no longer holds for "
                                    "{where}."));
    if (parts.exercise) body = vi_(N_("EXERCISE, not a real warning.")) + " " + body;
    text::ReplaceAll(body, "{from}", parts.from);
    text::ReplaceAll(body, "{number}", std::to_string(old.number));
    text::ReplaceAll(body, "{hazard}", MidSentence(vi_(kHazards.Msgid(parts.hazard))));
    text::ReplaceAll(body, "{where}", parts.where);
    OutgoingSms sms;
    sms.body = channel::Shorten(options_.unicode ? body : channel::ToGsm7(body), kMaxWarningSmsParts);
    sms.parts = channel::Measure(sms.body).parts;
    sms.ucs2 = options_.unicode;
    return audience_.QueueCorrection(old.id, by.id, sms, now);
}

}  // namespace caunoi::warnings
