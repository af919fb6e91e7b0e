#include "listings/export.hpp"

#include <algorithm>
#include <cstdio>

#include "core/text.hpp"

namespace caunoi::listings {

Result<Platforms> ParsePlatforms(std::string_view tsv) {
    Platforms out;
    int line_no = 0;
    for (auto line : text::Split(tsv, '\n')) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        size_t start = 0;
        for (;;) {
            size_t tab = line.find('\t', start);
            cells.emplace_back(text::Trim(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        const std::string where = "data/listing_platforms.tsv line " + std::to_string(line_no);
        if (cells.size() != 4 || cells[0].empty() || cells[1].empty() || cells[2].empty() || cells[3].empty())
            return Error::Invalid("platforms", where + ": expected key, name, header, field");
        auto it = std::find_if(out.begin(), out.end(), [&](const Platform& p) { return p.key == cells[0]; });
        if (it == out.end()) {
            out.push_back({cells[0], cells[1], "", {}});
            it = out.end() - 1;
        }
        if (cells[3].rfind("only:", 0) == 0) {
            it->only_category = cells[3].substr(5);
            if (!Contains(kCategories, it->only_category))
                return Error::Invalid("platforms", where + ": unknown category " + it->only_category);
            continue;
        }
        if (std::find(std::begin(kExportFields), std::end(kExportFields), cells[3]) == std::end(kExportFields))
            return Error::Invalid("platforms", where + ": unknown field " + cells[3]);
        it->columns.push_back({cells[2], cells[3]});
    }
    for (const auto& p : out)
        if (p.columns.empty()) return Error::Invalid("platforms", "platform " + p.key + " has no column");
    return out;
}

const Platform* FindPlatform(const Platforms& ps, std::string_view key) {
    for (const auto& p : ps)
        if (p.key == key) return &p;
    return nullptr;
}

std::string CsvCell(std::string_view v, bool text) {
    std::string s(v);
    if (text && !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

namespace {

std::string Coordinate(const std::optional<double>& v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", *v);
    return buf;
}

// The value of `field` for `l`, and whether it is free text (defused) rather than a number.
std::pair<std::string, bool> FieldOf(const Listing& l, const std::string& field, size_t row, const ExportContext& c) {
    if (field == "row") return {std::to_string(row), false};
    if (field == "id") return {l.id, false};
    if (field == "kind") return {c.tr(kKinds.Msgid(l.kind)), true};
    if (field == "category") return {c.tr(MsgidOf(kCategories, l.category)), true};
    if (field == "category_key") return {l.category, false};
    if (field == "ocop_stars") return {l.ocop_stars ? std::to_string(l.ocop_stars) : "", false};
    if (field == "name") return {l.name, true};
    if (field == "description") return {l.description, true};
    if (field == "description_en") return {l.description_en, true};
    if (field == "price") return {std::to_string(l.price), false};
    if (field == "price_max") return {l.price_max ? std::to_string(l.price_max) : "", false};
    if (field == "unit") return {l.unit, true};
    if (field == "season") return {c.season(l.months), true};
    if (field == "months") {
        std::string s;
        for (int m : MonthList(l.months)) s += (s.empty() ? "" : ",") + std::to_string(m);
        return {s, false};
    }
    if (field == "quantity") return {l.quantity, true};
    if (field == "pickup") return {l.pickup, true};
    if (field == "capacity") return {l.capacity ? std::to_string(l.capacity) : "", false};
    if (field == "directions") return {l.directions, true};
    if (field == "owner_name") return {l.owner_name, true};
    if (field == "contact_phone") return {l.contact_phone, false};
    if (field == "village") return {l.village_name, true};
    if (field == "commune") return {l.commune_name, true};
    if (field == "commune_id") return {l.commune_id, false};
    if (field == "lat") return {Coordinate(l.lat), false};
    if (field == "lon") return {Coordinate(l.lon), false};
    if (field == "url") return {c.base_url + "/l/" + l.id, false};
    if (field == "photo_url")
        return {l.photo_id.empty() ? "" : c.base_url + "/listing-photos/" + l.photo_id + "/large.jpg", false};
    return {"", false};
}

}  // namespace

std::string ExportCsv(const Platform& p, const std::vector<Listing>& ls, const ExportContext& ctx) {
    std::string out = "\xEF\xBB\xBF";
    for (size_t i = 0; i < p.columns.size(); ++i) out += (i ? "," : "") + CsvCell(p.columns[i].header, true);
    out += "\r\n";
    size_t row = 0;
    for (const auto& l : ls) {
        if (!p.only_category.empty() && l.category != p.only_category) continue;
        ++row;
        for (size_t i = 0; i < p.columns.size(); ++i) {
            auto [v, text] = FieldOf(l, p.columns[i].field, row, ctx);
            out += (i ? "," : "") + CsvCell(v, text);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace caunoi::listings
