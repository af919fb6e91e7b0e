// Listing photos' benchmark, the in-process half (bench/photo.sh runs it beside the vips command
// line doing the same work, and prints the ratio; docs/benchmarks.md, "Listing photos").
// Runs listings::ProcessPhoto over each file given, in turn, and prints, one "key value" a line:
//   ms_per_image   wall time per photo, mean over the files
//   ms_max         the slowest photo
//   vips_peak_mb   libvips' tracked memory high-water mark (pixel buffers), over the run
//   rss_peak_mb    the process's peak resident set (ru_maxrss), over the run
//   <output> W H BYTES Q   for each of the four outputs of the last file (large_webp, ...)
// Usage: caunoi_bench_photo PHOTO.jpg [PHOTO.jpg ...]
#include <sys/resource.h>
#include <vips/vips.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "listings/photo.hpp"

using namespace caunoi;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PHOTO.jpg [PHOTO.jpg ...]\n", argv[0]);
        return 2;
    }
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        if (!in) {
            std::fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        files.push_back(s.str());
    }
    double total = 0, slowest = 0;
    listings::Photo last;
    for (const auto& bytes : files) {
        const auto start = std::chrono::steady_clock::now();
        auto photo = listings::ProcessPhoto(bytes);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!photo.ok()) {
            std::fprintf(stderr, "ProcessPhoto: %s (%s)\n", photo.error().title_id.c_str(),
                         photo.error().detail.c_str());
            return 1;
        }
        total += ms;
        slowest = std::max(slowest, ms);
        last = std::move(*photo);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("ms_per_image %.1f\n", total / static_cast<double>(files.size()));
    std::printf("ms_max %.1f\n", slowest);
    std::printf("vips_peak_mb %.1f\n", static_cast<double>(vips_tracked_get_mem_highwater()) / (1024.0 * 1024.0));
    std::printf("rss_peak_mb %.1f\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    const std::pair<const char*, const listings::Image*> outputs[] = {{"large_webp", &last.large_webp},
                                                                      {"large_jpeg", &last.large_jpeg},
                                                                      {"thumb_webp", &last.thumb_webp},
                                                                      {"thumb_jpeg", &last.thumb_jpeg}};
    for (const auto& [name, image] : outputs)
        std::printf("%s %d %d %zu %d\n", name, image->width, image->height, image->bytes.size(), image->quality);
    return 0;
}
