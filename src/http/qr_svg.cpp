#include "http/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

namespace caunoi::http {

Result<std::string> QrSvg(const std::string& text) {
    if (text.empty() || text.size() > 512) return Error::Invalid("text", "empty or too long for a QR code");
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                       &QRcode_free);
    if (!qr) return Error::Internal("QR encoding failed");
    const int w = qr->width, quiet = 4, size = w + 2 * quiet;
    std::string path;
    // One rectangle per horizontal run of dark modules (bit 0 of each byte is "dark").
    for (int y = 0; y < w; ++y) {
        for (int x = 0; x < w;) {
            if (!(qr->data[y * w + x] & 1)) {
                ++x;
                continue;
            }
            int run = 0;
            while (x + run < w && (qr->data[y * w + x + run] & 1)) ++run;
            path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" + std::to_string(run) +
                    "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
           std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" " +
           "fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace caunoi::http
