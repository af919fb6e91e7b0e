#include "http/handlers/registry_json.hpp"

#include "area/area.hpp"
#include "core/text.hpp"
#include "http/handlers/json_values.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace json = boost::json;

namespace {

json::object ConsentObj(const registry::Consent& c) {
    json::array purposes;
    for (auto p : text::Split(c.purposes, ',')) purposes.emplace_back(p);
    return {{"recorded_by", c.by}, {"recorded_at", c.at}, {"purposes", purposes}};
}

}  // namespace

json::object ToJson(const area::Area& a) {
    return {{"id", a.id},
            {"parent_id", OptS(a.parent_id)},
            {"kind", a.kind},
            {"name", a.name},
            {"path", a.path},
            {"former_district", OptS(a.former_district)},
            {"highland", a.highland},
            {"lat", Opt(a.lat)},
            {"lon", Opt(a.lon)},
            {"coverage", OptS(a.coverage)}};
}

json::object ToJson(const registry::Household& h) {
    return {{"id", h.id},
            {"village_id", h.village_id},
            {"name", h.name},
            {"address", OptS(h.address)},
            {"broadband", OptS(h.broadband)},
            {"resident_count", h.resident_count},
            {"consent", ConsentObj(h.consent)},
            {"created_at", h.created_at},
            {"updated_at", h.updated_at}};
}

json::object ToJson(const registry::Resident& r) {
    json::object skills;
    for (size_t i = 0; i < registry::kSkills.size(); ++i)
        skills[registry::kSkills[i].key.substr(6)] = registry::kSkillLevels[r.skills[i]].key;
    static const char* kVneid[] = {"none", "level1", "level2"};
    return {{"id", r.id},
            {"household_id", r.household_id},
            {"full_name", r.full_name},
            {"birth_year", r.birth_year ? json::value(*r.birth_year) : json::value(nullptr)},
            {"sex", OptS(r.sex)},
            {"phone", OptS(r.phone)},
            {"phone_kind", r.phone_kind},
            {"language", r.language},
            {"ethnicity", OptS(r.ethnicity)},
            {"vneid_level", kVneid[r.vneid_level]},
            {"portal_account", r.portal_account},
            {"payment_account", r.payment_account},
            {"skills", skills},
            {"national_id_last4", OptS(r.national_id_last4)},
            {"consent", ConsentObj(r.consent)},
            {"created_at", r.created_at},
            {"updated_at", r.updated_at}};
}

json::object ToJson(const std::vector<area::Area>& as) {
    return List(
        as, [](const area::Area& a) { return ToJson(a); }, "");
}
json::object ToJson(const registry::HouseholdPage& p) {
    auto o = List(
        p.items, [](const registry::Household& h) { return ToJson(h); }, p.next_cursor);
    o["too_many"] = p.too_many;
    return o;
}
json::object ToJson(const std::vector<registry::Resident>& rs) {
    return List(
        rs, [](const registry::Resident& r) { return ToJson(r); }, "");
}

}  // namespace caunoi::http
