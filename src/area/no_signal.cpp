#include "area/no_signal.hpp"

#include "core/ulid.hpp"

namespace caunoi::area {

Result<NoSignalReport> NoSignalService::Report(const Actor& a, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"village_id", "lat", "lon", "operator"}));
    CAUNOI_ASSIGN(auto village, f.Text("village_id", 26, true));
    NoSignalReport r;
    CAUNOI_ASSIGN(r.area_path, villages_.VillagePath(a.scope, *village));
    r.id = NewUlid();
    r.village_id = *village;
    CAUNOI_ASSIGN(r.lat, f.Real("lat", 18.5, 20.1));
    CAUNOI_ASSIGN(r.lon, f.Real("lon", 103.8, 106.0));
    if (r.lat.has_value() != r.lon.has_value())
        return Error::Invalid(r.lat ? "lon" : "lat", "give both coordinates or neither", N_("Invalid value"));
    static const char* kOperators[] = {"viettel", "vinaphone", "mobifone", "vietnamobile", "other"};
    CAUNOI_ASSIGN(auto op, f.Choice("operator", {"viettel", "vinaphone", "mobifone", "vietnamobile", "other"}));
    if (op) r.op = kOperators[*op];
    r.reported_by = a.user_id;
    r.at = clock_.NowSeconds();
    CAUNOI_TRY(repo_.Insert(r));
    CAUNOI_TRY(audit_.Record(a, "create", "no_signal", r.id, r.area_path, r.op));
    return r;
}

}  // namespace caunoi::area
