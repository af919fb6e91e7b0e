// Listing photos for cheap phones and slow links (issue 20, item 2): an uploaded photo, checked
// and decoded by libvips, turned upright, made into a listing image (at most kMaxLargeBytes) and a
// thumbnail (at most kMaxThumbBytes), each as WebP and as a JPEG fallback, with no metadata.
//
// The uploaded bytes are never kept or served: only these four re-encoded images are, so a file
// that is two things at once (a JPEG with a ZIP or HTML appended) loses its second self here.
// Only JPEG, PNG and WebP are read: the kind is sniffed from the first bytes, then libvips must
// agree (every other libvips loader is blocked at start, and so are its "untrusted" ones).
// Dimensions and decoded pixels are checked from the header, before any pixel is decoded, so a
// decompression bomb costs a header read.
//
// The photo's GPS position (EXIF) is read and returned, never written out: the caller keeps it
// only when the owner chose to show the place.
// Thread-safety: ProcessPhoto may be called from any thread; libvips is initialised once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caunoi::listings {

inline constexpr size_t kMaxLargeBytes = 60 * 1024;  // the listing image, WebP and JPEG each
inline constexpr size_t kMaxThumbBytes = 8 * 1024;   // the thumbnail, WebP and JPEG each
inline constexpr int kLargeSide = 800;               // the listing image's longer side, at most
inline constexpr int kThumbSide = 200;               // the thumbnail's longer side, at most

struct PhotoLimits {
    size_t max_bytes = 12 * 1024 * 1024;  // the uploaded file
    int max_side = 10000;                 // either side, in pixels
    int64_t max_pixels = 40'000'000;      // width × height, decoded (a 12 MP phone photo is 12 million)
    int min_side = 240;                   // the shorter side: smaller is no use on a listing
};

struct Image {
    std::string bytes;
    int width = 0;
    int height = 0;
    int quality = 0;  // the encoder's Q it was saved at (for logs and the benchmark)
};

struct GeoPoint {
    double lat = 0;
    double lon = 0;
};

struct Photo {
    Image large_webp, large_jpeg, thumb_webp, thumb_jpeg;
    std::optional<GeoPoint> gps;  // from the EXIF, when it had a valid one
};

// The four images of `bytes`. Errors name the field "photo", with a message id for the person:
// kPayloadTooLarge for more than max_bytes; kUnsupported for what is not a JPEG, PNG or WebP;
// kInvalid for a damaged file, too many pixels or a side too long or too short (each its own
// message id; the ids state the default PhotoLimits, the detail the limits applied). kInternal
// only if an image cannot be brought within its budget at all (not seen for any photo).
Result<Photo> ProcessPhoto(std::string_view bytes, const PhotoLimits& limits = {});

}  // namespace caunoi::listings
