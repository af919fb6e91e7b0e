#include "http/handlers/training.hpp"

#include <stdexcept>

#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "http/handlers/board.hpp"

namespace caunoi::http {

CAUNOI_MODULE(training, TrainingModule);

namespace {

// The days off of data/holidays.tsv, and the fixed-date national holidays of the years around it
// (the file covers a few years; 1 January, 30 April, 1 May and 2 September are the same every year).
training::Holidays HolidaysOf(const WorkingCalendar& c) {
    training::Holidays out;
    for (const auto& [day, d] : c.days())
        if (d.day_off) out[day] = d.name_vi;
    static const std::pair<const char*, const char*> kFixed[] = {{"-01-01", "Tết Dương lịch"},
                                                                  {"-04-30", "Ngày Giải phóng miền Nam"},
                                                                  {"-05-01", "Ngày Quốc tế Lao động"},
                                                                  {"-09-02", "Quốc khánh"}};
    for (int y = c.first_year(); y <= c.last_year() + 10; ++y)
        for (const auto& [md, name] : kFixed)
            if (auto day = ParseDate(std::to_string(y) + md)) out.emplace(*day, name);
    return out;
}

}  // namespace

TrainingModule::TrainingModule(storage::ServiceGraph& g)
    : curriculum(g.db),
      store(g.db, g.registry_store),
      calendars(g.db),
      calendar(calendars, ShippedCalendar(ShippedCrops()), {}, g.audit, g.clock),
      service(
          store, g.transactions, g.audit, g.clock, [this] { return Current(); },
          [this](const std::string& commune_id) { return calendar.Of(commune_id); }, HolidaysOf(g.calendar),
          // A language without a catalog of its own gets Vietnamese (without diacritics), as dossiers do.
          [&g](const std::string& lang, const char* msgid) {
              return g.catalogs_.Has(lang) ? g.catalogs_.Translate(lang, msgid) : std::string(msgid);
          },
          g.config.sms_unicode),
      g_(g) {
    // Attendance and checks taken offline in the field app (docs/sync.md).
    g.sync.AddKind("training_attendance", [this](const Actor& a, const sync::Op& op, sync::OpResult& out) -> Status {
        Fields f(op.data);
        const std::string id = op.data.count("session_id") ? op.data.at("session_id") : "";
        CAUNOI_ASSIGN(auto s, service.Get(a, id));
        out.area_path = s.area_path;
        out.summary = "session " + s.id;
        return service.MarkPresent(a, id, f, op.at_ms / 1000);
    });
    g.sync.AddKind("training_check", [this](const Actor& a, const sync::Op& op, sync::OpResult& out) -> Status {
        Fields f(op.data);
        const std::string id = op.data.count("session_id") ? op.data.at("session_id") : "";
        CAUNOI_ASSIGN(auto s, service.Get(a, id));
        out.area_path = s.area_path;
        CAUNOI_ASSIGN(auto r, service.Check(a, id, f, op.at_ms / 1000));
        out.summary = "session " + s.id + ", " + r.module + ": " + std::to_string(r.from) + " -> " + std::to_string(r.to);
        return {};
    });
}

std::string CurriculumInForce::Source() {
    auto stored = store_.Source();
    return stored.ok() && !stored->empty() ? *stored : EmbeddedFile("data/curriculum.txt");
}

training::Curriculum CurriculumInForce::Current() {
    const std::string source = Source();
    if (source == parsed_source_ && !parsed_.modules.empty()) return parsed_;
    auto parsed = training::ParseCurriculum(source);
    if (!parsed.ok()) {
        // Saved text is always validated first; the shipped file is tested. Keep the last good one.
        if (!parsed_.modules.empty()) return parsed_;
        parsed = training::ParseCurriculum(EmbeddedFile("data/curriculum.txt"));
        if (!parsed.ok()) throw std::runtime_error("data/curriculum.txt: " + parsed.error().detail);
    }
    parsed_source_ = source;
    parsed_ = std::move(parsed).value();
    return parsed_;
}

Status TrainingModule::SaveCurriculum(const Actor& a, const std::string& source) {
    if (!a.AtLeast(Role::kProvinceAdmin)) return Error::Forbidden("the curriculum is edited by the province admin");
    CAUNOI_ASSIGN(auto parsed, training::ParseCurriculum(source));
    const int64_t now = g_.clock.NowSeconds();
    return g_.transactions.Atomically([&]() -> Status {
        CAUNOI_TRY(curriculum.store().Save(source, a.user_id, now));
        return g_.audit.Record(a, "update", "training_curriculum", "1", "40",
                               std::to_string(parsed.modules.size()) + " modules");
    });
}

void TrainingModule::AddRoutes(std::vector<Route>& rt) {
    AddTrainingPages(rt);
    AddTrainingApi(rt);
}

}  // namespace caunoi::http
