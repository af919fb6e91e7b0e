// The SMS codecs (src/channel/encoding.hpp): UCS-2 as it arrives from the operator, and text made
// fit for GSM-7 and for a number of parts. ToGsm7 always gives GSM-7; Shorten always fits.
#include <string>

#include "channel/encoding.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 2000) return 0;
    auto bytes = AsText(data, size);
    namespace ch = caunoi::channel;
    std::string utf8 = ch::Utf16BeToUtf8(bytes);
    for (const std::string& text : {std::string(bytes), utf8}) {
        auto size_of = ch::Measure(text);
        FUZZ_CHECK(size_of.parts >= 0 && size_of.units >= 0);
        FUZZ_CHECK(ch::Measure(ch::ToGsm7(text)).gsm7);
        for (int parts = 1; parts <= 3; ++parts) FUZZ_CHECK(ch::Measure(ch::Shorten(text, parts)).parts <= parts);
    }
    return 0;
}
