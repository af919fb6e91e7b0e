// Approved listings as CSV for the national programme's e-commerce platforms and the province's
// OCOP list (issue 20, item 5; docs/listings.md "Export"). Each target's columns are data
// (data/listing_platforms.tsv: platform key, its name, a column header, the listing field that
// fills it), so a team fixes a column without a new build.
//
// The CSV is RFC 4180 (CRLF, fields quoted when they hold a comma, a quote or a line break) in
// UTF-8 with a byte-order mark (spreadsheet programs then read Vietnamese right). A text cell
// that starts with = + - @ gets a leading apostrophe, so no cell is run as a formula.
// Thread-safety: pure functions over plain values.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "listings/listing.hpp"

namespace caunoi::listings {

struct ExportColumn {
    std::string header, field;
};
struct Platform {
    std::string key, name;
    std::string only_category;  // "": every listing; else only this category (the OCOP list)
    std::vector<ExportColumn> columns;
};
using Platforms = std::vector<Platform>;

// The fields a column may name.
inline constexpr std::string_view kExportFields[] = {"row",
                                                     "id",
                                                     "kind",
                                                     "category",
                                                     "category_key",
                                                     "ocop_stars",
                                                     "name",
                                                     "description",
                                                     "description_en",
                                                     "price",
                                                     "price_max",
                                                     "unit",
                                                     "season",
                                                     "months",
                                                     "quantity",
                                                     "pickup",
                                                     "capacity",
                                                     "directions",
                                                     "owner_name",
                                                     "contact_phone",
                                                     "village",
                                                     "commune",
                                                     "commune_id",
                                                     "lat",
                                                     "lon",
                                                     "url",
                                                     "photo_url"};

// Lines "key<TAB>name<TAB>header<TAB>field"; '#' starts a comment; a field "only:<category>"
// (header "*") restricts the platform to one category. Invalid naming the line otherwise.
Result<Platforms> ParsePlatforms(std::string_view tsv);
const Platform* FindPlatform(const Platforms& ps, std::string_view key);

struct ExportContext {
    std::string base_url;                           // for "url" and "photo_url"
    std::function<std::string(const char*)> tr;     // message ids into the sheet's language
    std::function<std::string(int months)> season;  // "tháng 1–3" / "quanh năm"
};
std::string ExportCsv(const Platform& p, const std::vector<Listing>& ls, const ExportContext& ctx);

// One CSV cell, quoted and defused as above.
std::string CsvCell(std::string_view v, bool text);

}  // namespace caunoi::listings
