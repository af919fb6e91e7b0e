// A realistic, clearly synthetic demo dataset for real highland communes of Nghệ An:
// villages (marked "(mẫu)" = sample), households with Thái, Mông, Khơ Mú and Kinh names,
// plausible device and skill distributions, teams, members, and one login per role.
// Deterministic for a given seed. Uses only the domain services (so scope, consent and
// audit rules apply to demo data exactly as to real data).
#pragma once

#include "listings/listing_service.hpp"
#include "training/training.hpp"

#include <functional>
#include <string>
#include <vector>

#include "area/area.hpp"
#include "auth/auth.hpp"
#include "board/prices.hpp"
#include "board/weather.hpp"
#include "core/transactions.hpp"
#include "fieldwork/fieldwork.hpp"
#include "procedures/services.hpp"
#include "registry/registry.hpp"
#include "team/team.hpp"

namespace caunoi::warnings {
class AlertService;
}
namespace caunoi::board {
class AnnouncementService;
}

namespace caunoi::demo {

struct DemoLogin {
    std::string login;
    std::string password;
    std::string role;
    std::string where;
};

struct DemoOptions {
    int households_per_commune = 150;
    unsigned seed = 2026;
};

struct DemoServices {
    area::AreaService& areas;
    registry::RegistryService& registry;
    team::TeamService& teams;
    auth::AuthService& auth;
    fieldwork::FieldworkService& fieldwork;
    procedures::DossierService& dossiers;
    Transactions& transactions;
    warnings::AlertService& alerts;
    board::WeatherService& weather;
    board::PriceService& prices;
    board::AnnouncementService* announcements = nullptr;  // a few announcements per commune when given
    training::TrainingService* training = nullptr;        // a planned session per commune when given
    listings::ListingService* listings = nullptr;         // products and a homestay per commune when given
};

inline constexpr const char* kDemoPassword = "caunoi-demo-2026";

Result<std::vector<DemoLogin>> CreateDemo(DemoServices& s, const DemoOptions& opts);

}  // namespace caunoi::demo
