// Warning feeds polled from outside (Atom/RSS listing CAP alerts, docs/warnings.md).
#include "fuzz_check.hpp"
#include "warnings/feed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)caunoi::warnings::ParseFeed(AsText(data, size), "https://canhbao.example.vn/feed.xml");
    return 0;
}
