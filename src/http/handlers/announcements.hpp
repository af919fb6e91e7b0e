// Commune announcements over HTTP (board/announcements.hpp, docs/announcements.md) as a module
// (http/module.hpp): the officers' list and compose form, the public page of each announcement
// with its audio for the loudspeaker, the printable A4 notice, and /api/v1/announcements. The
// village board reaches the service with app.Get<AnnouncementsModule>().service.
#pragma once

#include <vector>

#include "board/announcements.hpp"
#include "http/module.hpp"
#include "storage/announcement_store.hpp"
#include "storage/service_graph.hpp"

namespace caunoi::http {

class AnnouncementsModule final : public Module {
  public:
    explicit AnnouncementsModule(storage::ServiceGraph& g)
        : store(g.db),
          service(
              store, g.transactions, g.audit, g.clock,
              [&g](const char* msgid) { return g.catalogs_.Translate("vi", msgid); }, g.config.sms_unicode) {}
    void AddRoutes(std::vector<Route>& rt) override;

    storage::AnnouncementStore store;
    board::AnnouncementService service;
};

}  // namespace caunoi::http
