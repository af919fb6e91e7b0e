#include "http/kannel_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>
#include <utility>

#include "http/http_get.hpp"
#include "http/message.hpp"
#include "sms/phone.hpp"

namespace caunoi::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

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

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kAwait = net::as_tuple(net::use_awaitable);
// A kept-alive connection idle longer than this is closed rather than reused: smsbox closes
// idle connections after 60 s, and a request written as it does so would be lost in between.
constexpr auto kLongestIdle = std::chrono::seconds(30);

// Kannel's answer, as an outcome.
sms::SendOutcome Outcome(const bhttp::response<bhttp::string_body>& res) {
    const unsigned status = res.result_int();
    std::string body = res.body().substr(0, 200);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
    // 202 "0: Accepted for delivery" or "3: Queued for later delivery" (Kannel keeps it).
    if (status == 202 || status == 200) return {sms::SendOutcome::kAccepted, body};
    // Busy, or not configured yet (wrong password is an operator's mistake, not the message's).
    if (status == 503 || status == 401 || status == 403 || status >= 500)
        return {sms::SendOutcome::kRetry, "Kannel " + std::to_string(status) + ": " + body};
    return {sms::SendOutcome::kFailed, "Kannel " + std::to_string(status) + ": " + body};
}

sms::SendOutcome Unreachable(const beast::error_code& ec) {
    return {sms::SendOutcome::kRetry, "Kannel unreachable: " + ec.message()};
}

// One kept-alive connection to smsbox, carrying one request at a time.
struct Connection {
    explicit Connection(net::io_context& ioc) : stream(ioc) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bool open = false, busy = false;
    Clock::time_point idle_since;

    void Close() {
        beast::error_code ignored;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        stream.close();
        buffer.clear();
        open = false;
    }

    // Whether it can carry the next request: open, not idle too long, and not closed by Kannel
    // meanwhile (its FIN, or anything else, waiting to be read).
    bool Reusable() {
        if (!open || Clock::now() - idle_since > kLongestIdle) return false;
        auto& socket = stream.socket();
        beast::error_code ec, ignored;
        char byte;
        socket.non_blocking(true, ignored);
        socket.read_some(net::buffer(&byte, 1), ec);
        socket.non_blocking(false, ignored);
        return ec == net::error::would_block;
    }

    net::awaitable<beast::error_code> Connect(const std::string& host, const std::string& port,
                                              std::chrono::seconds timeout) {
        Close();
        net::ip::tcp::resolver resolver(co_await net::this_coro::executor);
        auto [rec, endpoints] = co_await resolver.async_resolve(host, port, kAwait);
        if (rec) co_return rec;
        stream.expires_after(timeout);
        auto [cec, endpoint] = co_await stream.async_connect(endpoints, kAwait);
        open = !cec;
        co_return cec;
    }

    // Sends one request and reads its answer. A request is sent again only when Kannel cannot
    // have read it: a kept-alive connection it had closed is found so before writing (Reusable),
    // or the write fails (which a closed connection does only once Kannel has reset it, before
    // any of the request reached it). Written and not answered, Kannel may have taken the
    // message: that is a retry after the usual delay, never a silent resend (docs/sms.md).
    net::awaitable<sms::SendOutcome> Exchange(std::string host, std::string port, std::string target,
                                              std::chrono::seconds timeout) {
        bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
        req.set(bhttp::field::host, host);
        const bool reused = Reusable();
        if (!reused) {
            if (auto ec = co_await Connect(host, port, timeout)) co_return Unreachable(ec);
        }
        stream.expires_after(timeout);
        auto [wec, written] = co_await bhttp::async_write(stream, req, kAwait);
        if (wec && reused) {
            if (auto ec = co_await Connect(host, port, timeout)) co_return Unreachable(ec);
            stream.expires_after(timeout);
            std::tie(wec, written) = co_await bhttp::async_write(stream, req, kAwait);
        }
        if (wec) {
            Close();
            co_return Unreachable(wec);
        }
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(16 * 1024);
        auto [rec, read] = co_await bhttp::async_read(stream, buffer, parser, kAwait);
        if (rec) {
            Close();
            // Closed before a byte of answer (end_of_stream), reset or timed out: no answer.
            const bool broken = rec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
                                rec != bhttp::error::end_of_stream;
            co_return sms::SendOutcome{
                sms::SendOutcome::kRetry,
                (broken ? "a broken answer from Kannel: " : "no answer from Kannel (it may have taken the message): ") +
                    rec.message()};
        }
        if (!parser.get().keep_alive()) Close();
        idle_since = Clock::now();
        co_return Outcome(parser.get());
    }
};

}  // namespace

struct KannelGateway::Impl {
    net::io_context ioc;  // first: it outlives the connections
    std::vector<std::unique_ptr<Connection>> connections;
    std::vector<sms::SendResult> answered;
    int in_flight = 0;
};

KannelGateway::KannelGateway(KannelOptions o) : o_(std::move(o)), impl_(std::make_unique<Impl>()) {}

KannelGateway::~KannelGateway() = default;

void KannelGateway::Start(const channel::OutboxMessage& m) {
    const auto url = ParseHttpUrl(o_.url);
    if (!url) {
        impl_->answered.push_back({m.id, {sms::SendOutcome::kRetry, "bad Kannel address " + o_.url}});
        return;
    }
    const std::string& host = url->host;
    const std::string& port = url->port;
    Connection* c = nullptr;
    for (auto& each : impl_->connections) {
        if (!each->busy) {
            c = each.get();
            break;
        }
    }
    if (!c) c = impl_->connections.emplace_back(std::make_unique<Connection>(impl_->ioc)).get();
    c->busy = true;
    ++impl_->in_flight;
    net::co_spawn(impl_->ioc, c->Exchange(host, port, Target(m), std::chrono::seconds(o_.timeout_seconds)),
                  [impl = impl_.get(), c, id = m.id](std::exception_ptr e, sms::SendOutcome out) {
                      c->busy = false;
                      --impl->in_flight;
                      if (e) {
                          c->Close();
                          out = {sms::SendOutcome::kRetry, "Kannel: the request could not be made"};
                      }
                      impl->answered.push_back({id, std::move(out)});
                  });
    // The request goes now, not at the next Wait: the sender records answers in between.
    if (impl_->ioc.stopped()) impl_->ioc.restart();
    impl_->ioc.poll();
}

std::vector<sms::SendResult> KannelGateway::Wait(double seconds) {
    Impl& i = *impl_;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(std::max(seconds, 0.0)));
    if (i.in_flight == 0 && i.answered.empty()) {
        std::this_thread::sleep_until(deadline);
        return {};
    }
    while (i.answered.empty() && i.in_flight > 0) {
        if (i.ioc.stopped()) i.ioc.restart();
        if (i.ioc.run_one_until(deadline) == 0) break;
    }
    // And whatever else is ready by now, without waiting.
    if (i.ioc.stopped()) i.ioc.restart();
    i.ioc.poll();
    return std::exchange(i.answered, {});
}

}  // namespace caunoi::http
