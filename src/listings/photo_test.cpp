#include "listings/photo.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace caunoi::listings {
namespace {

struct ImageUnref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

// The test's own use of libvips (making photos, opening the outputs): initialised here too.
void StartVips() {
    static const bool started = VIPS_INIT("caunoi_unit_tests") == 0;
    ASSERT_TRUE(started) << vips_error_buffer();
}

// A w×h RGB image of `pixel(x, y, rgb)`.
template <typename F>
ImagePtr Rgb(int w, int h, F pixel) {
    std::vector<uint8_t> data(static_cast<size_t>(w) * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) pixel(x, y, &data[(static_cast<size_t>(y) * w + x) * 3]);
    return ImagePtr(vips_image_new_from_memory_copy(data.data(), data.size(), w, h, 3, VIPS_FORMAT_UCHAR));
}

// A smooth gradient with a few bands of colour: compresses like a plain photo.
ImagePtr Gradient(int w, int h) {
    return Rgb(w, h, [w, h](int x, int y, uint8_t* p) {
        p[0] = static_cast<uint8_t>(255 * x / w);
        p[1] = static_cast<uint8_t>(255 * y / h);
        p[2] = static_cast<uint8_t>((x / 40 + y / 40) % 2 ? 200 : 60);
    });
}

// Noise over a gradient, blurred a little (sigma 0: not at all): detail everywhere, as foliage
// or gravel, the worst case for a byte budget.
ImagePtr Noisy(int w, int h, double blur = 0.8) {
    uint32_t s = 2463534242u;
    ImagePtr raw = Rgb(w, h, [&](int x, int y, uint8_t* p) {
        for (int c = 0; c < 3; ++c) {
            s ^= s << 13, s ^= s >> 17, s ^= s << 5;
            const int base = c == 0 ? 255 * x / w : c == 1 ? 255 * y / h : 128;
            p[c] = static_cast<uint8_t>(std::clamp(base + static_cast<int>(s % 121) - 60, 0, 255));
        }
    });
    if (blur == 0) return raw;
    VipsImage *blurred = nullptr, *cast = nullptr;
    EXPECT_EQ(vips_gaussblur(raw.get(), &blurred, blur, nullptr), 0);
    ImagePtr b(blurred);
    EXPECT_EQ(vips_cast_uchar(b.get(), &cast, nullptr), 0);
    return ImagePtr(cast);
}

std::string Bytes(void* buf, size_t len) {
    std::string s(static_cast<const char*>(buf), len);
    g_free(buf);
    return s;
}

std::string Jpeg(VipsImage* image, int quality = 90) {
    void* buf = nullptr;
    size_t len = 0;
    EXPECT_EQ(vips_jpegsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, nullptr), 0) << vips_error_buffer();
    return Bytes(buf, len);
}

std::string Png(VipsImage* image) {
    void* buf = nullptr;
    size_t len = 0;
    EXPECT_EQ(vips_pngsave_buffer(image, &buf, &len, "strip", TRUE, nullptr), 0) << vips_error_buffer();
    return Bytes(buf, len);
}

std::string Webp(VipsImage* image) {
    void* buf = nullptr;
    size_t len = 0;
    EXPECT_EQ(vips_webpsave_buffer(image, &buf, &len, "Q", 90, "strip", TRUE, nullptr), 0) << vips_error_buffer();
    return Bytes(buf, len);
}

void Be(std::string& out, uint32_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A JPEG marker segment: FF, the marker, the length (itself included), the payload.
std::string Segment(uint8_t marker, const std::string& payload) {
    std::string s = {'\xFF', static_cast<char>(marker)};
    Be(s, static_cast<uint32_t>(payload.size() + 2), 2);
    return s + payload;
}

// An EXIF APP1 (big-endian TIFF): IFD0 with the orientation and, when given, a GPS IFD with
// degrees, minutes and seconds (seconds in hundredths) and their N/S, E/W references.
std::string ExifApp1(int orientation, bool gps = false) {
    std::string t = "MM";
    Be(t, 42, 2);
    Be(t, 8, 4);  // IFD0 at 8
    const uint32_t gps_ifd = 8 + 2 + 2 * 12 + 4, data = gps_ifd + 2 + 5 * 12 + 4;
    Be(t, gps ? 2 : 1, 2);
    Be(t, 0x0112, 2), Be(t, 3, 2), Be(t, 1, 4), Be(t, orientation, 2), Be(t, 0, 2);  // Orientation, SHORT
    if (gps) Be(t, 0x8825, 2), Be(t, 4, 2), Be(t, 1, 4), Be(t, gps_ifd, 4);          // GPSInfo, LONG
    Be(t, 0, 4);
    if (gps) {
        Be(t, 5, 2);
        Be(t, 0x0000, 2), Be(t, 1, 2), Be(t, 4, 4), t += std::string("\x02\x02\x00\x00", 4);  // version 2.2
        Be(t, 0x0001, 2), Be(t, 2, 2), Be(t, 2, 4), t += std::string("N\0\0\0", 4);
        Be(t, 0x0002, 2), Be(t, 5, 2), Be(t, 3, 4), Be(t, data, 4);
        Be(t, 0x0003, 2), Be(t, 2, 2), Be(t, 2, 4), t += std::string("E\0\0\0", 4);
        Be(t, 0x0004, 2), Be(t, 5, 2), Be(t, 3, 4), Be(t, data + 24, 4);
        Be(t, 0, 4);
        // Vinh: 18° 40' 30.00" N, 105° 40' 12.00" E.
        for (uint32_t v : {18u, 1u, 40u, 1u, 3000u, 100u, 105u, 1u, 40u, 1u, 1200u, 100u}) Be(t, v, 4);
    }
    return Segment(0xE1, std::string("Exif\0\0", 6) + t);
}

// `jpeg` with `segments` put just after its start-of-image marker.
std::string WithSegments(const std::string& jpeg, const std::string& segments) {
    return jpeg.substr(0, 2) + segments + jpeg.substr(2);
}

// A PNG of w×h one-bit grey pixels, all zero, truly compressed: a few kilobytes that decode to
// w×h bytes or more.
std::string ZeroPng(uint32_t w, uint32_t h) {
    auto chunk = [](const std::string& type, const std::string& body) {
        std::string c;
        Be(c, static_cast<uint32_t>(body.size()), 4);
        c += type + body;
        Be(c, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(c.data() + 4), c.size() - 4)), 4);
        return c;
    };
    std::string ihdr;
    Be(ihdr, w, 4), Be(ihdr, h, 4);
    ihdr += std::string("\x01\x00\x00\x00\x00", 5);  // 1 bit, grey, deflate, filter 0, no interlace
    const std::string row(1 + (w + 7) / 8, '\0');
    z_stream z{};
    EXPECT_EQ(deflateInit(&z, Z_BEST_COMPRESSION), Z_OK);
    std::string idat;
    char out[65536];
    for (uint32_t y = 0; y < h; ++y) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(row.data()));
        z.avail_in = static_cast<uInt>(row.size());
        const int flush = y + 1 == h ? Z_FINISH : Z_NO_FLUSH;
        int r = Z_OK;
        do {
            z.next_out = reinterpret_cast<Bytef*>(out);
            z.avail_out = sizeof out;
            r = deflate(&z, flush);
            idat.append(out, sizeof out - z.avail_out);
        } while (z.avail_out == 0 || (flush == Z_FINISH && r != Z_STREAM_END));
    }
    deflateEnd(&z);
    return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", "");
}

struct Opened {
    int width = 0, height = 0, bands = 0;
    std::vector<std::string> metadata;  // fields beyond the basic ones: EXIF, XMP, ICC, ...
};

// `bytes` decoded whole by libvips (every pixel read, errors fatal).
Opened Open(const std::string& bytes) {
    Opened o;
    ImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on", VIPS_FAIL_ON_ERROR, nullptr));
    EXPECT_TRUE(image) << vips_error_buffer();
    if (!image) return o;
    double avg = 0;
    EXPECT_EQ(vips_avg(image.get(), &avg, nullptr), 0) << "decodes whole: " << vips_error_buffer();
    o.width = vips_image_get_width(image.get());
    o.height = vips_image_get_height(image.get());
    o.bands = vips_image_get_bands(image.get());
    gchar** fields = vips_image_get_fields(image.get());
    for (gchar** f = fields; *f; ++f) {
        const std::string name = *f;
        if (name.rfind("exif", 0) == 0 || name.find("xmp") != std::string::npos ||
            name.find("icc") != std::string::npos || name.find("iptc") != std::string::npos ||
            name.find("ipct") != std::string::npos || name == "orientation")
            o.metadata.push_back(name);
    }
    g_strfreev(fields);
    return o;
}

// The RGB of the pixel at (x, y) of `bytes`.
std::vector<double> PixelAt(const std::string& bytes, int x, int y) {
    ImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
    double* v = nullptr;
    int n = 0;
    EXPECT_EQ(vips_getpoint(image.get(), &v, &n, x, y, nullptr), 0);
    std::vector<double> out(v, v + n);
    g_free(v);
    return out;
}

std::vector<std::pair<std::string, const Image*>> Outputs(const Photo& p) {
    return {{"large webp", &p.large_webp},
            {"large jpeg", &p.large_jpeg},
            {"thumb webp", &p.thumb_webp},
            {"thumb jpeg", &p.thumb_jpeg}};
}

bool IsWebp(const std::string& b) { return b.size() > 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP"; }
bool IsJpeg(const std::string& b) { return b.size() > 3 && b.substr(0, 3) == "\xFF\xD8\xFF"; }

// The four outputs: of their kind, within their budget and sides, decodable whole, of the size
// they say, three bands, no metadata.
void ExpectFourGoodImages(const Photo& p) {
    for (const auto& [name, image] : Outputs(p)) {
        const bool large = name.rfind("large", 0) == 0;
        EXPECT_TRUE(name.find("webp") != std::string::npos ? IsWebp(image->bytes) : IsJpeg(image->bytes)) << name;
        EXPECT_LE(image->bytes.size(), large ? kMaxLargeBytes : kMaxThumbBytes) << name;
        EXPECT_LE(std::max(image->width, image->height), large ? kLargeSide : kThumbSide) << name;
        EXPECT_GT(image->quality, 0) << name;
        const Opened o = Open(image->bytes);
        EXPECT_EQ(o.width, image->width) << name;
        EXPECT_EQ(o.height, image->height) << name;
        EXPECT_EQ(o.bands, 3) << name;
        EXPECT_TRUE(o.metadata.empty()) << name << " keeps " << o.metadata.front();
    }
}

void ExpectError(const Result<Photo>& r, ErrorCode code, const std::string& title_id, const std::string& what) {
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().code, code) << what << ": " << r.error().detail;
    EXPECT_EQ(r.error().title_id, title_id) << what << ": " << r.error().detail;
    EXPECT_EQ(r.error().field, "photo") << what;
}

const std::string kNotAPhoto = "This file is not a photo: send a JPEG, PNG or WebP picture";
const std::string kDamaged = "The photo is damaged or incomplete";

TEST(ListingPhoto, ATwelveMegapixelDetailedPhotoGivesFourImagesWithinBudget) {
    StartVips();
    const std::string jpeg = Jpeg(Noisy(4000, 3000).get(), 90);
    ASSERT_GT(jpeg.size(), 1'000'000u) << "a detailed 12 MP photo, as phones take";
    auto p = ProcessPhoto(jpeg);
    ASSERT_TRUE(p.ok()) << p.error().detail;
    ExpectFourGoodImages(*p);
    for (const auto& [name, image] : Outputs(*p)) {
        EXPECT_NEAR(static_cast<double>(image->width) / image->height, 4.0 / 3.0, 0.02) << name << " keeps 4:3";
        EXPECT_GE(image->width, name.rfind("large", 0) == 0 ? 400 : 100) << name << ": not shrunk to nothing";
    }
    EXPECT_EQ(p->large_jpeg.width, kLargeSide) << "noise this fine fits 60 KB at 800 px at some quality";
    EXPECT_FALSE(p->gps) << "no EXIF, no place";
}

// Pure noise does not fit 60 KB at 800 px even at the lowest quality: the image loses pixels,
// keeps its shape, and the budget holds.
TEST(ListingPhoto, AnImageOverBudgetAtTheLowestQualityLosesPixelsNotTheBudget) {
    StartVips();
    auto p = ProcessPhoto(Jpeg(Noisy(800, 600, 0).get(), 95));
    ASSERT_TRUE(p.ok()) << p.error().detail;
    ExpectFourGoodImages(*p);
    for (const Image* large : {&p->large_webp, &p->large_jpeg}) {
        EXPECT_LT(large->width, 800);
        EXPECT_GE(large->width, 200) << "shrunk by what was over, not to nothing";
        EXPECT_NEAR(static_cast<double>(large->width) / large->height, 4.0 / 3.0, 0.02);
    }
    EXPECT_EQ(p->large_jpeg.quality, 50) << "the lowest quality first";
    EXPECT_EQ(p->large_webp.quality, 45);
}

TEST(ListingPhoto, APlainPhotoKeepsItsFullSizeAndAGoodQuality) {
    StartVips();
    auto p = ProcessPhoto(Jpeg(Gradient(1600, 1200).get()));
    ASSERT_TRUE(p.ok()) << p.error().detail;
    ExpectFourGoodImages(*p);
    EXPECT_EQ(p->large_webp.width, 800);
    EXPECT_EQ(p->large_webp.height, 600);
    EXPECT_EQ(p->thumb_jpeg.width, 200);
    EXPECT_EQ(p->thumb_jpeg.height, 150);
    EXPECT_EQ(p->large_jpeg.quality, 80) << "the first quality tried fits";
    EXPECT_EQ(p->large_webp.quality, 75);
}

TEST(ListingPhoto, GpsIsReturnedAndNoMetadataIsWrittenOut) {
    StartVips();
    VipsBlob* icc = nullptr;
    ASSERT_EQ(vips_profile_load("srgb", &icc, nullptr), 0) << vips_error_buffer();
    size_t icc_size = 0;
    const auto* icc_data = static_cast<const char*>(vips_blob_get(icc, &icc_size));
    const std::string icc_segment =
        Segment(0xE2, std::string("ICC_PROFILE\0\x01\x01", 14) + std::string(icc_data, icc_size));
    vips_area_unref(VIPS_AREA(icc));
    const std::string xmp = Segment(
        0xE1,
        std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            "<rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='18,40.5N' "
            "exif:GPSLongitude='105,40.2E'/></rdf:RDF></x:xmpmeta>");
    const std::string jpeg = WithSegments(Jpeg(Gradient(1200, 900).get()), ExifApp1(1, true) + xmp + icc_segment);
    const Opened in = Open(jpeg);
    for (const char* field : {"exif-data", "xmp-data", "icc-profile-data", "exif-ifd3-GPSLatitude"})
        EXPECT_NE(std::find(in.metadata.begin(), in.metadata.end(), field), in.metadata.end())
            << "the input carries " << field;

    auto p = ProcessPhoto(jpeg);
    ASSERT_TRUE(p.ok()) << p.error().detail;
    ASSERT_TRUE(p->gps);
    EXPECT_NEAR(p->gps->lat, 18.675, 1e-9);
    EXPECT_NEAR(p->gps->lon, 105.67, 1e-9);
    ExpectFourGoodImages(*p);
    for (const auto& [name, image] : Outputs(*p))
        for (const char* trace : {"GPS", "Exif", "ICC_PROFILE", "http://ns.adobe.com", "xmpmeta", "18,40"})
            EXPECT_EQ(image->bytes.find(trace), std::string::npos) << name << " contains " << trace;
}

TEST(ListingPhoto, AnInvalidGpsIsNotAPlace) {
    StartVips();
    std::string exif = ExifApp1(1, true);
    const size_t n = exif.find("N\0\0\0", 0, 4);
    ASSERT_NE(n, std::string::npos);
    exif[n] = 'X';  // neither N nor S
    auto p = ProcessPhoto(WithSegments(Jpeg(Gradient(600, 400).get()), exif));
    ASSERT_TRUE(p.ok()) << p.error().detail;
    EXPECT_FALSE(p->gps);
}

// Orientation 6: stored landscape, shown turned a quarter clockwise. The stored top-left corner
// (red) must end at the top-right of the portrait output.
TEST(ListingPhoto, ALandscapeStoredPhotoWithOrientationSixComesOutPortrait) {
    StartVips();
    ImagePtr stored = Rgb(1200, 800, [](int x, int y, uint8_t* p) {
        const bool corner = x < 300 && y < 200;
        p[0] = corner ? 230 : 128, p[1] = corner ? 20 : 128, p[2] = corner ? 20 : 128;
    });
    auto p = ProcessPhoto(WithSegments(Jpeg(stored.get()), ExifApp1(6)));
    ASSERT_TRUE(p.ok()) << p.error().detail;
    ExpectFourGoodImages(*p);
    for (const auto& [name, image] : Outputs(*p)) {
        EXPECT_GT(image->height, image->width) << name << " is portrait";
        const auto top_right = PixelAt(image->bytes, image->width - 5, 5);
        const auto top_left = PixelAt(image->bytes, 5, 5);
        ASSERT_EQ(top_right.size(), 3u);
        EXPECT_GT(top_right[0], 180) << name << ": the red corner is top right";
        EXPECT_LT(top_right[1], 80) << name;
        EXPECT_NEAR(top_left[0], 128, 20) << name << ": grey top left";
    }
    EXPECT_EQ(p->large_jpeg.height, 800);
    EXPECT_EQ(p->large_jpeg.width, 533);
}

TEST(ListingPhoto, PngAndWebpAreAcceptedTransparencyOnWhite) {
    StartVips();
    ImagePtr rgb = Gradient(900, 600);
    auto png = ProcessPhoto(Png(rgb.get()));
    ASSERT_TRUE(png.ok()) << png.error().detail;
    ExpectFourGoodImages(*png);
    EXPECT_EQ(png->large_webp.width, 800);
    auto webp = ProcessPhoto(Webp(rgb.get()));
    ASSERT_TRUE(webp.ok()) << webp.error().detail;
    ExpectFourGoodImages(*webp);
    EXPECT_EQ(webp->large_jpeg.height, 533);

    // A transparent PNG (RGBA, alpha 0 everywhere, black underneath): white, not black.
    VipsImage* black = nullptr;
    ASSERT_EQ(vips_black(&black, 600, 400, "bands", 4, nullptr), 0);
    ImagePtr clear(black);
    VipsImage* cast = nullptr;
    ASSERT_EQ(vips_cast_uchar(clear.get(), &cast, nullptr), 0);
    ImagePtr clear8(cast);
    auto transparent = ProcessPhoto(Png(clear8.get()));
    ASSERT_TRUE(transparent.ok()) << transparent.error().detail;
    ExpectFourGoodImages(*transparent);
    EXPECT_GT(PixelAt(transparent->large_jpeg.bytes, 10, 10)[0], 240);
}

TEST(ListingPhoto, WhatIsNotAJpegPngOrWebpIsUnsupported) {
    StartVips();
    static const char kGif[] =  // 1x1, white
        "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
        "\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;";
    const std::string gif(kGif, sizeof kGif - 1);
    void* buf = nullptr;
    size_t len = 0;
    ASSERT_EQ(vips_tiffsave_buffer(Gradient(300, 300).get(), &buf, &len, nullptr), 0);
    const std::string tiff = Bytes(buf, len);
    const std::vector<std::pair<std::string, std::string>> files = {
        {"empty", ""},
        {"text", "Bán gạo nếp nương, 30.000 đồng một cân"},
        {"html", "<!doctype html><html><body><img src=x onerror=alert(1)></body></html>"},
        {"svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4000\" height=\"3000\"/>"},
        {"pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"},
        {"gif", gif},
        {"tiff", tiff},
        {"wav", std::string("RIFF\x24\x00\x00\x00WAVEfmt ", 16)},
        {"two bytes of jpeg", "\xFF\xD8"},
    };
    for (const auto& [name, bytes] : files) ExpectError(ProcessPhoto(bytes), ErrorCode::kUnsupported, kNotAPhoto, name);
}

// Past the first call, libvips itself opens nothing but JPEG, PNG and WebP from memory.
TEST(ListingPhoto, EveryOtherLibvipsLoaderIsBlocked) {
    StartVips();
    ASSERT_TRUE(ProcessPhoto(Jpeg(Gradient(400, 300).get())).ok());
    void* buf = nullptr;
    size_t len = 0;
    ASSERT_EQ(vips_tiffsave_buffer(Gradient(300, 300).get(), &buf, &len, nullptr), 0);
    const std::string tiff = Bytes(buf, len);
    VipsImage* opened = vips_image_new_from_buffer(tiff.data(), tiff.size(), "", nullptr);
    EXPECT_EQ(opened, nullptr) << "the TIFF loader is blocked";
    if (opened) g_object_unref(opened);
    vips_error_clear();
    const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    opened = vips_image_new_from_buffer(svg.data(), svg.size(), "", nullptr);
    EXPECT_EQ(opened, nullptr) << "the SVG loader is blocked";
    if (opened) g_object_unref(opened);
    vips_error_clear();
}

TEST(ListingPhoto, MoreBytesThanTheLimitIsTooLarge) {
    StartVips();
    const std::string jpeg = Jpeg(Gradient(400, 300).get());
    ExpectError(ProcessPhoto(jpeg, {.max_bytes = jpeg.size() - 1}), ErrorCode::kPayloadTooLarge,
                "The photo is too large: at most 12 MB", "one byte over");
    EXPECT_TRUE(ProcessPhoto(jpeg, {.max_bytes = jpeg.size()}).ok());
}

// A few kilobytes of PNG that decode to 42 million or 50 million pixels: refused by the header
// check (its message, not the damaged file's), so never decoded.
TEST(ListingPhoto, DecompressionBombsAreRefusedFromTheHeader) {
    StartVips();
    const std::string pixels = ZeroPng(6000, 7000);
    ASSERT_LT(pixels.size(), 100'000u);
    ExpectError(ProcessPhoto(pixels), ErrorCode::kInvalid, "The photo has too many pixels: at most 40 megapixels",
                "6000x7000");
    EXPECT_NE(ProcessPhoto(pixels).error().detail.find("6000x7000"), std::string::npos);
    ExpectError(ProcessPhoto(ZeroPng(50000, 1000)), ErrorCode::kInvalid,
                "The photo is too long or too wide: at most 10000 pixels on a side", "50000x1000");
    ExpectError(ProcessPhoto(ZeroPng(20000, 20000)), ErrorCode::kInvalid,
                "The photo is too long or too wide: at most 10000 pixels on a side", "20000x20000");
    // The same limits, as given.
    ExpectError(ProcessPhoto(Jpeg(Gradient(1000, 800).get()), {.max_pixels = 799'999}), ErrorCode::kInvalid,
                "The photo has too many pixels: at most 40 megapixels", "one pixel over");
}

TEST(ListingPhoto, ATooSmallPhotoIsRefused) {
    StartVips();
    ExpectError(ProcessPhoto(Jpeg(Gradient(320, 239).get())), ErrorCode::kInvalid,
                "The photo is too small: at least 240 pixels on the shorter side", "320x239");
    auto smallest = ProcessPhoto(Jpeg(Gradient(240, 240).get()));
    ASSERT_TRUE(smallest.ok()) << smallest.error().detail;
    EXPECT_EQ(smallest->large_jpeg.width, 240) << "not enlarged";
    EXPECT_EQ(smallest->thumb_jpeg.width, 200);
}

TEST(ListingPhoto, ATruncatedJpegIsDamaged) {
    StartVips();
    const std::string jpeg = Jpeg(Noisy(1200, 900).get(), 85);
    for (const double kept : {0.2, 0.6, 0.95})
        ExpectError(ProcessPhoto(jpeg.substr(0, static_cast<size_t>(jpeg.size() * kept))), ErrorCode::kInvalid,
                    kDamaged, "kept " + std::to_string(kept));
    const std::string png = Png(Noisy(600, 400).get());
    ExpectError(ProcessPhoto(png.substr(0, png.size() / 2)), ErrorCode::kInvalid, kDamaged, "half a PNG");
}

TEST(ListingPhoto, MagicBytesWithGarbageAfterAreDamaged) {
    StartVips();
    std::string garbage;
    uint32_t s = 12345;
    for (int i = 0; i < 4000; ++i) {
        s = s * 1103515245 + 12345;
        garbage.push_back(static_cast<char>(s >> 16));
    }
    ExpectError(ProcessPhoto("\xFF\xD8\xFF" + garbage), ErrorCode::kInvalid, kDamaged, "JPEG magic");
    ExpectError(ProcessPhoto(std::string("\x89PNG\r\n\x1A\n", 8) + garbage), ErrorCode::kInvalid, kDamaged,
                "PNG signature");
    ExpectError(ProcessPhoto(std::string("RIFF\xA0\x0F\x00\x00WEBP", 12) + garbage), ErrorCode::kInvalid, kDamaged,
                "RIFF WEBP");
}

// A JPEG that is also an HTML page and a ZIP archive (appended after its end): the photo is
// taken, the rest is not in what is served.
TEST(ListingPhoto, APolyglotLosesItsPayload) {
    StartVips();
    const std::string html = "<html><script>alert(document.cookie)</script></html>";
    const std::string zip = std::string("PK\x03\x04\x14\x00\x00\x00\x00\x00", 10) + "payload.txt" + "secret";
    auto p = ProcessPhoto(Jpeg(Gradient(1000, 700).get()) + html + zip);
    ASSERT_TRUE(p.ok()) << p.error().detail;
    ExpectFourGoodImages(*p);
    for (const auto& [name, image] : Outputs(*p))
        for (const std::string& trace : {std::string("<script"), std::string("PK\x03\x04", 4), std::string("payload")})
            EXPECT_EQ(image->bytes.find(trace), std::string::npos) << name << " carries " << trace;
}

TEST(ListingPhoto, ManyThreadsAtOnceEachGetTheirOwnPhoto) {
    StartVips();
    const std::string wide = Jpeg(Gradient(1200, 600).get()), tall = Jpeg(Gradient(600, 1200).get());
    std::vector<int> widths(6, 0);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < widths.size(); ++i)
        threads.emplace_back([&, i] {
            auto p = ProcessPhoto(i % 2 ? tall : wide);
            if (p.ok()) widths[i] = p->large_webp.width;
        });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < widths.size(); ++i) EXPECT_EQ(widths[i], i % 2 ? 400 : 800) << "thread " << i;
}

// Pixel buffers are freed on every path: libvips' tracked memory does not grow over rounds of
// good photos and refused ones. (Its worker threads keep a few small buffers of their own, which
// come and go: the slack is under the smallest image a round holds, a 200x150 thumbnail of 90 KB.)
TEST(ListingPhoto, MemoryIsGivenBackOnEveryPath) {
    StartVips();
    const std::string good = Jpeg(Noisy(1600, 1200).get(), 85);
    const std::vector<std::string> inputs = {good, good.substr(0, good.size() / 2), ZeroPng(6000, 7000),
                                             Jpeg(Gradient(300, 200).get()), "not a photo"};
    for (const auto& in : inputs) (void)ProcessPhoto(in);
    const size_t before = vips_tracked_get_mem();
    for (int round = 0; round < 3; ++round)
        for (const auto& in : inputs) (void)ProcessPhoto(in);
    // libvips' worker threads give their buffers back after ProcessPhoto returns: on a busy machine
    // that can take a moment. A leak never comes back; wait up to 5 s for the count to settle.
    size_t after = vips_tracked_get_mem();
    for (int i = 0; i < 250 && after > before + 64 * 1024; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        after = vips_tracked_get_mem();
    }
    EXPECT_LE(after, before + 64 * 1024) << "bytes held by libvips";
}

}  // namespace
}  // namespace caunoi::listings
