// Listing photos uploaded from phones (docs/photos.md): the checks before and after libvips reads
// the header (size, sides, pixels), on small limits so that each input stays cheap.
#include "fuzz_check.hpp"
#include "listings/photo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    caunoi::listings::PhotoLimits limits;
    limits.max_bytes = 64 * 1024;
    limits.max_side = 1024;
    limits.max_pixels = 512 * 512;
    limits.min_side = 8;
    (void)caunoi::listings::ProcessPhoto(AsText(data, size), limits);
    return 0;
}
