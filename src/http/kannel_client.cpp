#include "http/kannel_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

#include "http/message.hpp"
#include "sms/phone.hpp"

namespace caunoi::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

bool SplitHttpUrl(const std::string& url, std::string& host, std::string& port) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) return false;
    std::string rest = url.substr(scheme.size());
    if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
    auto colon = rest.rfind(':');
    host = colon == std::string::npos ? rest : rest.substr(0, colon);
    port = colon == std::string::npos ? "80" : rest.substr(colon + 1);
    return !host.empty() && !port.empty();
}

std::string KannelGateway::Target(const channel::OutboxMessage& m) const {
    // dlr-mask 31: delivered, failed, buffered, accepted by the SMSC, refused by the SMSC.
    // Kannel logs this URL when it cannot reach caunoi: no secret in it, unless the single-secret
    // setup (no --kannel-token) asks for the old URL.
    const std::string dlr = o_.callback_url + "/api/v1/sms/dlr?" +
                            (o_.token_in_url ? "t=" + UrlEncode(o_.token) + "&" : std::string()) +
                            "id=" + UrlEncode(m.id) + "&status=%d&reply=%A";
    const bool ucs2 = m.ucs2 || o_.unicode;
    std::string t = "/cgi-bin/sendsms?username=" + UrlEncode(o_.user) + "&password=" + UrlEncode(o_.password) +
                    "&to=" + UrlEncode(sms::International(m.phone)) + "&text=" + UrlEncode(m.body) + "&charset=UTF-8" +
                    (ucs2 ? "&coding=2" : "") + "&dlr-mask=31&dlr-url=" + UrlEncode(dlr);
    if (!o_.from.empty()) t += "&from=" + UrlEncode(o_.from);
    return t;
}

sms::SendOutcome KannelGateway::Send(const channel::OutboxMessage& m) {
    std::string host, port;
    if (!SplitHttpUrl(o_.url, host, port)) return {sms::SendOutcome::kRetry, "bad Kannel address " + o_.url};
    try {
        net::io_context ioc;
        beast::tcp_stream stream(ioc);
        net::ip::tcp::resolver resolver(ioc);
        stream.expires_after(std::chrono::seconds(o_.timeout_seconds));
        stream.connect(resolver.resolve(host, port));
        bhttp::request<bhttp::empty_body> req{bhttp::verb::get, Target(m), 11};
        req.set(bhttp::field::host, host);
        req.set(bhttp::field::connection, "close");
        bhttp::write(stream, req);
        beast::flat_buffer buf;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(16 * 1024);
        bhttp::read(stream, buf, parser);
        const auto& res = parser.get();
        beast::error_code ignored;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        const unsigned status = res.result_int();
        std::string body = res.body().substr(0, 200);
        while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
        // 202 "0: Accepted for delivery" or "3: Queued for later delivery" (Kannel keeps it).
        if (status == 202 || status == 200) return {sms::SendOutcome::kAccepted, body};
        // Busy, or not configured yet (wrong password is an operator's mistake, not the message's).
        if (status == 503 || status == 401 || status == 403 || status >= 500)
            return {sms::SendOutcome::kRetry, "Kannel " + std::to_string(status) + ": " + body};
        return {sms::SendOutcome::kFailed, "Kannel " + std::to_string(status) + ": " + body};
    } catch (const std::exception& e) {
        // Refused, reset, timed out, or an answer that is not HTTP: try again later.
        return {sms::SendOutcome::kRetry, std::string("Kannel unreachable: ") + e.what()};
    }
}

}  // namespace caunoi::http
