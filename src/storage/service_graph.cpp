#include "storage/service_graph.hpp"

#include <stdexcept>

#include "core/embedded.hpp"

namespace caunoi::storage {

namespace {
std::vector<fieldwork::TaskRule> LoadRules() {
    auto rules = fieldwork::ParseTaskRules(EmbeddedFile("data/task_rules.tsv"));
    if (!rules.ok()) throw std::runtime_error(rules.error().detail);
    return std::move(rules).value();
}
WorkingCalendar LoadCalendar() {
    auto cal = WorkingCalendar::Parse(EmbeddedFile("data/holidays.tsv"));
    if (!cal.ok()) throw std::runtime_error("data/holidays.tsv: " + cal.error().detail);
    return std::move(cal).value();
}
}  // namespace

ServiceGraph::ServiceGraph(Database& d, const Clock& c, const GraphConfig& cfg)
    : db(d),
      clock(c),
      config(cfg),
      calendar(LoadCalendar()),
      transactions(d),
      audit_store(d, &transactions.rows()),
      area_store(d),
      registry_store(d, c, cfg.search_window, cfg.match_window),
      user_store(d),
      team_store(d),
      fieldwork_store(d, c, &transactions.rows()),
      desk_store(d),
      procedure_store(d),
      dossier_store(d),
      rate_limit_store(d),
      sync_store(d, &transactions.rows()),
      outbox_store(d),
      sms_store(d),
      alert_store(d),
      audience_store(d),
      audit(audit_store, c),
      areas(area_store, audit, c),
      registry(registry_store, transactions, audit, c, cfg.id_key, area_store),
      auth(user_store, audit, c, rate_limit_store),
      teams(team_store, transactions, audit, c),
      fieldwork(fieldwork_store, transactions, registry_store, audit, c, LoadRules(), calendar),
      desk(desk_store, transactions, fieldwork, audit, c),
      procedures(procedure_store, transactions, audit, c),
      dossiers(dossier_store, transactions, procedures, registry_store, audit, c, calendar, catalogs_,
               rate_limit_store),
      sync(sync_store, transactions, registry, registry_store, fieldwork, fieldwork_store, audit, c),
      sms(sms_store, transactions, outbox_store, dossier_store, procedures, fieldwork, rate_limit_store, catalogs_, c,
          cfg.sms_price, cfg.sms_unicode),
      alerts(
          alert_store, audience_store, transactions, c,
          [this](const std::string& code) { return audience_store.KnownCommune(code); },
          [this](const char* msgid) { return catalogs_.Translate("vi", msgid); },
          warnings::AlertOptions{cfg.sms_unicode, cfg.link_base, "caunoi"}) {
    transactions.OnRollback([this] { registry_store.ForgetCached(); });
    sms.OnBroadcastDone(
        [this](int64_t number, const std::string& phone) { return alerts.AcknowledgeBySms(number, phone); });
}

void ServiceGraph::LoadShippedCatalogs() {
    for (const auto& [path, content] : EmbeddedFiles())
        if (path.rfind("i18n/", 0) == 0 && path.size() > 8)
            catalogs_.Add(path.substr(5, path.size() - 8), i18n::ParsePo(content));
}

Status ServiceGraph::SeedReferenceData() {
    CAUNOI_TRY(areas.SeedCommunes(EmbeddedFile("data/nghe_an_communes.tsv")));
    for (auto [catalog, file] : {std::pair{fieldwork::Catalog::kServices, "data/services.tsv"},
                                 std::pair{fieldwork::Catalog::kTips, "data/safety_tips.tsv"}}) {
        auto entries = fieldwork::ParseCatalog(EmbeddedFile(file));
        if (!entries.ok()) return Error::Internal(std::string(file) + ": " + entries.error().detail);
        CAUNOI_TRY(fieldwork_store.SeedCatalog(catalog, *entries));
    }
    auto procs = procedures::Parse(EmbeddedFile("data/procedures.txt"));
    if (!procs.ok()) return Error::Internal("data/procedures.txt: " + procs.error().detail);
    std::vector<std::pair<std::string, std::string>> blocks;
    for (const auto& p : *procs) blocks.emplace_back(p.code, p.source);
    return procedure_store.Seed(blocks);
}

}  // namespace caunoi::storage
