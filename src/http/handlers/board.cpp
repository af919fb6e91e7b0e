#include "http/handlers/board.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "area/area.hpp"
#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "core/text.hpp"
#include "sms/keywords.hpp"
#include "sms/service.hpp"

namespace caunoi::http {

CAUNOI_MODULE(board, BoardModule);

board::CropCatalog ShippedCrops() {
    auto c = board::CropCatalog::Parse(EmbeddedFile("data/crops.tsv"));
    if (!c.ok()) throw std::runtime_error("data/crops.tsv: " + c.error().detail);
    return std::move(c).value();
}

namespace {
// The crops a calendar has rows for: those grown (livestock, priced by the head, has no stages).
std::vector<std::string> KeysOf(const board::CropCatalog& crops) {
    std::vector<std::string> keys;
    for (const auto& c : crops.all())
        if (std::find(c.units.begin(), c.units.end(), "head") == c.units.end()) keys.push_back(c.key);
    return keys;
}

}  // namespace

board::CropCalendar ShippedCalendar(const board::CropCatalog& crops) {
    auto c = board::ParseDefaultCalendar(EmbeddedFile("data/crop_calendar.tsv"), KeysOf(crops));
    if (!c.ok()) throw std::runtime_error("data/crop_calendar.tsv: " + c.error().detail);
    return std::move(c).value();
}

BoardModule::BoardModule(storage::ServiceGraph& g)
    : weather_store(g.db),
      price_store(g.db),
      calendar_store(g.db),
      village_codes(g.db),
      pages(g.clock, kPageSeconds * 1000, 1000),
      crops(ShippedCrops()),
      weather(weather_store, g.audit, g.clock),
      prices(price_store, crops, g.audit, g.clock),
      calendar(calendar_store, ShippedCalendar(crops), KeysOf(crops), g.audit, g.clock) {
    // GIA and THOITIET by SMS: answered in Vietnamese (GSM-7), one message.
    g.sms.OnBoard(
        [this, &g](sms::Command c, const std::string& arg, const std::string& commune_id) -> Result<std::string> {
            auto T = [&g](const char* msgid) { return g.catalogs_.Translate("vi", msgid); };
            auto name_of = [&g](const std::string& id) {
                auto a = g.areas.Get(Reader(), id);
                return a.ok() ? a->name : id;
            };
            if (c == sms::Command::kPrice) return prices.SmsAnswer(arg, commune_id, name_of, T);
            if (commune_id.empty())
                return T(N_("Cau Noi: send THOITIET and the name of your commune, e.g. THOITIET Muong Xen."));
            CAUNOI_ASSIGN(auto w, weather.Of(commune_id));
            if (!w || w->as_of == 0) {
                std::string s =
                    T(N_("Cau Noi: no forecast for {commune} at the moment. Listen to the village "
                         "loudspeaker."));
                text::ReplaceAll(s, "{commune}", name_of(commune_id));
                return channel::ToGsm7(s);
            }
            return board::WeatherSmsText(name_of(commune_id), *w, FormatDate(LocalDayOf(g.clock.NowSeconds())), T);
        });
}

Result<std::string> BoardModule::ShortCode(const std::string& village_id) {
    for (size_t n = 6; n < village_id.size(); n += 2) {
        const std::string code = village_id.substr(village_id.size() - n);
        CAUNOI_ASSIGN(auto ids, village_codes.EndingWith(code, 2));
        if (ids.size() == 1) return code;
    }
    return village_id;
}

Result<std::string> BoardModule::VillageOfCode(const std::string& code) {
    if (code.size() < 6 || code.size() > 40) return Error::NotFound("no such village");
    for (char ch : code)
        if (!std::isalnum(static_cast<unsigned char>(ch))) return Error::NotFound("no such village");
    CAUNOI_ASSIGN(auto ids, village_codes.EndingWith(code, 2));
    if (ids.size() != 1) return Error::NotFound("no such village");
    return ids.front();
}

void BoardModule::AddRoutes(std::vector<Route>& rt) {
    AddBoardPages(rt);
    AddBoardApi(rt);
}

Actor Reader(const std::string& path) {
    Actor a;
    a.scope.paths = {path};
    return a;
}

Result<BoardCommune> CommuneById(App& app, const std::string& id) {
    CAUNOI_ASSIGN(auto a, app.areas.Get(Reader(), id));
    if (a.kind != "commune" && a.kind != "ward") return Error::NotFound("no such commune");
    return BoardCommune{a.id, a.name, a.path};
}

}  // namespace caunoi::http
