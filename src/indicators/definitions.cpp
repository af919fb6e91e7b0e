#include "indicators/definitions.hpp"

#include "core/result.hpp"

namespace caunoi::indicators {

namespace {

const char* kSkillsGroup = N_("Digital skills");
const char* kTargetsGroup = N_("National targets");
const char* kHabitGroup = N_("Habits: dossiers filed online");
const char* kHelpGroup = N_("Support given");
const char* kReachGroup = N_("Reach");
const char* kDeskGroup = N_("Commune desk");
const char* kOtherGroup = N_("Training, warnings, listings, signal");

std::vector<Definition> Build() {
    using K = Kind;
    using U = Unit;
    std::vector<Definition> d;
    auto add = [&](Definition def) { d.push_back(std::move(def)); };
    // Households and residents (storage/indicator_sources_registry.cpp).
    add({"hh_skilled", N_("Households with a member independent in all 5 basic skills"), kTargetsGroup, K::kStatus,
         U::kShare, 100, true});
    add({"adult_smartphone", N_("Adults with a smartphone"), kTargetsGroup, K::kStatus, U::kShare, 80, true});
    add({"payment_15", N_("People aged 15 or more with a payment account"), kTargetsGroup, K::kStatus, U::kShare, 80,
         true});
    add({"hh_fibre", N_("Households with fibre broadband"), kTargetsGroup, K::kStatus, U::kShare, 80, true});
    add({"hh_net_unasked", N_("Households not yet asked about their internet"), kTargetsGroup, K::kStatus, U::kCount});
    add({"adult_vneid1", N_("Adults with VNeID level 1"), kTargetsGroup, K::kStatus, U::kShare});
    add({"adult_vneid2", N_("Adults with VNeID level 2"), kTargetsGroup, K::kStatus, U::kShare, -1, true});
    add({"adult_portal", N_("Adults with a public-service portal account"), kTargetsGroup, K::kStatus, U::kShare});
    add({"skill.", N_("Residents by skill and level"), kSkillsGroup, K::kStatus, U::kShare, -1, false, true});
    add({"reach", N_("Residents reached by at least one channel they can use"), kReachGroup, K::kStatus, U::kShare, -1,
         true});
    add({"reach.", N_("Residents reached, by channel"), kReachGroup, K::kStatus, U::kShare, -1, false, true});
    // Support sessions (storage/indicator_sources_fieldwork.cpp).
    add({"sessions", N_("Support sessions"), kHelpGroup, K::kEvent, U::kCount});
    add({"tips", N_("Safety tips delivered"), kHelpGroup, K::kEvent, U::kCount});
    add({"svc.", N_("Services by outcome"), kHelpGroup, K::kEvent, U::kCount, -1, false, true, true});
    add({"reason.", N_("Services not done, by reason"), kHelpGroup, K::kEvent, U::kCount, -1, false, true, true});
    add({"scams", N_("Scam reports"), kHelpGroup, K::kEvent, U::kCount});
    // Dossiers (storage/indicator_sources_fieldwork.cpp).
    add({"dossiers_online", N_("Dossiers filed online"), kHabitGroup, K::kEvent, U::kShare, -1, true});
    add({"dossiers_self", N_("Of those, filed by the resident alone"), kHabitGroup, K::kEvent, U::kShare, -1, true});
    add({"cohort3", N_("Helped for the first time: filed alone within 3 months"), kHabitGroup, K::kEvent, U::kShare});
    add({"cohort6", N_("Helped for the first time: filed alone within 6 months"), kHabitGroup, K::kEvent, U::kShare});
    // The other modules (storage/indicator_sources_modules.cpp).
    add({"desk_wait", N_("Waiting time at the desk"), kDeskGroup, K::kEvent, U::kMinutes, -1, false, false, true});
    add({"desk_serve", N_("Serving time at the desk"), kDeskGroup, K::kEvent, U::kMinutes, -1, false, false, true});
    add({"desk_returns", N_("Came back to the desk within 30 days"), kDeskGroup, K::kEvent, U::kShare, -1, false, false,
         true});
    add({"training", N_("Training attendances"), kOtherGroup, K::kEvent, U::kCount, -1, false, false, true});
    add({"warning_ack", N_("Warnings acknowledged by the village loudspeaker"), kOtherGroup, K::kEvent, U::kShare});
    add({"listings", N_("Products and places listed"), kOtherGroup, K::kStatus, U::kCount});
    add({"no_signal_villages", N_("Villages without mobile signal"), kOtherGroup, K::kStatus, U::kShare});
    add({"no_signal_reports", N_("No-signal reports"), kOtherGroup, K::kEvent, U::kCount});
    return d;
}

}  // namespace

const std::vector<Definition>& Definitions() {
    static const std::vector<Definition> d = Build();
    return d;
}

std::vector<std::string> TrendKeys() {
    std::vector<std::string> keys{"cohort3", "cohort6"};
    for (const auto& d : Definitions())
        if (d.headline) keys.push_back(d.key);
    return keys;
}

const Definition* Find(std::string_view key) {
    for (const auto& d : Definitions())
        if (d.family ? key.starts_with(d.key) && key.size() > d.key.size() : key == d.key) return &d;
    return nullptr;
}

}  // namespace caunoi::indicators
