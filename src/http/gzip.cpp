#include "http/gzip.hpp"

#include <zlib.h>

#include "core/text.hpp"

namespace caunoi::http {

std::optional<std::string> Gzip(std::string_view body) {
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&zs, body.size()), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    zs.avail_in = static_cast<uInt>(body.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

bool AcceptsGzip(std::string_view ae) {
    for (auto part : text::Split(ae, ',')) {
        if (part.rfind("gzip", 0) == 0 || part.rfind("*", 0) == 0) {
            auto q = part.find("q=");
            if (q == std::string_view::npos) return true;
            auto v = part.substr(q + 2);
            return !(v == "0" || v == "0.0" || v == "0.00" || v == "0.000");
        }
    }
    return false;
}

}  // namespace caunoi::http
