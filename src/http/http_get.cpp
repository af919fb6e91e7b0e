#include "http/http_get.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>

namespace caunoi::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

std::optional<HttpUrl> ParseHttpUrl(const std::string& url) {
    const std::string scheme = "http://";
    if (url.size() < scheme.size() || !std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
            return a == std::tolower(static_cast<unsigned char>(b));
        }))
        return std::nullopt;
    std::string rest = url.substr(scheme.size());
    rest = rest.substr(0, rest.find('#'));
    HttpUrl u;
    const auto path = rest.find_first_of("/?");
    const std::string authority = rest.substr(0, path);
    u.target = path == std::string::npos ? "/" : rest.substr(path);
    if (u.target.front() == '?') u.target = "/" + u.target;
    if (authority.empty() || authority.find('@') != std::string::npos)
        return std::nullopt;  // no credentials in addresses
    // "[::1]:8080": the colons of an IPv6 address are inside the brackets.
    const auto close = authority.front() == '[' ? authority.find(']') : 0;
    if (close == std::string::npos) return std::nullopt;
    const auto colon = authority.find(':', close);
    u.host = authority.substr(0, colon);
    if (close) u.host = u.host.substr(1, close - 1);
    u.port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
    if (u.host.empty() || u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    for (unsigned char c : u.target)
        if (c <= 0x20 || c >= 0x7f) return std::nullopt;
    return u;
}

Error FetchFailed(std::string detail) { return {ErrorCode::kUnavailable, N_("Internal error"), std::move(detail), {}}; }

Result<HttpAnswer> HttpGet(const HttpUrl& url, int timeout_seconds, size_t max_body) {
    // Asynchronous operations, run to their end here: a beast::tcp_stream's deadline applies to
    // asynchronous operations only (a blocking read would wait for ever on a server that stalls).
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, url.target, 11};
    req.set(bhttp::field::host, url.port == "80" ? url.host : url.host + ":" + url.port);
    req.set(bhttp::field::user_agent, "caunoi");
    req.set(bhttp::field::connection, "close");
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(max_body);
    const char* stage = "resolving the host";
    beast::error_code ec;
    net::ip::tcp::resolver::results_type addresses = resolver.resolve(url.host, url.port, ec);
    if (!ec) {
        stream.expires_after(std::chrono::seconds(timeout_seconds));
        net::co_spawn(
            ioc,
            [&]() -> net::awaitable<void> {
                constexpr auto kAwait = net::as_tuple(net::use_awaitable);
                stage = "connecting";
                auto [connected, endpoint] = co_await stream.async_connect(addresses, kAwait);
                if ((ec = connected)) co_return;
                stage = "sending";
                auto [sent, n] = co_await bhttp::async_write(stream, req, kAwait);
                if ((ec = sent)) co_return;
                stage = "reading the answer";
                auto [read, m] = co_await bhttp::async_read(stream, buf, parser, kAwait);
                ec = read;
            },
            net::detached);
        ioc.run();
    }
    if (ec == beast::error::timeout) return FetchFailed("timed out after " + std::to_string(timeout_seconds) + " s");
    if (ec == bhttp::error::body_limit) return FetchFailed("larger than " + std::to_string(max_body / 1024) + " KiB");
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category())
        return FetchFailed("not an HTTP answer: " + ec.message());
    if (ec) return FetchFailed(std::string(stage) + ": " + ec.message());
    beast::error_code ignored;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    auto res = parser.release();
    return HttpAnswer{.status = res.result_int(),
                      .content_type = std::string(res[bhttp::field::content_type]),
                      .location = std::string(res[bhttp::field::location]),
                      .body = std::move(res.body())};
}

}  // namespace caunoi::http
