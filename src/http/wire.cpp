#include "http/wire.hpp"

#include <boost/beast/http/status.hpp>

#include "core/log.hpp"
#include "http/gzip.hpp"

namespace caunoi::http {
namespace {

void AddHeader(std::string& head, std::string_view name, std::string_view value) {
    head.append(name).append(": ").append(value).append("\r\n");
}

bool Compressible(const std::string& type) {
    return type.rfind("text/", 0) == 0 || type.find("json") != std::string::npos || type == "image/svg+xml";
}

}  // namespace

Wire ToWire(Response&& resp, const Request& req, unsigned version, bool keep_alive) {
    for (const auto& [k, v] : resp.headers) {
        if (HeaderSafe(k, v)) continue;
        // A control character in a header would split the response (a cookie of the attacker's
        // choosing): whatever produced it, nothing of this response is written.
        log::Error("refused an unsafe response header " + k + " for " + req.method + " " + req.path);
        resp = Response();
        resp.status = 500;
        resp.content_type = "text/plain; charset=utf-8";
        resp.body = "500\n";
        break;
    }
    Wire w;
    w.head.reserve(256);
    w.head.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(std::to_string(resp.status)).append(" ");
    w.head.append(boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(resp.status)));
    w.head.append("\r\n");
    AddHeader(w.head, "Server", "caunoi");
    if (!resp.content_type.empty()) AddHeader(w.head, "Content-Type", resp.content_type);
    for (const auto& [k, v] : resp.headers) AddHeader(w.head, k, v);
    if (Compressible(resp.content_type)) {
        AddHeader(w.head, "Vary", "Accept-Encoding");
        if (AcceptsGzip(req.Header("accept-encoding"))) {
            if (resp.gzip_body) {
                w.shared = std::move(resp.gzip_body);
                AddHeader(w.head, "Content-Encoding", "gzip");
            } else if (resp.shared_body && resp.shared_body->size() > 512) {
                if (auto gz = Gzip(*resp.shared_body)) {
                    resp.shared_body.reset();
                    resp.body = std::move(*gz);
                    AddHeader(w.head, "Content-Encoding", "gzip");
                }
            } else if (resp.body.size() > 512) {
                if (auto gz = Gzip(resp.body)) {
                    resp.body = std::move(*gz);
                    AddHeader(w.head, "Content-Encoding", "gzip");
                }
            }
        }
    }
    if (!w.shared && resp.shared_body) w.shared = std::move(resp.shared_body);
    if (!w.shared) w.body = std::move(resp.body);
    bool bodiless = resp.status < 200 || resp.status == 204 || resp.status == 304;
    if (!bodiless) AddHeader(w.head, "Content-Length", std::to_string(w.Body().size()));
    if (bodiless || req.method == "HEAD") {
        w.shared.reset();
        w.body.clear();
    }
    if (version == 10 && keep_alive) AddHeader(w.head, "Connection", "keep-alive");
    if (version != 10 && !keep_alive) AddHeader(w.head, "Connection", "close");
    w.head.append("\r\n");
    return w;
}

}  // namespace caunoi::http
