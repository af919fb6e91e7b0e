#include "warnings/cap.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "warnings/xml.hpp"

namespace caunoi::warnings {

namespace {

constexpr const char* kNotCap = N_("This warning is not valid CAP 1.2");

Error Bad(const std::string& where, const std::string& why) { return Error::Invalid(where, why, kNotCap); }

std::string TextOf(const pugi::xml_node& n) { return text::Trim(n.text().get()); }

// One child `local`, its trimmed text; "" when absent. More than one: Invalid.
Result<std::string> One(const pugi::xml_node& n, const std::string& where, std::string_view local, bool required) {
    auto c = ChildElements(n, local);
    const std::string at = where + "/" + std::string(local);
    if (c.size() > 1) return Bad(at, "more than one");
    if (c.empty() || TextOf(c.front()).empty()) {
        if (required) return Bad(at, "required");
        return std::string();
    }
    return TextOf(c.front());
}

Result<std::string> OneOf(const pugi::xml_node& n, const std::string& where, std::string_view local, bool required,
                          const std::set<std::string>& allowed) {
    CAUNOI_ASSIGN(auto v, One(n, where, local, required));
    if (!v.empty() && !allowed.count(v)) return Bad(where + "/" + std::string(local), "not a CAP 1.2 value: " + v);
    return v;
}

// identifier and sender: no spaces, commas or restricted characters (CAP 1.2, 3.2.1).
Status Token(const std::string& v, const std::string& at) {
    for (char c : v)
        if (c == ' ' || c == ',' || c == '<' || c == '&' || static_cast<unsigned char>(c) < 0x20)
            return Bad(at, "spaces, commas, < and & are not allowed");
    return {};
}

bool Digits(std::string_view s, size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
}
int Num(std::string_view s, size_t from, size_t n) { return std::atoi(std::string(s.substr(from, n)).c_str()); }

Result<double> Number(std::string_view s, double lo, double hi, const std::string& at) {
    const std::string str(s);
    char* end = nullptr;
    double v = std::strtod(str.c_str(), &end);
    if (str.empty() || end != str.c_str() + str.size() || !std::isfinite(v) || v < lo || v > hi)
        return Bad(at, "not a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ": " + str);
    return v;
}

Result<CapPoint> Point(std::string_view pair, const std::string& at) {
    auto comma = pair.find(',');
    if (comma == std::string_view::npos) return Bad(at, "a point is latitude,longitude");
    CAUNOI_ASSIGN(double lat, Number(pair.substr(0, comma), -90, 90, at));
    CAUNOI_ASSIGN(double lon, Number(pair.substr(comma + 1), -180, 180, at));
    return CapPoint{lat, lon};
}

std::vector<std::string> Words(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

}  // namespace

Result<std::vector<CapPoint>> ParseCapPolygon(std::string_view text, const std::string& where) {
    std::vector<CapPoint> ring;
    for (const auto& pair : Words(std::string(text))) {
        CAUNOI_ASSIGN(auto pt, Point(pair, where));
        ring.push_back(pt);
    }
    if (ring.size() < 4) return Bad(where, "a polygon has at least 4 points");
    if (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon)
        return Bad(where, "a polygon is closed: its first point is its last");
    return ring;
}

Result<CapCircle> ParseCapCircle(std::string_view text, const std::string& where) {
    auto w = Words(std::string(text));
    if (w.size() != 2) return Bad(where, "a circle is latitude,longitude radius");
    CAUNOI_ASSIGN(auto centre, Point(w[0], where));
    CAUNOI_ASSIGN(double r, Number(w[1], 0, 20000, where));
    return CapCircle{centre, r};
}

namespace {

Result<CapArea> AreaOf(const pugi::xml_node& n, const std::string& at) {
    CapArea a;
    CAUNOI_ASSIGN(a.desc, One(n, at, "areaDesc", true));
    int k = 0;
    for (auto p : ChildElements(n, "polygon")) {
        CAUNOI_ASSIGN(auto ring, ParseCapPolygon(TextOf(p), at + "/polygon[" + std::to_string(++k) + "]"));
        a.polygons.push_back(std::move(ring));
    }
    k = 0;
    for (auto c : ChildElements(n, "circle")) {
        CAUNOI_ASSIGN(auto circle, ParseCapCircle(TextOf(c), at + "/circle[" + std::to_string(++k) + "]"));
        a.circles.push_back(circle);
    }
    k = 0;
    for (auto g : ChildElements(n, "geocode")) {
        const std::string where = at + "/geocode[" + std::to_string(++k) + "]";
        CAUNOI_ASSIGN(auto name, One(g, where, "valueName", true));
        CAUNOI_ASSIGN(auto value, One(g, where, "value", true));
        a.geocodes.emplace_back(name, value);
    }
    for (const char* number : {"altitude", "ceiling"}) {
        CAUNOI_ASSIGN(auto v, One(n, at, number, false));
        if (!v.empty()) {
            CAUNOI_TRY(Number(v, -1e6, 1e6, at + "/" + number));
        }
    }
    return a;
}

Result<CapInfo> InfoOf(const pugi::xml_node& n, const std::string& at) {
    static const std::set<std::string> kCategories = {"Geo",    "Met", "Safety",    "Security", "Rescue", "Fire",
                                                      "Health", "Env", "Transport", "Infra",    "CBRNE",  "Other"};
    static const std::set<std::string> kResponses = {"Shelter", "Evacuate", "Prepare",  "Execute", "Avoid",
                                                     "Monitor", "Assess",   "AllClear", "None"};
    CapInfo i;
    CAUNOI_ASSIGN(auto lang, One(n, at, "language", false));
    if (!lang.empty()) i.language = lang;
    auto cats = ChildElements(n, "category");
    if (cats.empty()) return Bad(at + "/category", "required");
    for (auto c : cats) {
        if (!kCategories.count(TextOf(c))) return Bad(at + "/category", "not a CAP 1.2 value: " + TextOf(c));
        i.categories.push_back(TextOf(c));
    }
    CAUNOI_ASSIGN(i.event, One(n, at, "event", true));
    for (auto r : ChildElements(n, "responseType")) {
        if (!kResponses.count(TextOf(r))) return Bad(at + "/responseType", "not a CAP 1.2 value: " + TextOf(r));
        i.response_types.push_back(TextOf(r));
    }
    CAUNOI_ASSIGN(i.urgency, OneOf(n, at, "urgency", true, {"Immediate", "Expected", "Future", "Past", "Unknown"}));
    CAUNOI_ASSIGN(i.severity, OneOf(n, at, "severity", true, {"Extreme", "Severe", "Moderate", "Minor", "Unknown"}));
    CAUNOI_ASSIGN(i.certainty,
                  OneOf(n, at, "certainty", true, {"Observed", "Likely", "Possible", "Unlikely", "Unknown"}));
    for (auto [local, into] : {std::pair{"effective", &i.effective}, {"onset", &i.onset}, {"expires", &i.expires}}) {
        CAUNOI_ASSIGN(auto t, One(n, at, local, false));
        if (!t.empty()) {
            CAUNOI_ASSIGN(*into, ParseCapTime(t, at + "/" + local));
        }
    }
    CAUNOI_ASSIGN(i.sender_name, One(n, at, "senderName", false));
    CAUNOI_ASSIGN(i.headline, One(n, at, "headline", false));
    CAUNOI_ASSIGN(i.description, One(n, at, "description", false));
    CAUNOI_ASSIGN(i.instruction, One(n, at, "instruction", false));
    CAUNOI_ASSIGN(i.web, One(n, at, "web", false));
    int k = 0;
    for (auto p : ChildElements(n, "parameter")) {
        const std::string where = at + "/parameter[" + std::to_string(++k) + "]";
        CAUNOI_ASSIGN(auto name, One(p, where, "valueName", true));
        CAUNOI_ASSIGN(auto value, One(p, where, "value", false));
        i.parameters.emplace_back(name, value);
    }
    k = 0;
    for (auto a : ChildElements(n, "area")) {
        CAUNOI_ASSIGN(auto area, AreaOf(a, at + "/area[" + std::to_string(++k) + "]"));
        i.areas.push_back(std::move(area));
    }
    return i;
}

}  // namespace

Result<int64_t> ParseCapTime(std::string_view s, const std::string& field) {
    // YYYY-MM-DDThh:mm:ss±hh:mm
    if (s.size() != 25 || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2) ||
        s[10] != 'T' || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2) ||
        (s[19] != '+' && s[19] != '-') || !Digits(s, 20, 2) || s[22] != ':' || !Digits(s, 23, 2))
        return Bad(field, "a time is YYYY-MM-DDThh:mm:ss with its offset, as 2026-06-12T14:30:00+07:00");
    std::tm tm{};
    tm.tm_year = Num(s, 0, 4) - 1900;
    tm.tm_mon = Num(s, 5, 2) - 1;
    tm.tm_mday = Num(s, 8, 2);
    tm.tm_hour = Num(s, 11, 2);
    tm.tm_min = Num(s, 14, 2);
    tm.tm_sec = Num(s, 17, 2);
    const int oh = Num(s, 20, 2), om = Num(s, 23, 2);
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 ||
        oh > 14 || om > 59)
        return Bad(field, "not a time: " + std::string(s));
    std::tm check = tm;
    const int64_t local = static_cast<int64_t>(timegm(&check));
    if (check.tm_mday != tm.tm_mday) return Bad(field, "not a day of that month: " + std::string(s));
    const int64_t offset = (oh * 3600 + om * 60) * (s[19] == '-' ? -1 : 1);
    return local - offset;
}

Result<CapAlert> ParseCap(std::string_view xml) {
    pugi::xml_document doc;
    CAUNOI_TRY(LoadXml(doc, xml, kMaxCapBytes, "alert", kNotCap));
    pugi::xml_node root = doc.document_element();
    if (!root || LocalName(root) != "alert") return Bad("alert", "the document is not a CAP alert");
    if (NamespaceOf(root) != kCapNamespace)
        return Bad("alert", "not in the CAP 1.2 namespace " + std::string(kCapNamespace));

    CapAlert a;
    CAUNOI_ASSIGN(a.identifier, One(root, "alert", "identifier", true));
    CAUNOI_TRY(Token(a.identifier, "alert/identifier"));
    CAUNOI_ASSIGN(a.sender, One(root, "alert", "sender", true));
    CAUNOI_TRY(Token(a.sender, "alert/sender"));
    CAUNOI_ASSIGN(auto sent, One(root, "alert", "sent", true));
    CAUNOI_ASSIGN(a.sent, ParseCapTime(sent, "alert/sent"));
    CAUNOI_ASSIGN(a.status, OneOf(root, "alert", "status", true, {"Actual", "Exercise", "System", "Test", "Draft"}));
    CAUNOI_ASSIGN(a.msg_type, OneOf(root, "alert", "msgType", true, {"Alert", "Update", "Cancel", "Ack", "Error"}));
    CAUNOI_ASSIGN(a.scope, OneOf(root, "alert", "scope", true, {"Public", "Restricted", "Private"}));
    CAUNOI_ASSIGN(a.source, One(root, "alert", "source", false));
    CAUNOI_ASSIGN(a.restriction, One(root, "alert", "restriction", a.scope == "Restricted"));
    CAUNOI_ASSIGN(a.addresses, One(root, "alert", "addresses", a.scope == "Private"));
    CAUNOI_ASSIGN(a.note, One(root, "alert", "note", false));
    CAUNOI_ASSIGN(auto refs, One(root, "alert", "references", a.msg_type == "Update" || a.msg_type == "Cancel"));
    for (const auto& r : Words(refs)) {
        auto parts = text::Split(r, ',');
        if (parts.size() != 3) return Bad("alert/references", "each reference is sender,identifier,sent");
        CAUNOI_TRY(ParseCapTime(parts[2], "alert/references"));
        a.references.push_back({std::string(parts[0]), std::string(parts[1]), std::string(parts[2])});
    }
    int k = 0;
    for (auto info : ChildElements(root, "info")) {
        CAUNOI_ASSIGN(auto i, InfoOf(info, "alert/info[" + std::to_string(++k) + "]"));
        a.infos.push_back(std::move(i));
    }
    return a;
}

std::string FormatCapTime(int64_t epoch) {
    const time_t local = static_cast<time_t>(epoch + 7 * 3600);
    std::tm tm{};
    gmtime_r(&local, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
    return buf;
}

namespace {

// The shortest text that reads back as the same number.
std::string Num(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : "0";
}

std::string PointsOf(const std::vector<CapPoint>& ring) {
    std::string out;
    for (const auto& p : ring) out += (out.empty() ? "" : " ") + Num(p.lat) + "," + Num(p.lon);
    return out;
}

void Add(pugi::xml_node parent, const char* name, const std::string& value, bool always = false) {
    if (value.empty() && !always) return;
    parent.append_child(name).text().set(value.c_str());
}

void AddPairs(pugi::xml_node parent, const char* name, const std::vector<std::pair<std::string, std::string>>& pairs) {
    for (const auto& [k, v] : pairs) {
        auto n = parent.append_child(name);
        Add(n, "valueName", k, true);
        Add(n, "value", v, true);
    }
}

}  // namespace

std::string WriteCap(const CapAlert& a) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto alert = doc.append_child("alert");
    alert.append_attribute("xmlns") = std::string(kCapNamespace).c_str();
    Add(alert, "identifier", a.identifier, true);
    Add(alert, "sender", a.sender, true);
    Add(alert, "sent", FormatCapTime(a.sent), true);
    Add(alert, "status", a.status, true);
    Add(alert, "msgType", a.msg_type, true);
    Add(alert, "source", a.source);
    Add(alert, "scope", a.scope, true);
    Add(alert, "restriction", a.restriction);
    Add(alert, "addresses", a.addresses);
    Add(alert, "note", a.note);
    std::string refs;
    for (const auto& r : a.references) refs += (refs.empty() ? "" : " ") + r.sender + "," + r.identifier + "," + r.sent;
    Add(alert, "references", refs);
    for (const auto& i : a.infos) {
        auto info = alert.append_child("info");
        Add(info, "language", i.language);
        for (const auto& c : i.categories) Add(info, "category", c, true);
        Add(info, "event", i.event, true);
        for (const auto& r : i.response_types) Add(info, "responseType", r, true);
        Add(info, "urgency", i.urgency, true);
        Add(info, "severity", i.severity, true);
        Add(info, "certainty", i.certainty, true);
        if (i.effective) Add(info, "effective", FormatCapTime(i.effective));
        if (i.onset) Add(info, "onset", FormatCapTime(i.onset));
        if (i.expires) Add(info, "expires", FormatCapTime(i.expires));
        Add(info, "senderName", i.sender_name);
        Add(info, "headline", i.headline);
        Add(info, "description", i.description);
        Add(info, "instruction", i.instruction);
        Add(info, "web", i.web);
        AddPairs(info, "parameter", i.parameters);
        for (const auto& area : i.areas) {
            auto n = info.append_child("area");
            Add(n, "areaDesc", area.desc, true);
            for (const auto& ring : area.polygons) Add(n, "polygon", PointsOf(ring), true);
            for (const auto& c : area.circles)
                Add(n, "circle", Num(c.centre.lat) + "," + Num(c.centre.lon) + " " + Num(c.radius_km), true);
            AddPairs(n, "geocode", area.geocodes);
        }
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace caunoi::warnings
