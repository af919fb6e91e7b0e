// CAP 1.2 warnings from outside (docs/warnings.md): the alert, and the polygon, circle and time
// fields an officer types. Whatever is read must name something the specification allows.
#include "fuzz_check.hpp"
#include "warnings/cap.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto text = AsText(data, size);
    auto alert = caunoi::warnings::ParseCap(text);
    if (alert.ok()) {
        FUZZ_CHECK(!alert->identifier.empty());
        for (const auto& info : alert->infos)
            for (const auto& area : info.areas)
                for (const auto& polygon : area.polygons) FUZZ_CHECK(polygon.size() >= 4);
    } else {
        FUZZ_CHECK(!alert.error().detail.empty() || !alert.error().field.empty());
    }
    if (size < 4096) {
        (void)caunoi::warnings::ParseCapPolygon(text, "polygon");
        (void)caunoi::warnings::ParseCapCircle(text, "circle");
        (void)caunoi::warnings::ParseCapTime(text, "sent");
    }
    return 0;
}
