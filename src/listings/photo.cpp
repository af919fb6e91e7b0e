#include "listings/photo.hpp"

#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace caunoi::listings {
namespace {

// Threads libvips may use for one photo: requests come in parallel already, on 2 cores.
constexpr int kConcurrency = 2;
// Qualities tried in turn until an image is within its budget; past the last, it loses pixels.
constexpr int kJpegQualities[] = {80, 70, 60, 50};
constexpr int kWebpQualities[] = {75, 65, 55, 45};
// Below this shorter side an image is no use: a budget that needs it is a bug (kInternal).
constexpr int kMinOutputSide = 32;

// The only loaders left unblocked (their class names in libvips 8.14).
constexpr const char* kJpegLoader = "VipsForeignLoadJpegBuffer";
constexpr const char* kPngLoader = "VipsForeignLoadPngBuffer";
constexpr const char* kWebpLoader = "VipsForeignLoadWebpBuffer";

struct ImageUnref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

struct GFree {
    void operator()(void* p) const { g_free(p); }
};

// libvips' error text since the last call (its buffer is process-wide: with photos on several
// threads at once, a line may belong to another; it only goes into the English detail).
std::string VipsError() {
    std::unique_ptr<char, GFree> text(vips_error_buffer_copy());
    std::string s = text ? text.get() : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (char& c : s)
        if (c == '\n') c = ';';
    return s.empty() ? "libvips gave no reason" : s;
}

// libvips, initialised once for the process: no operation cache (every photo is new; a cache
// would hold decoded pixels), only the JPEG, PNG and WebP buffer loaders (every other loader,
// and every "untrusted" operation, blocked). Empty when ready, else why not.
const std::string& VipsReady() {
    static std::once_flag once;
    static std::string error;
    std::call_once(once, [] {
        if (VIPS_INIT("caunoi")) {
            error = "libvips did not start: " + VipsError();
            return;
        }
        vips_concurrency_set(kConcurrency);
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
        vips_cache_set_max_files(0);
        vips_block_untrusted_set(TRUE);
        vips_operation_block_set("VipsForeignLoad", TRUE);
        for (const char* loader : {kJpegLoader, kPngLoader, kWebpLoader}) vips_operation_block_set(loader, FALSE);
    });
    return error;
}

Error PhotoError(ErrorCode code, std::string detail, std::string title_id) {
    return {code, std::move(title_id), std::move(detail), "photo"};
}

Error Damaged(const std::string& detail) {
    return PhotoError(ErrorCode::kInvalid, detail, N_("The photo is damaged or incomplete"));
}

// The loader the first bytes name, if one of ours: JPEG (SOI and a marker), PNG (its
// eight-byte signature), WebP (a RIFF container of form WEBP).
const char* SniffLoader(std::string_view b) {
    if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return kJpegLoader;
    if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return kPngLoader;
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return kWebpLoader;
    return nullptr;
}

// An EXIF field as libvips 8.14 gives it ("18/1 40/1 3000/100 (18, 40, 30.00, Rational, 3
// components, 24 bytes)", "N (N, ASCII, 2 components, 2 bytes)"), or empty.
std::string ExifField(VipsImage* image, const char* name) {
    if (!vips_image_get_typeof(image, name)) return {};
    char* value = nullptr;
    if (vips_image_get_as_string(image, name, &value)) return {};
    std::unique_ptr<char, GFree> owned(value);
    return value ? value : "";
}

// Degrees from three EXIF rationals (degrees, minutes, seconds), the part before " (".
std::optional<double> Degrees(const std::string& field) {
    const std::string numbers = field.substr(0, field.find(" ("));
    double parts[3];
    size_t at = 0;
    for (double& part : parts) {
        while (at < numbers.size() && numbers[at] == ' ') ++at;
        char* end = nullptr;
        const double num = std::strtod(numbers.c_str() + at, &end);
        if (end == numbers.c_str() + at || *end != '/') return std::nullopt;
        const char* den_at = end + 1;
        const double den = std::strtod(den_at, &end);
        if (end == den_at || den <= 0 || num < 0 || !std::isfinite(num / den)) return std::nullopt;
        part = num / den;
        at = static_cast<size_t>(end - numbers.c_str());
    }
    if (parts[1] >= 60 || parts[2] >= 60) return std::nullopt;
    return parts[0] + parts[1] / 60 + parts[2] / 3600;
}

// The GPS position of the EXIF (IFD 3 in libvips' names), when whole and on the globe. (0, 0),
// in the sea off Africa, is what a phone without a fix writes: not a place.
std::optional<GeoPoint> ReadGps(VipsImage* image) {
    const auto lat = Degrees(ExifField(image, "exif-ifd3-GPSLatitude"));
    const auto lon = Degrees(ExifField(image, "exif-ifd3-GPSLongitude"));
    const std::string lat_ref = ExifField(image, "exif-ifd3-GPSLatitudeRef");
    const std::string lon_ref = ExifField(image, "exif-ifd3-GPSLongitudeRef");
    if (!lat || !lon || lat_ref.empty() || lon_ref.empty()) return std::nullopt;
    if ((lat_ref[0] != 'N' && lat_ref[0] != 'S') || (lon_ref[0] != 'E' && lon_ref[0] != 'W')) return std::nullopt;
    if (*lat > 90 || *lon > 180 || (*lat == 0 && *lon == 0)) return std::nullopt;
    return GeoPoint{lat_ref[0] == 'S' ? -*lat : *lat, lon_ref[0] == 'W' ? -*lon : *lon};
}

// Runs `op(in, &out)`, a libvips operation, and puts its output in place of `image`.
template <typename Op>
bool Apply(ImagePtr& image, Op&& op) {
    VipsImage* out = nullptr;
    if (op(image.get(), &out) != 0) return false;
    image.reset(out);
    return true;
}

// Computes `image` into memory (here the pixels are decoded) and drops every metadata field:
// EXIF, XMP, IPTC, ICC profile, comments.
bool Materialise(ImagePtr& image) {
    VipsImage* memory = vips_image_copy_memory(image.get());
    if (!memory) return false;
    image.reset(memory);
    std::unique_ptr<gchar*, decltype(&g_strfreev)> fields(vips_image_get_fields(image.get()), &g_strfreev);
    for (gchar** f = fields.get(); f && *f; ++f) vips_image_remove(image.get(), *f);  // base fields stay
    return true;
}

// sRGB, 8 bits, three bands: grey, 16-bit and CMYK converted, transparency on white (JPEG has none).
bool ToOpaqueSrgb(ImagePtr& image) {
    if (!Apply(image, [](VipsImage* in, VipsImage** out) {
            return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
        }))
        return false;
    if (vips_image_hasalpha(image.get())) {
        VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        const bool ok = Apply(image, [white](VipsImage* in, VipsImage** out) {
            return vips_flatten(in, out, "background", white, nullptr);
        });
        vips_area_unref(VIPS_AREA(white));
        if (!ok) return false;
    }
    if (vips_image_get_bands(image.get()) > 3 &&
        !Apply(image, [](VipsImage* in, VipsImage** out) { return vips_extract_band(in, out, 0, "n", 3, nullptr); }))
        return false;
    if (vips_image_get_format(image.get()) != VIPS_FORMAT_UCHAR &&
        !Apply(image, [](VipsImage* in, VipsImage** out) { return vips_cast_uchar(in, out, nullptr); }))
        return false;
    return true;
}

enum class Format { kJpeg, kWebp };

uint32_t Le32(std::string_view b, size_t at) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

// `webp` without its EXIF, XMP and ICC chunks, their VP8X flags cleared. libvips 8.14's
// webpsave writes an EXIF chunk (orientation, resolution) even when told to strip.
Result<std::string> StripWebp(std::string_view webp) {
    if (webp.size() < 12 || webp.substr(0, 4) != "RIFF" || webp.substr(8, 4) != "WEBP")
        return Error::Internal("WebP encoding: not a RIFF WEBP");
    std::string out(webp.substr(0, 12));
    for (size_t at = 12; at < webp.size();) {
        if (webp.size() - at < 8) return Error::Internal("WebP encoding: a truncated chunk header");
        const std::string_view id = webp.substr(at, 4);
        const size_t size = Le32(webp, at + 4), padded = size + (size & 1);
        if (webp.size() - at - 8 < padded) return Error::Internal("WebP encoding: a chunk past the end");
        if (id != "EXIF" && id != "XMP " && id != "ICCP") {
            const size_t start = out.size();
            out += webp.substr(at, 8 + padded);
            if (id == "VP8X" && size >= 1) out[start + 8] = static_cast<char>(out[start + 8] & ~(0x20 | 0x08 | 0x04));
        }
        at += 8 + padded;
    }
    const auto riff = static_cast<uint32_t>(out.size() - 8);
    for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff >> (8 * i)) & 0xFF);
    return out;
}

Result<std::string> Save(VipsImage* image, Format format, int quality) {
    void* buf = nullptr;
    size_t len = 0;
    const int r =
        format == Format::kJpeg
            ? vips_jpegsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, nullptr)
            : vips_webpsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, nullptr);
    std::unique_ptr<void, GFree> owned(buf);
    if (r != 0 || !buf || len == 0)
        return Error::Internal(std::string(format == Format::kJpeg ? "JPEG" : "WebP") + " encoding: " + VipsError());
    const std::string_view encoded(static_cast<const char*>(buf), len);
    if (format == Format::kWebp) return StripWebp(encoded);
    return std::string(encoded);
}

// `source` encoded within `budget` bytes: each quality in turn, then (over at the lowest) fewer
// pixels at the lowest quality, until it fits.
Result<Image> Encode(VipsImage* source, Format format, size_t budget) {
    const std::span<const int> ladder =
        format == Format::kJpeg ? std::span<const int>(kJpegQualities) : std::span<const int>(kWebpQualities);
    g_object_ref(source);
    ImagePtr image(source);
    std::span<const int> qualities = ladder;
    for (;;) {
        size_t size = 0;
        for (const int q : qualities) {
            CAUNOI_ASSIGN(std::string bytes, Save(image.get(), format, q));
            if (bytes.size() <= budget)
                return Image{std::move(bytes), vips_image_get_width(image.get()), vips_image_get_height(image.get()),
                             q};
            size = bytes.size();
        }
        // Bytes go roughly with pixels: shrink the sides by the square root of what is over, and a
        // little more, and at least by a tenth so that it ends.
        const double scale = std::min(0.9, 0.95 * std::sqrt(static_cast<double>(budget) / static_cast<double>(size)));
        const int shorter = std::min(vips_image_get_width(image.get()), vips_image_get_height(image.get()));
        if (shorter * scale < kMinOutputSide)
            return Error::Internal("cannot fit the photo in " + std::to_string(budget) + " bytes");
        if (!Apply(image, [scale](VipsImage* in, VipsImage** out) { return vips_resize(in, out, scale, nullptr); }) ||
            !Materialise(image))
            return Error::Internal("shrinking to fit the budget: " + VipsError());
        qualities = ladder.last(1);
    }
}

}  // namespace

Result<Photo> ProcessPhoto(std::string_view bytes, const PhotoLimits& limits) {
    if (bytes.size() > limits.max_bytes)
        return PhotoError(ErrorCode::kPayloadTooLarge,
                          std::to_string(bytes.size()) + " bytes, at most " + std::to_string(limits.max_bytes),
                          N_("The photo is too large: at most 12 MB"));
    const char* sniffed = SniffLoader(bytes);
    if (!sniffed)
        return PhotoError(ErrorCode::kUnsupported, "not a JPEG, PNG or WebP file",
                          N_("This file is not a photo: send a JPEG, PNG or WebP picture"));
    if (const std::string& error = VipsReady(); !error.empty()) return Error::Internal(error);

    // libvips must see the same kind, by its own sniffing (with every other loader blocked).
    const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
    if (!loader || std::string_view(loader) != sniffed) {
        vips_error_clear();
        return PhotoError(ErrorCode::kUnsupported,
                          std::string("libvips reads it as ") + (loader ? loader : "nothing") + ", not " + sniffed,
                          N_("This file is not a photo: send a JPEG, PNG or WebP picture"));
    }

    // The header only: no pixel is decoded before the sizes are known to be fine.
    ImagePtr header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL,
                                               "fail_on", VIPS_FAIL_ON_ERROR, nullptr));
    if (!header) return Damaged("header: " + VipsError());
    const int width = vips_image_get_width(header.get()), height = vips_image_get_height(header.get());
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width > limits.max_side || height > limits.max_side)
        return PhotoError(ErrorCode::kInvalid, size + ": a side over " + std::to_string(limits.max_side) + " pixels",
                          N_("The photo is too long or too wide: at most 10000 pixels on a side"));
    if (static_cast<int64_t>(width) * height > limits.max_pixels)
        return PhotoError(ErrorCode::kInvalid, size + ": more than " + std::to_string(limits.max_pixels) + " pixels",
                          N_("The photo has too many pixels: at most 40 megapixels"));
    if (std::min(width, height) < limits.min_side)
        return PhotoError(ErrorCode::kInvalid,
                          size + ": the shorter side under " + std::to_string(limits.min_side) + " pixels",
                          N_("The photo is too small: at least 240 pixels on the shorter side"));
    Photo photo;
    photo.gps = ReadGps(header.get());
    header.reset();

    // One decode, shrunk on load where the format allows (JPEG by 2, 4 or 8; WebP to any scale),
    // read top to bottom, turned upright by its EXIF orientation; any decoding error or truncation
    // fails it. (libvips 8.14's thumbnail_buffer does not hand its own fail_on to the loader: the
    // loader's option string does.)
    VipsImage* decoded = nullptr;
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &decoded, kLargeSide, "height", kLargeSide,
                              "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_ERROR, "option_string", "fail_on=error",
                              nullptr))
        return Damaged("decoding: " + VipsError());
    ImagePtr large(decoded);
    if (!ToOpaqueSrgb(large)) return Damaged("to sRGB: " + VipsError());
    if (!Materialise(large)) return Damaged("decoding: " + VipsError());
    const int large_w = vips_image_get_width(large.get()), large_h = vips_image_get_height(large.get());
    if (large_w < 1 || large_h < 1 || std::max(large_w, large_h) > kLargeSide || vips_image_get_bands(large.get()) != 3)
        return Error::Internal("decoded to " + std::to_string(large_w) + "x" + std::to_string(large_h));

    // The thumbnail from the decoded listing image, not from the upload again.
    VipsImage* small = nullptr;
    if (vips_thumbnail_image(large.get(), &small, kThumbSide, "height", kThumbSide, "size", VIPS_SIZE_DOWN, "no_rotate",
                             TRUE, nullptr))
        return Error::Internal("thumbnail: " + VipsError());
    ImagePtr thumb(small);
    if (!Materialise(thumb)) return Error::Internal("thumbnail: " + VipsError());

    CAUNOI_ASSIGN(photo.large_webp, Encode(large.get(), Format::kWebp, kMaxLargeBytes));
    CAUNOI_ASSIGN(photo.large_jpeg, Encode(large.get(), Format::kJpeg, kMaxLargeBytes));
    CAUNOI_ASSIGN(photo.thumb_webp, Encode(thumb.get(), Format::kWebp, kMaxThumbBytes));
    CAUNOI_ASSIGN(photo.thumb_jpeg, Encode(thumb.get(), Format::kJpeg, kMaxThumbBytes));
    return photo;
}

}  // namespace caunoi::listings
