// AlertService: warnings composed by officers, what staff and operators see of a warning.
#include <algorithm>
#include <map>

#include "core/phone.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "warnings/alerts.hpp"
#include "warnings/composed.hpp"
#include "warnings/from_cap.hpp"

namespace caunoi::warnings {

namespace {

constexpr size_t kMaxWhatToDo = 300, kMaxWhere = 90;

// "xã Mường Xén" for a whole commune, "bản Huồi Giảng, bản Xốp Lau (xã Mường Xén)" for some of
// its villages; a count when that is too long to say.
std::string NameOf(const std::vector<ReachedPlace>& reached, const Places& places, const Translate& tr) {
    std::map<std::string, std::vector<std::string>> by_commune;
    for (const auto& r : reached) by_commune[r.commune_id].push_back(r.name);
    std::map<std::string, size_t> in_commune;
    for (const auto& v : places.villages) ++in_commune[v.village.commune_id];
    std::string out;
    for (const auto& [code, names] : by_commune) {
        std::string part = places.CommuneName(code, tr);
        if (names.size() < in_commune[code]) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            part = list + " (" + part + ")";
        }
        out += (out.empty() ? "" : "; ") + part;
    }
    if (text::CodePoints(out) > kMaxWhere)
        out = std::to_string(reached.size()) + " / " + std::to_string(by_commune.size());
    return out;
}

}  // namespace

bool AlertService::MayWarn(const Actor& a) const { return a.AtLeast(Role::kCommuneOfficer); }

Result<Preview> AlertService::Prepare(const Actor& a, const Draft& d, CapAlert& cap) {
    if (!MayWarn(a)) return Error::Forbidden("warnings are sent by commune officers and the province");
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(RiskLevelOf(d.level, "level"));
    const std::string what = text::Trim(d.what_to_do);
    if (what.empty()) return Error::Invalid("what_to_do", "required", N_("Say what people should do"));
    if (text::CodePoints(what) > kMaxWhatToDo)
        return Error::Invalid("what_to_do", "at most 300 characters", N_("Say what to do in fewer words"));
    if (d.until <= now || d.until > now + kMaxValidity)
        return Error::Invalid("until", "within the next 7 days", N_("Choose until when: a time in the next 7 days"));
    if (d.communes.empty() && d.villages.empty() && d.polygons.empty() && d.circles.empty())
        return Error::Invalid("areas", "no area",
                              N_("Choose where: communes, villages, or an area by its coordinates"));
    for (const auto& c : d.communes)
        if (!known_commune_(c)) return Error::Invalid("communes", "unknown commune " + c, N_("Unknown commune"));

    ComposedWarning w;
    const bool ulid =
        d.id.size() == 26 && d.id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos;
    w.id = ulid ? d.id : NewUlid();
    const std::string commune_path = CommunePathOf(a.area_path);
    const std::string home = commune_path.substr(commune_path.find('/') + 1);
    w.sender = options_.sender + "@" + (home.empty() ? std::string("province") : home);
    w.sent = now;
    w.exercise = d.exercise;
    w.parts.hazard = d.hazard;
    w.parts.level = d.level;
    w.parts.what_to_do = what;
    w.parts.until = d.until;
    w.parts.exercise = d.exercise;
    w.communes = d.communes;
    w.polygons = d.polygons;
    w.circles = d.circles;
    CAUNOI_ASSIGN(auto places, audience_.AllPlaces());
    cap = ToCap(w, vi_);
    Preview p;
    p.id = w.id;
    CAUNOI_ASSIGN(p.villages, Match(cap, d.villages, places));
    if (p.villages.empty())
        return Error::Invalid("areas", "reaches no village", N_("This area reaches none of our villages"));
    for (const auto& v : p.villages)
        if (!a.scope.Contains(v.path))
            return Error::Invalid("areas", "outside the actor's area: " + v.path,
                                  N_("You can warn only the villages of your own commune"));
    w.parts.where = text::Trim(d.where).empty() ? NameOf(p.villages, places, vi_) : text::Trim(d.where);
    w.parts.from = home.empty() ? vi_(N_("People's Committee of the province")) + " " + places.province_name
                                : vi_(N_("People's Committee of")) + " " + places.CommuneName(home, vi_);
    cap = ToCap(w, vi_);
    p.parts = w.parts;
    CAUNOI_ASSIGN(p.sms, WarningSmsText(p.parts, vi_, options_.unicode));
    CAUNOI_ASSIGN(p.script, LoudspeakerScript(p.parts, vi_));
    CAUNOI_ASSIGN(p.counts, audience_.Count(p.villages, !d.exercise));
    return p;
}

Result<Places> AlertService::PlacesFor(const Actor& a) {
    if (!MayWarn(a)) return Error::Forbidden("warnings are sent by commune officers and the province");
    CAUNOI_ASSIGN(auto places, audience_.AllPlaces());
    auto& vs = places.villages;
    vs.erase(std::remove_if(vs.begin(), vs.end(), [&](const VillagePlace& v) { return !a.scope.Contains(v.path); }),
             vs.end());
    auto& cs = places.commune_names;
    cs.erase(
        std::remove_if(cs.begin(), cs.end(), [&](const Places::NamedCommune& c) { return !a.scope.Contains(c.path); }),
        cs.end());
    return places;
}

Result<PlacesInText> AlertService::FindInText(const Actor& a, const std::string& text) {
    if (!MayWarn(a)) return Error::Forbidden("warnings are sent by commune officers and the province");
    CAUNOI_ASSIGN(auto places, audience_.AllPlaces());
    std::vector<Place> communes;
    for (const auto& c : places.commune_names) communes.push_back({c.code, c.name, c.former_district});
    return FindPlaces(text, communes);
}

Result<Preview> AlertService::PreviewDraft(const Actor& a, const Draft& d) {
    CapAlert cap;
    return Prepare(a, d, cap);
}

Result<Imported> AlertService::Send(const Actor& a, const Draft& d) {
    CapAlert cap;
    CAUNOI_ASSIGN(auto p, Prepare(a, d, cap));
    return Receive(cap, WriteCap(cap), a.user_id, &p.villages);
}

Result<Imported> AlertService::Cancel(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto staff, ForStaff(a, id));
    const StoredAlert& old = staff.first;
    if (!MayWarn(a)) return Error::Forbidden("warnings are cancelled by commune officers and the province");
    if (!old.superseded_by.empty() || old.msg_type == "Cancel")
        return Error::Conflict("this warning was already cancelled or replaced");
    CapAlert c;
    c.identifier = NewUlid();
    c.sender = old.sender;
    c.sent = clock_.NowSeconds();
    c.status = old.status;
    c.msg_type = "Cancel";
    c.scope = "Public";
    c.references.push_back({old.sender, old.identifier, FormatCapTime(old.sent)});
    return Receive(c, WriteCap(c), a.user_id, nullptr);
}

Result<std::vector<StoredAlert>> AlertService::InForceFor(const Actor& a, int limit) {
    return repo_.InForceIn(a.scope, clock_.NowSeconds(), limit);
}

Result<std::pair<StoredAlert, CapAlert>> AlertService::Public(const std::string& id) {
    auto a = repo_.FindById(id);
    if (!a.ok()) return a.error();
    if (a->status != "Actual") return Error::NotFound();
    CAUNOI_ASSIGN(auto xml, repo_.XmlOf(id));
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    return std::make_pair(*a, std::move(cap));
}

Result<std::pair<StoredAlert, CapAlert>> AlertService::ForStaff(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto found, ReachOf(a, id));
    CAUNOI_ASSIGN(auto xml, repo_.XmlOf(id));
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    return std::make_pair(found.first, std::move(cap));
}

Result<std::pair<StoredAlert, Reach>> AlertService::ReachOf(const Actor& a, const std::string& id) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("reach is for team leaders and officers");
    CAUNOI_ASSIGN(auto alert, repo_.FindById(id));
    CAUNOI_ASSIGN(auto reach, audience_.ReachOf(id));
    auto& vs = reach.villages;
    vs.erase(
        std::remove_if(vs.begin(), vs.end(), [&](const VillageReach& v) { return !a.scope.Contains(v.place.path); }),
        vs.end());
    const bool province = a.role == Role::kProvinceAdmin;
    if (vs.empty() && !province) return Error::NotFound();
    return std::make_pair(std::move(alert), std::move(reach));
}

Result<AlertService::ForOperator> AlertService::OperatorPage(const std::string& token) {
    ForOperator out;
    CAUNOI_ASSIGN(out.village, audience_.VillageByToken(token));
    CAUNOI_ASSIGN(out.alert, repo_.FindById(out.village.alert_id));
    CAUNOI_ASSIGN(out.script, ScriptOf(out.alert, &out.cap));
    return out;
}

Result<std::string> AlertService::ScriptOf(const StoredAlert& alert, CapAlert* cap_out) {
    CAUNOI_ASSIGN(auto xml, repo_.XmlOf(alert.id));
    CAUNOI_ASSIGN(auto cap, ParseCap(xml));
    ScriptParts parts = PartsOf(cap, vi_);
    auto script = LoudspeakerScript(parts, vi_);
    if (!script.ok()) {  // a received alert's long instruction: the page shows it in full
        parts.what_to_do.clear();
        script = LoudspeakerScript(parts, vi_);
    }
    if (cap_out) *cap_out = std::move(cap);
    return script;
}

Result<std::string> AlertService::PublicScript(const std::string& id) {
    CAUNOI_ASSIGN(auto in_force, repo_.InForce(clock_.NowSeconds(), 50));
    for (const auto& a : in_force)
        if (a.id == id && a.status == "Actual") return ScriptOf(a);
    return Error::NotFound("not a warning in force");
}

Status AlertService::AcknowledgeOnPage(const std::string& token) {
    return audience_.AcknowledgeByToken(token, "page", clock_.NowSeconds());
}

Result<int64_t> AlertService::AcknowledgeBySms(int64_t number, const std::string& phone) {
    CAUNOI_ASSIGN(int64_t n, audience_.AcknowledgeByPhone(number, phone, clock_.NowSeconds()));
    if (n == 0) return Error::NotFound("no loudspeaker of this number was sent this warning");
    return n;
}

Status AlertService::SetLoudspeaker(const Actor& a, const std::string& village_id, bool working,
                                    const std::string& name, const std::string& phone) {
    if (!MayWarn(a)) return Error::Forbidden("loudspeakers are recorded by commune officers");
    CAUNOI_ASSIGN(auto places, PlacesFor(a));
    for (const auto& v : places.villages) {
        if (v.village.id != village_id) continue;
        const std::string who = text::Trim(name);
        if (text::CodePoints(who) > 100)
            return Error::Invalid("operator_name", "at most 100 characters", N_("Too long"));
        // The number as messages are sent to it: a mobile number in national form, or none.
        const auto mobile = phone::NormalizeMobile(phone);
        if (!text::Trim(phone).empty() && !mobile)
            return Error::Invalid("operator_phone", "a mobile number 0xxxxxxxxx", N_("Invalid phone number"));
        return audience_.SetLoudspeaker(village_id, v.village.commune_id, working, who, mobile.value_or(""),
                                        clock_.NowSeconds());
    }
    return Error::NotFound();
}

}  // namespace caunoi::warnings
