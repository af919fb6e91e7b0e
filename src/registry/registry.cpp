#include "registry/registry.hpp"

#include <algorithm>
#include <sstream>

#include "core/crypto.hpp"
#include "core/phone.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"

namespace caunoi::registry {

const std::set<std::string_view> kResidentFields = {"household_id",
                                                    "consent",
                                                    "consent_purposes",
                                                    "full_name",
                                                    "birth_year",
                                                    "sex",
                                                    "phone",
                                                    "phone_kind",
                                                    "language",
                                                    "ethnicity",
                                                    "vneid_level",
                                                    "portal_account",
                                                    "payment_account",
                                                    "national_id",
                                                    "skill_public_services",
                                                    "skill_shopping",
                                                    "skill_payment",
                                                    "skill_safety",
                                                    "skill_local_platforms"};

namespace {
constexpr int kMaxPage = 200;
const char* kSex[] = {"f", "m", "x"};
const char* kPhoneKinds[] = {"none", "basic", "smart"};
const char* kLanguages[] = {"vi", "tai", "hmn", "kjg", "other"};

}  // namespace

Status ValidPhone(const std::string& field, const std::string& p) {
    // Vietnamese mobile numbers: 0 + 9 digits, or +84 + 9 digits.
    std::string d = p.rfind("+84", 0) == 0 ? "0" + p.substr(3) : p;
    bool ok = d.size() == 10 && d[0] == '0';
    for (char c : d) ok = ok && c >= '0' && c <= '9';
    if (!ok) return Error::Invalid(field, "not a Vietnamese phone number (0xxxxxxxxx)", N_("Invalid phone number"));
    return {};
}

Result<Consent> RegistryService::ReadConsent(const Actor& a, const Fields& f, bool required) {
    CAUNOI_ASSIGN(auto given, f.Bool("consent"));
    if (!given || !*given) {
        if (required)
            return Error::Invalid("consent", "consent must be recorded before personal data is stored",
                                  N_("Consent is required before saving personal data"));
        return Consent{};
    }
    CAUNOI_ASSIGN(auto purposes_opt, f.Text("consent_purposes", 200, true));
    const std::string purposes = purposes_opt.value_or("");
    std::set<std::string_view> chosen;
    for (auto p : text::Split(purposes, ',')) {
        bool known = false;
        for (auto k : kConsentPurposes) known = known || k == p;
        if (!known)
            return Error::Invalid("consent_purposes", "unknown purpose: " + std::string(p), N_("Invalid value"));
        chosen.insert(p);
    }
    std::string normalized;  // in the catalogue's order, each once
    for (auto k : kConsentPurposes)
        if (chosen.count(k)) normalized += (normalized.empty() ? "" : ",") + std::string(k);
    if (!chosen.count("registry"))
        return Error::Invalid("consent_purposes", "the registry purpose is needed to store a record",
                              N_("Consent is required before saving personal data"));
    return Consent{a.user_id, clock_.NowSeconds(), normalized};
}

Result<HouseholdPage> RegistryService::ListHouseholds(const Actor& a, HouseholdQuery q) {
    if (q.limit <= 0 || q.limit > kMaxPage) q.limit = 50;
    if (!text::IsValidUtf8(q.text, false) || q.text.size() > 200)
        return Error::Invalid("q", "invalid search text", N_("Invalid text"));
    auto tokens = text::Tokens(text::Fold(q.text));
    if (tokens.size() > 8) tokens.resize(8);
    return repo_.ListHouseholds(a.scope, q, tokens);
}

Result<PeopleFound> RegistryService::FindPeople(const Actor& a, const std::string& text,
                                                const std::string& village_id) {
    if (!text::IsValidUtf8(text, false) || text.size() > 200)
        return Error::Invalid("q", "invalid search text", N_("Invalid text"));
    PeopleQuery q;
    q.village_id = village_id;
    // Digits with the separators people type: a phone or an ID-card number, never a name.
    std::string digits;
    bool numeric = !text.empty();
    for (char c : text) {
        if (c >= '0' && c <= '9')
            digits.push_back(c);
        else if (c != ' ' && c != '.' && c != '-' && c != '+' && c != '(' && c != ')')
            numeric = false;
    }
    PeopleFound found;
    auto& out = found.people;
    std::string matched;
    if (numeric && digits.size() == 12 && digits[0] == '0') {
        q.national_id_hash = crypto::KeyedHashHex(id_key_, digits);
        matched = "national_id";
    } else if (auto mobile = numeric ? phone::NormalizeMobile(text) : std::nullopt) {
        q.phones = {*mobile, "+84" + mobile->substr(1)};
        matched = "phone";
    } else if (numeric) {
        return found;  // digits that are neither: nothing can match, and no name has digits only
    } else {
        q.tokens = text::Tokens(text::Fold(text));
        if (q.tokens.empty()) return found;
        if (q.tokens.size() > 8) q.tokens.resize(8);
    }
    CAUNOI_ASSIGN(auto read, repo_.FindPeople(a.scope, q));
    found.too_many = read.too_many;
    auto& rows = read.people;
    if (!matched.empty()) {
        out = std::move(rows);
        for (auto& m : out) m.matched = matched;
    } else {
        // Who in each household carries the words; a household found by its own name (or by
        // words spread over several names) shows its first person, marked as such.
        auto all_match = [&](const std::string& name) {
            auto words = text::Tokens(text::Fold(name));
            for (const auto& t : q.tokens) {
                bool hit = false;
                for (const auto& w : words) hit = hit || w.rfind(t, 0) == 0;
                if (!hit) return false;
            }
            return true;
        };
        for (size_t i = 0; i < rows.size();) {
            size_t j = i;
            bool any = false;
            while (j < rows.size() && rows[j].household_id == rows[i].household_id) {
                if (all_match(rows[j].full_name)) {
                    out.push_back(rows[j]);
                    out.back().matched = "name";
                    any = true;
                }
                ++j;
            }
            if (!any) {
                out.push_back(rows[i]);
                out.back().matched = "household";
            }
            i = j;
        }
        // Those whose own name carries the words first, each part in the households' name order:
        // a full name typed is not listed below households that only hold its words between them.
        std::stable_partition(out.begin(), out.end(), [](const PersonMatch& m) { return m.matched == "name"; });
    }
    // One commit for the page's audit rows, not one each.
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        for (const auto& m : out)
            CAUNOI_TRY(audit_.Record(a, "view", "resident", m.resident_id, m.area_path, "search"));
        return {};
    }));
    return found;
}

Result<Household> RegistryService::GetHousehold(const Actor& a, const std::string& id) {
    return repo_.FindHousehold(a.scope, id);
}

Result<Household> RegistryService::CreateHousehold(const Actor& a, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"id", "village_id", "name", "address", "broadband", "consent", "consent_purposes"}));
    CAUNOI_ASSIGN(auto consent, ReadConsent(a, f, true));
    CAUNOI_ASSIGN(auto village, f.Text("village_id", 40, true));
    CAUNOI_ASSIGN(auto name, f.Text("name", 120, true));
    CAUNOI_ASSIGN(auto address, f.Text("address", 200, false));
    CAUNOI_ASSIGN(auto broadband, f.Choice("broadband", kBroadband));
    CAUNOI_ASSIGN(auto id, f.Text("id", 26, false));  // client-generated ULIDs work offline
    if (id && !IsUlid(*id)) return Error::Invalid("id", "not a ULID", N_("Invalid value"));
    CAUNOI_ASSIGN(auto path, villages_.VillagePath(a.scope, *village));
    Household h;
    h.id = id ? *id : NewUlid();
    h.village_id = *village;
    h.area_path = path;
    h.name = *name;
    h.address = address.value_or("");
    if (broadband) h.broadband = kBroadband[*broadband].key;
    h.consent = consent;
    h.created_at = h.updated_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.InsertHousehold(h));
        return audit_.Record(a, "create", "household", h.id, h.area_path);
    }));
    return h;
}

Result<Household> RegistryService::UpdateHousehold(const Actor& a, const std::string& id, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"name", "address", "broadband"}));
    CAUNOI_ASSIGN(auto h, repo_.FindHousehold(a.scope, id));
    CAUNOI_ASSIGN(auto name, f.Text("name", 120, false));
    CAUNOI_ASSIGN(auto address, f.Text("address", 200, false));
    if (name) h.name = *name;
    if (f.Has("address")) h.address = address.value_or("");
    CAUNOI_ASSIGN(auto broadband, f.Choice("broadband", kBroadband));
    if (broadband) h.broadband = kBroadband[*broadband].key;
    h.updated_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.UpdateHousehold(h));
        return audit_.Record(a, "update", "household", h.id, h.area_path);
    }));
    return h;
}

namespace {
// A consent event of resident `r`, recorded by `a` at `at`.
ConsentEvent ConsentStep(const Actor& a, const Resident& r, int64_t at, std::string change) {
    return {NewUlid(), r.id, r.area_path, at, a.user_id, "", change == "withdrawn" ? "" : r.consent.purposes, change};
}
}  // namespace

Result<std::vector<ConsentEvent>> RegistryService::ConsentHistory(const Actor& a, const std::string& resident_id) {
    CAUNOI_ASSIGN(auto r, repo_.FindResident(a.scope, resident_id));
    return repo_.ConsentHistory(r.id);
}

bool SeesSensitive(const Actor& a) { return a.AtLeast(Role::kTeamLeader); }

void Redact(const Actor& a, Resident& r) {
    if (!SeesSensitive(a)) r.ethnicity.clear();
}

Result<Resident> RegistryService::GetResident(const Actor& a, const std::string& id, const std::string& how) {
    CAUNOI_ASSIGN(auto r, repo_.FindResident(a.scope, id));
    CAUNOI_TRY(audit_.Record(a, "view", "resident", r.id, r.area_path, how));
    Redact(a, r);
    return r;
}

Result<std::vector<Resident>> RegistryService::ListResidents(const Actor& a, const std::string& household_id) {
    CAUNOI_TRY(repo_.FindHousehold(a.scope, household_id));
    CAUNOI_ASSIGN(auto list, repo_.ListResidents(a.scope, household_id));
    // A household page shows each resident's profile: that is a read of each record.
    // One commit for the page's audit rows, not one each.
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        for (const auto& r : list)
            CAUNOI_TRY(audit_.Record(a, "view", "resident", r.id, r.area_path, "household list"));
        return {};
    }));
    for (auto& r : list) Redact(a, r);
    return list;
}

Status RegistryService::ApplyResidentFields(const Actor& a, Resident& r, const Fields& f, bool creating) {
    CAUNOI_TRY(f.OnlyKnown(kResidentFields));
    if (f.Has("ethnicity") && !SeesSensitive(a))
        return Error::Invalid("ethnicity", "only a team leader or an officer records ethnicity", N_("Not allowed"));
    CAUNOI_ASSIGN(auto name, f.Text("full_name", 120, creating));
    if (name) r.full_name = *name;
    CAUNOI_ASSIGN(auto by, f.Int("birth_year", 1900, 2026));
    if (f.Has("birth_year")) r.birth_year = by;
    CAUNOI_ASSIGN(auto sex, f.Choice("sex", {"f", "m", "x"}));
    if (sex) r.sex = kSex[*sex];
    CAUNOI_ASSIGN(auto phone, f.Text("phone", 20, false));
    if (phone) {
        // As people write it ("0912 345 678", "+84 912.345.678"), kept in one form, so that a
        // search or an SMS finds it whichever way it was typed.
        if (auto mobile = phone::NormalizeMobile(*phone)) phone = *mobile;
        CAUNOI_TRY(ValidPhone("phone", *phone));
    }
    if (f.Has("phone")) r.phone = phone.value_or("");
    CAUNOI_ASSIGN(auto pk, f.Choice("phone_kind", {"none", "basic", "smart"}));
    if (pk) r.phone_kind = kPhoneKinds[*pk];
    CAUNOI_ASSIGN(auto lang, f.Choice("language", {"vi", "tai", "hmn", "kjg", "other"}));
    if (lang) r.language = kLanguages[*lang];
    CAUNOI_ASSIGN(auto eth, f.Text("ethnicity", 40, false));
    if (f.Has("ethnicity")) r.ethnicity = eth.value_or("");
    CAUNOI_ASSIGN(auto vneid, f.Choice("vneid_level", {"none", "level1", "level2"}));
    if (vneid) r.vneid_level = *vneid;
    CAUNOI_ASSIGN(auto portal, f.Bool("portal_account"));
    if (portal) r.portal_account = *portal;
    CAUNOI_ASSIGN(auto pay, f.Bool("payment_account"));
    if (pay) r.payment_account = *pay;
    for (size_t i = 0; i < kSkills.size(); ++i) {
        CAUNOI_ASSIGN(auto lvl, f.Choice(kSkills[i].key, kSkillLevels));
        if (lvl) r.skills[i] = *lvl;
    }
    CAUNOI_ASSIGN(auto nid, f.Text("national_id", 12, false));
    if (nid) {
        bool ok = nid->size() == 12;
        for (char c : *nid) ok = ok && c >= '0' && c <= '9';
        if (!ok) return Error::Invalid("national_id", "a citizen ID has 12 digits", N_("Invalid citizen ID number"));
        r.national_id_hash = crypto::KeyedHashHex(id_key_, *nid);
        r.national_id_last4 = nid->substr(8);
    }
    (void)a;
    return {};
}

const std::vector<std::string>& ProfileFields() {
    static const std::vector<std::string> kFields = [] {
        std::vector<std::string> f = {"full_name", "birth_year", "sex",         "phone",          "phone_kind",
                                      "language",  "ethnicity",  "vneid_level", "portal_account", "payment_account"};
        for (const auto& s : kSkills) f.emplace_back(s.key);
        return f;
    }();
    return kFields;
}

std::map<std::string, std::string> ProfileValues(const Resident& r) {
    static const char* kVneid[] = {"none", "level1", "level2"};
    std::map<std::string, std::string> v = {{"full_name", r.full_name},
                                            {"birth_year", r.birth_year ? std::to_string(*r.birth_year) : ""},
                                            {"sex", r.sex},
                                            {"phone", r.phone},
                                            {"phone_kind", r.phone_kind},
                                            {"language", r.language},
                                            {"ethnicity", r.ethnicity},
                                            {"vneid_level", kVneid[r.vneid_level]},
                                            {"portal_account", r.portal_account ? "true" : "false"},
                                            {"payment_account", r.payment_account ? "true" : "false"}};
    for (size_t i = 0; i < kSkills.size(); ++i)
        v[std::string(kSkills[i].key)] = std::string(kSkillLevels[r.skills[i]].key);
    return v;
}

std::string CanonicalProfileValue(const std::string& field, const std::string& value) {
    if (field != "portal_account" && field != "payment_account") return value;
    Fields f(std::map<std::string, std::string>{{field, value}});
    auto b = f.Bool(field);
    return b.ok() && *b ? (**b ? "true" : "false") : value;
}

Result<Household> RegistryService::CreateHouseholdWithPerson(const Actor& a, const Fields& household, Fields person) {
    Result<Household> out = Error::Internal("unset");
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        out = CreateHousehold(a, household);
        if (!out.ok()) return out.error();
        person.Set("household_id", out->id);
        auto first = CreateResident(a, person);
        if (!first.ok()) return first.error();
        return {};
    }));
    return out;
}

Result<Resident> RegistryService::CreateResident(const Actor& a, const Fields& f) {
    CAUNOI_ASSIGN(auto consent, ReadConsent(a, f, true));
    CAUNOI_ASSIGN(auto hid, f.Text("household_id", 26, true));
    CAUNOI_ASSIGN(auto h, repo_.FindHousehold(a.scope, *hid));
    return CreateResidentIn(a, h, consent, f);
}

Result<Resident> RegistryService::CreateResidentIn(const Actor& a, const Household& h, const Consent& consent,
                                                   const Fields& f) {
    Resident r;
    r.id = NewUlid();
    r.household_id = h.id;
    r.area_path = h.area_path;
    r.consent = consent;
    r.created_at = r.updated_at = clock_.NowSeconds();
    CAUNOI_TRY(ApplyResidentFields(a, r, f, true));
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.InsertResident(r));
        CAUNOI_TRY(repo_.InsertConsentEvent(ConsentStep(a, r, r.created_at, "given")));
        return audit_.Record(a, "create", "resident", r.id, r.area_path);
    }));
    Redact(a, r);
    return r;
}

Result<Resident> RegistryService::UpdateResident(const Actor& a, const std::string& id, const Fields& f) {
    if (f.Has("household_id"))
        return Error::Invalid("household_id", "cannot move a resident here", N_("Invalid value"));
    CAUNOI_ASSIGN(auto r, repo_.FindResident(a.scope, id));
    CAUNOI_ASSIGN(auto consent, ReadConsent(a, f, r.consent.purposes.empty()));
    const bool consent_changed = !consent.purposes.empty() && consent.purposes != r.consent.purposes;
    if (!consent.purposes.empty()) r.consent = consent;  // a renewed consent replaces the old one
    std::string changed;
    for (const auto& [k, v] : f.all())
        if (k != "consent" && k != "consent_purposes") changed += (changed.empty() ? "" : ",") + k;
    const auto before = r.skills;
    CAUNOI_TRY(ApplyResidentFields(a, r, f, false));
    r.updated_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.UpdateResident(r));
        if (consent_changed) CAUNOI_TRY(repo_.InsertConsentEvent(ConsentStep(a, r, r.updated_at, "changed")));
        for (size_t i = 0; i < r.skills.size(); ++i)
            if (r.skills[i] != before[i])
                CAUNOI_TRY(repo_.InsertSkillEvent(r, static_cast<int>(i), before[i], r.skills[i], r.updated_at));
        return audit_.Record(a, "update", "resident", r.id, r.area_path, changed);
    }));
    Redact(a, r);
    return r;
}

Status RegistryService::DeleteResident(const Actor& a, const std::string& id) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    CAUNOI_ASSIGN(auto r, repo_.FindResident(a.scope, id));
    return tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.DeleteResident(r));
        CAUNOI_TRY(repo_.InsertConsentEvent(ConsentStep(a, r, clock_.NowSeconds(), "withdrawn")));
        return audit_.Record(a, "delete", "resident", r.id, r.area_path, "erased on request");
    });
}

Status RegistryService::DeleteHousehold(const Actor& a, const std::string& id) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    CAUNOI_ASSIGN(auto h, repo_.FindHousehold(a.scope, id));
    CAUNOI_ASSIGN(auto residents, repo_.ListResidents(a.scope, h.id));
    return tx_.Atomically([&]() -> Status {
        for (const auto& r : residents) {
            CAUNOI_TRY(audit_.Record(a, "delete", "resident", r.id, r.area_path, "erased with household"));
            CAUNOI_TRY(repo_.InsertConsentEvent(ConsentStep(a, r, clock_.NowSeconds(), "withdrawn")));
        }
        CAUNOI_TRY(repo_.DeleteHousehold(h.id));
        return audit_.Record(a, "delete", "household", h.id, h.area_path, "erased on request");
    });
}

}  // namespace caunoi::registry
