// The village board's weather forecast, fetched from outside (docs/board.md): any answer is a
// forecast with values inside any weather's range, or refused.
#include "fuzz_check.hpp"
#include "http/open_meteo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto forecast = caunoi::http::ParseOpenMeteo(AsText(data, size));
    if (forecast.ok()) FUZZ_CHECK(!forecast->days.empty());
    return 0;
}
