#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "http/app.hpp"
#include "http/gzip.hpp"

namespace caunoi::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;
constexpr auto kAwait = net::as_tuple(net::use_awaitable);

struct ServerState {
    App& app;
    ServerOptions opts;
    bool stopping = false;
    std::set<beast::tcp_stream*> idle;  // connections waiting for their next request
    int active = 0;
    net::steady_timer* deadline = nullptr;
    void SessionEnded() {
        if (--active == 0 && stopping && deadline) deadline->cancel();
    }
};

Request Convert(const bhttp::request<bhttp::string_body>& in, const std::string& peer, const ServerState& st) {
    Request r;
    r.method = std::string(in.method_string());
    std::string_view target = in.target();
    auto q = target.find('?');
    r.path = UrlDecode(target.substr(0, q), false);
    if (q != std::string_view::npos) ParseUrlEncoded(target.substr(q + 1), r.query);
    for (const auto& f : in) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto& slot = r.headers[name];
        slot = slot.empty() ? std::string(f.value()) : slot + ", " + std::string(f.value());
    }
    r.cookies = ParseCookies(r.Header("cookie"));
    r.body = in.body();
    r.remote_addr = peer;
    const auto& proxy = st.app.config().trusted_proxy;
    if (!proxy.empty() && peer == proxy) {
        // Only a configured reverse proxy may tell us the client address and scheme.
        std::string xff = r.Header("x-forwarded-for");
        if (!xff.empty()) {
            auto comma = xff.rfind(',');
            std::string last = comma == std::string::npos ? xff : xff.substr(comma + 1);
            while (!last.empty() && last.front() == ' ') last.erase(0, 1);
            r.remote_addr = last;
        }
        r.secure = r.Header("x-forwarded-proto") == "https";
    }
    return r;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& resp, const Request& req, unsigned version) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(resp.status), version};
    out.set(bhttp::field::server, "caunoi");
    if (!resp.content_type.empty()) out.set(bhttp::field::content_type, resp.content_type);
    for (auto& [k, v] : resp.headers) out.insert(k, v);
    bool compressible = resp.content_type.rfind("text/", 0) == 0 ||
                        resp.content_type.find("json") != std::string::npos || resp.content_type == "image/svg+xml";
    if (compressible) out.set(bhttp::field::vary, "Accept-Encoding");
    if (compressible && resp.body.size() > 512 && AcceptsGzip(req.Header("accept-encoding"))) {
        if (auto gz = Gzip(resp.body)) {
            resp.body = std::move(*gz);
            out.set(bhttp::field::content_encoding, "gzip");
        }
    }
    out.body() = req.method == "HEAD" ? std::string() : std::move(resp.body);
    return out;
}

net::awaitable<void> Session(tcp::socket socket, ServerState& st) {
    ++st.active;
    beast::tcp_stream stream(std::move(socket));
    beast::error_code ec0;
    auto ep = stream.socket().remote_endpoint(ec0);
    const std::string peer = ec0 ? "?" : ep.address().to_string();
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(st.app.config().max_body);
        stream.expires_after(60s);
        const bool was_idle = buffer.size() == 0;
        if (was_idle) st.idle.insert(&stream);
        if (st.stopping && was_idle) {
            st.idle.erase(&stream);
            break;
        }
        auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kAwait);
        st.idle.erase(&stream);
        if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
            bool big_body = ec == bhttp::error::body_limit;
            Request req;
            req.path = std::string(parser.get().target());
            Error e{big_body ? ErrorCode::kPayloadTooLarge : ErrorCode::kInvalid,
                    big_body ? N_("Request too large") : N_("Invalid input"),
                    big_body ? "request body too large" : "request headers too large",
                    {}};
            auto res = ToBeast(st.app.ErrorResponse(req, e), req, 11);
            res.keep_alive(false);
            res.prepare_payload();
            co_await bhttp::async_write(stream, res, kAwait);
            break;
        }
        if (ec) break;  // closed, timed out, malformed: nothing more to say on this connection
        auto started = std::chrono::steady_clock::now();
        auto& in = parser.get();
        Request req = Convert(in, peer, st);
        Response resp = st.app.Handle(req);
        int status = resp.status;
        auto res = ToBeast(std::move(resp), req, in.version());
        res.keep_alive(in.keep_alive() && !st.stopping);
        res.prepare_payload();
        auto [wec, wn] = co_await bhttp::async_write(stream, res, kAwait);
        if (!st.opts.quiet) {
            auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.2f", us.count() / 1000.0);
            log::Info("http " + req.method + " " + req.path + " " + std::to_string(status) + " " + ms +
                      "ms user=" + (req.actor ? req.actor->user_id : "-") + " addr=" + req.remote_addr);
        }
        if (wec || !res.keep_alive()) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    st.SessionEnded();
}

// One worker: an io thread with its own App (and so its own database connection borrowing).
struct Worker {
    explicit Worker(App& app, const ServerOptions& opts)
        : st{app, opts, false, {}, 0, nullptr}, guard(net::make_work_guard(ioc)), deadline(ioc) {
        st.deadline = &deadline;
    }
    net::io_context ioc{1};
    ServerState st;
    net::executor_work_guard<net::io_context::executor_type> guard;  // runs until told to stop
    net::steady_timer deadline;

    // On the worker's own thread: finish in-flight requests, close idle connections, and let
    // run() return once every session has ended (whatever is open after 10 s is cut).
    void Stop() {
        st.stopping = true;
        for (auto* s : st.idle) s->cancel();
        guard.reset();
        if (st.active == 0) return;
        deadline.expires_after(10s);
        deadline.async_wait([this](const beast::error_code& te) {
            if (!te) ioc.stop();
        });
    }
};

// Accepts on the first worker's thread; each connection goes to the next worker in turn and
// stays there for its life.
net::awaitable<void> Listen(tcp::acceptor& acceptor, std::vector<std::unique_ptr<Worker>>& workers, bool& stopping) {
    for (size_t next = 0;; next = (next + 1) % workers.size()) {
        Worker& w = *workers[next];
        auto [ec, socket] = co_await acceptor.async_accept(w.ioc, kAwait);
        if (ec) {
            if (stopping || ec == net::error::operation_aborted) co_return;
            continue;  // e.g. too many open files: keep serving the connections we have
        }
        net::co_spawn(w.ioc, Session(std::move(socket), w.st), net::detached);
    }
}

}  // namespace

int RunServer(const std::vector<App*>& apps, const ServerOptions& opts,
              const std::function<void(unsigned short)>& on_listening) {
    std::vector<std::unique_ptr<Worker>> workers;
    for (App* app : apps) workers.push_back(std::make_unique<Worker>(*app, opts));
    net::io_context& main = workers.front()->ioc;
    // Handle SIGTERM from before "listening" is announced: a supervisor (or a test) may stop us
    // the moment we are up, and the default action would kill us mid-request.
    net::signal_set signals(main, SIGINT, SIGTERM);
    tcp::acceptor acceptor(main);
    beast::error_code ec;
    auto addr = net::ip::make_address(opts.address, ec);
    if (ec) {
        log::Error("bad listen address " + opts.address);
        return 2;
    }
    tcp::endpoint ep{addr, opts.port};
    acceptor.open(ep.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(ep, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        log::Error("cannot listen on " + opts.address + ":" + std::to_string(opts.port) + ": " + ec.message());
        return 2;
    }
    on_listening(acceptor.local_endpoint().port());
    bool stopping = false;
    signals.async_wait([&](const beast::error_code& e, int sig) {
        if (e) return;
        log::Info("signal " + std::to_string(sig) + ": finishing in-flight requests");
        stopping = true;
        acceptor.close();
        for (auto& w : workers) net::post(w->ioc, [w = w.get()] { w->Stop(); });
    });
    net::co_spawn(main, Listen(acceptor, workers, stopping), net::detached);
    std::vector<std::thread> threads;
    for (size_t i = 1; i < workers.size(); ++i) threads.emplace_back([w = workers[i].get()] { w->ioc.run(); });
    main.run();
    for (auto& t : threads) t.join();
    return 0;
}

}  // namespace caunoi::http
