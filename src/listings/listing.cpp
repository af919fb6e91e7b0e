#include "listings/listing.hpp"

#include <charconv>

#include "core/phone.hpp"
#include "core/text.hpp"

namespace caunoi::listings {

Kind KindOfCategory(std::string_view category) {
    auto i = IndexOf(kCategories, category);
    return i && *i >= kFirstPlaceCategory ? Kind::kPlace : Kind::kProduct;
}

Result<std::string> ReadText(const Fields& f, const std::string& key, size_t max, bool required, bool multiline) {
    const auto& all = f.all();
    auto it = all.find(key);
    std::string v = it == all.end() ? "" : text::Trim(it->second);
    if (multiline) text::ReplaceAll(v, "\r\n", "\n");
    if (v.empty()) {
        if (required) return Error::Invalid(key, "required", N_("This field is required"));
        return v;
    }
    if (!text::IsValidUtf8(v, multiline) || v.find('\t') != std::string::npos)
        return Error::Invalid(key, "invalid characters", N_("This text has characters that cannot be kept"));
    if (v.find_first_of("<>") != std::string::npos)
        return Error::Invalid(key, "markup", N_("Please write plain text, without < or >"));
    if (text::CodePoints(v) > max)
        return Error::Invalid(key, "longer than " + std::to_string(max), N_("This text is too long"));
    return v;
}

Result<int64_t> ParsePrice(const std::string& field, const std::string& raw) {
    std::string s = text::Trim(raw);
    // A trailing currency word or sign: "45.000 đ", "45000đ", "45.000 đồng", "45000 vnd".
    for (std::string_view tail : {"đồng", "đ", "vnđ", "vnd", "VNĐ", "VND"})
        if (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0) {
            s = text::Trim(s.substr(0, s.size() - tail.size()));
            break;
        }
    const Error not_dong = Error::Invalid(field, "not whole dong", N_("Write the price in đồng, with digits only"));
    std::string digits;
    char sep = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '.' || c == ',' || c == ' ') {
            if (sep && sep != c) return not_dong;
            sep = c;
        } else {
            return not_dong;
        }
    }
    // Separators split groups of three ("45.000", "1.250.000"): "4.5" is not a sum in đồng.
    if (sep) {
        const auto groups = text::Split(s, sep);
        if (groups.empty() || groups[0].size() > 3) return not_dong;
        for (size_t i = 1; i < groups.size(); ++i)
            if (groups[i].size() != 3) return not_dong;
    }
    if (digits.empty()) return Error::Invalid(field, "required", N_("This field is required"));
    if (digits.size() > 10) return Error::Invalid(field, "too large", N_("This price is too large"));
    int64_t v = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (v > kMaxPrice) return Error::Invalid(field, "too large", N_("This price is too large"));
    if (v == 0) return not_dong;
    return v;
}

std::vector<int> MonthList(int months) {
    std::vector<int> out;
    for (int m = 1; m <= 12; ++m)
        if (months & (1 << (m - 1))) out.push_back(m);
    return out;
}

namespace {

Result<int> ReadMonths(const Fields& f) {
    int months = 0;
    for (int m = 1; m <= 12; ++m) {
        auto it = f.all().find("month_" + std::to_string(m));
        if (it != f.all().end() && !it->second.empty() && it->second != "0") months |= 1 << (m - 1);
    }
    auto it = f.all().find("months");
    if (it != f.all().end())
        for (auto part : text::Split(it->second, ',')) {
            int m = 0;
            auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), m);
            if (ec != std::errc() || p != part.data() + part.size() || m < 1 || m > 12)
                return Error::Invalid("months", "months are 1 to 12", N_("Months are numbered 1 to 12"));
            months |= 1 << (m - 1);
        }
    return months == 0xFFF ? 0 : months;
}

}  // namespace

Result<Listing> ReadListing(const Fields& f) {
    Listing l;
    CAUNOI_ASSIGN(l.category, ReadText(f, "category", 20, true, false));
    if (!Contains(kCategories, l.category))
        return Error::Invalid("category", "unknown category", N_("Choose one of the kinds in the list"));
    l.kind = KindOfCategory(l.category);
    if (f.Has("kind") && !f.all().at("kind").empty() && kKinds.Name(l.kind) != f.all().at("kind"))
        return Error::Invalid("category", "category of the other kind", N_("Choose one of the kinds in the list"));
    if (l.category == "ocop") {
        CAUNOI_ASSIGN(auto stars, f.Int("ocop_stars", 3, 5));
        if (!stars) return Error::Invalid("ocop_stars", "required", N_("An OCOP product has 3, 4 or 5 stars"));
        l.ocop_stars = static_cast<int>(*stars);
    }
    CAUNOI_ASSIGN(l.name, ReadText(f, "name", kMaxName, true, false));
    CAUNOI_ASSIGN(l.description, ReadText(f, "description", kMaxDescription, true, true));
    CAUNOI_ASSIGN(l.description_en, ReadText(f, "description_en", kMaxDescription, false, true));
    CAUNOI_ASSIGN(l.household_id, ReadText(f, "household_id", 40, false, false));
    CAUNOI_ASSIGN(l.owner_name, ReadText(f, "owner_name", kMaxName, l.household_id.empty(), false));
    CAUNOI_ASSIGN(auto phone, ReadText(f, "contact_phone", 20, true, false));
    auto mobile = phone::NormalizeMobile(phone);
    if (!mobile)
        return Error::Invalid("contact_phone", "not a mobile number",
                              N_("Write a mobile number people can call, such as 0912 345 678"));
    l.contact_phone = *mobile;
    CAUNOI_ASSIGN(auto price, ReadText(f, "price", 30, true, false));
    CAUNOI_ASSIGN(l.price, ParsePrice("price", price));
    CAUNOI_ASSIGN(l.months, ReadMonths(f));
    if (l.kind == Kind::kProduct) {
        CAUNOI_ASSIGN(l.unit, ReadText(f, "unit", 20, true, false));
        CAUNOI_ASSIGN(l.quantity, ReadText(f, "quantity", 80, false, false));
        CAUNOI_ASSIGN(l.pickup, ReadText(f, "pickup", 160, false, false));
    } else {
        CAUNOI_ASSIGN(auto high, ReadText(f, "price_max", 30, false, false));
        if (!high.empty()) {
            CAUNOI_ASSIGN(l.price_max, ParsePrice("price_max", high));
            if (l.price_max < l.price)
                return Error::Invalid("price_max", "below the low end",
                                      N_("The highest price cannot be below the lowest"));
        }
        CAUNOI_ASSIGN(l.unit, ReadText(f, "unit", 20, false, false));
        CAUNOI_ASSIGN(auto cap, f.Int("capacity", 0, 500));
        l.capacity = static_cast<int>(cap.value_or(0));
        CAUNOI_ASSIGN(l.directions, ReadText(f, "directions", 600, false, true));
        CAUNOI_ASSIGN(l.lat, f.Real("lat", 18.0, 20.5));
        CAUNOI_ASSIGN(l.lon, f.Real("lon", 103.5, 106.5));
        if (l.lat.has_value() != l.lon.has_value())
            return Error::Invalid(l.lat ? "lon" : "lat", "both or neither",
                                  N_("Give both latitude and longitude, or neither"));
    }
    CAUNOI_ASSIGN(auto show_place, f.Bool("show_place"));
    l.show_place = show_place.value_or(false);
    CAUNOI_ASSIGN(auto consent, f.Bool("consent"));
    if (!consent.value_or(false))
        return Error::Invalid("consent", "the owner's consent is required",
                              N_("Ask the owner first: the listing is published only with their consent"));
    return l;
}

}  // namespace caunoi::listings
