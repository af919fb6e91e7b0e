// A sync push from the field app (docs/sync.md): any JSON body, operations or a refusal.
#include "fuzz_check.hpp"
#include "http/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    caunoi::http::Request r;
    r.method = "POST";
    r.headers["content-type"] = "application/json";
    r.body.assign(reinterpret_cast<const char*>(data), size);
    auto push = caunoi::http::ReadPush(r);
    if (push.ok()) {
        FUZZ_CHECK(!push->device.empty() && push->device.size() <= 64);
        FUZZ_CHECK(push->ops.size() <= caunoi::sync::kMaxOps);
    }
    return 0;
}
