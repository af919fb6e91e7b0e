#include "http/server.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "http/app.hpp"
#include "http/wire.hpp"

namespace caunoi::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;
constexpr auto kAwait = net::as_tuple(net::use_awaitable);

// Open connections, in total and per client address; shared by the workers (a connection is
// counted on the accepting thread and released on its worker's).
class ConnectionCount {
  public:
    explicit ConnectionCount(const ServerOptions& o) : opts_(o) {}
    bool TryAdd(const std::string& addr) {
        std::lock_guard<std::mutex> lock(m_);
        if (total_ >= opts_.max_connections) return false;
        if (addr != opts_.trusted_proxy && per_[addr] >= opts_.max_per_address) return false;
        ++total_;
        ++per_[addr];
        return true;
    }
    void Remove(const std::string& addr) {
        std::lock_guard<std::mutex> lock(m_);
        --total_;
        if (auto it = per_.find(addr); it != per_.end() && --it->second == 0) per_.erase(it);
    }

  private:
    const ServerOptions& opts_;
    std::mutex m_;
    size_t total_ = 0;
    std::unordered_map<std::string, size_t> per_;
};

// The password-hashing pool: a few threads shared by the workers, and how many jobs wait.
struct HashPool {
    explicit HashPool(const ServerOptions& o) : pool(o.hash_threads), max_queued(o.hash_queue) {}
    net::thread_pool pool;
    const int max_queued;
    std::atomic<int> queued{0};
};

struct ServerState {
    App& app;
    ServerOptions opts;
    ConnectionCount* connections = nullptr;
    HashPool* hashing = nullptr;
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
    // Kannel, told to reach caunoi as its HTTP proxy (docs/sms.md), sends absolute targets.
    std::string_view target = OriginForm(in.target());
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

// Writes the answer in one gathered write (the stream's timeout applies).
net::awaitable<beast::error_code> Send(beast::tcp_stream& stream, const Wire& w) {
    std::array<net::const_buffer, 2> bufs{net::buffer(w.head), net::buffer(w.Body().data(), w.Body().size())};
    auto [ec, n] = co_await net::async_write(stream, bufs, kAwait);
    co_return ec;
}

// Runs a response's offloaded work (Response::work) on the hashing pool, then its continuation
// here; a full queue answers 503 at once.
net::awaitable<Response> RunOffloaded(ServerState& st, Request& req, Response pending) {
    HashPool& hp = *st.hashing;
    if (hp.queued.fetch_add(1) >= hp.max_queued) {
        hp.queued.fetch_sub(1);
        Error e{ErrorCode::kUnavailable, N_("The server is busy; try again in a moment"), "password hashing queue full", {}};
        e.retry_after = 5;
        pending.then = [e] { return Result<Response>(e); };  // rendered as every answer is (App::Finish)
        co_return st.app.Resume(req, std::move(pending));
    }
    auto work = std::move(pending.work);
    co_await net::co_spawn(
        hp.pool,
        [&work]() -> net::awaitable<void> {
            // Hashing yields the CPU to requests: a login flood slows logins, not pages.
            static thread_local bool niced = setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) == 0;
            (void)niced;
            try {
                work();
            } catch (const std::exception& e) {
                log::Error(std::string("offloaded work failed: ") + e.what());
            }
            co_return;
        },
        net::use_awaitable);
    hp.queued.fetch_sub(1);
    co_return st.app.Resume(req, std::move(pending));
}

// The body after the headers: a sync push over 2G may take a while, headers may not.
constexpr auto kBodySeconds = 60s;
// The largest piece a request's body is read in: an idle connection keeps a small buffer.
constexpr size_t kBigRead = 64 * 1024;

net::awaitable<void> Session(tcp::socket socket, ServerState& st, std::string peer) {
    ++st.active;
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(st.app.config().max_body);
        stream.expires_after(std::chrono::seconds(st.opts.header_seconds));
        const bool was_idle = buffer.size() == 0;
        if (was_idle) st.idle.insert(&stream);
        if (st.stopping && was_idle) {
            st.idle.erase(&stream);
            break;
        }
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kAwait);
        st.idle.erase(&stream);
        if (!ec && !parser.is_done()) {
            stream.expires_after(kBodySeconds);
            // Beast reads at most the buffer's free room at a time (512 bytes at least): a sync
            // push of 150 KB took 270 reads, each a recv, an epoll wait and a timer. A large body
            // is read in pieces of up to kBigRead, the room given back once it is in.
            if (parser.content_length().value_or(0) > kBigRead / 4)
                buffer.reserve(std::min<size_t>(*parser.content_length(), kBigRead));
            std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, kAwait);
            if (buffer.capacity() > kBigRead / 4 && buffer.size() == 0) buffer.shrink_to_fit();
        }
        if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
            bool big_body = ec == bhttp::error::body_limit;
            Request req;
            req.path = std::string(parser.get().target());
            Error e{big_body ? ErrorCode::kPayloadTooLarge : ErrorCode::kInvalid,
                    big_body ? N_("Request too large") : N_("Invalid input"),
                    big_body ? "request body too large" : "request headers too large",
                    {}};
            co_await Send(stream, ToWire(st.app.ErrorResponse(req, e), req, 11, false));
            break;
        }
        if (ec) break;  // closed, timed out, malformed: nothing more to say on this connection
        auto started = std::chrono::steady_clock::now();
        auto& in = parser.get();
        Request req = Convert(in, peer, st);
        Response resp = st.app.Handle(req);
        if (resp.work) resp = co_await RunOffloaded(st, req, std::move(resp));
        int status = resp.status;
        const bool keep_alive = in.keep_alive() && !st.stopping;
        auto wec = co_await Send(stream, ToWire(std::move(resp), req, in.version(), keep_alive));
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        {
            auto& m = metrics::Registry::Global();
            std::string route = req.route.empty() ? "unmatched" : req.route, method = metrics::MethodLabel(req.method);
            m.Add(metrics::kHttpRequests, {route, method, std::to_string(status)});
            m.Observe(metrics::kHttpDuration, {std::move(route), std::move(method)}, us.count() / 1e6);
        }
        if (!st.opts.quiet) {
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.2f", us.count() / 1000.0);
            log::Info("http " + req.method + " " + req.path + " " + std::to_string(status) + " " + ms +
                      "ms user=" + (req.actor ? req.actor->user_id : "-") + " addr=" + req.remote_addr);
        }
        if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    st.connections->Remove(peer);
    st.SessionEnded();
}

// A connection over the limits: told so at once (the socket's buffer is empty, so this small
// write does not block) and closed, so it holds no descriptor.
template <typename Socket>
void Refuse(Socket& socket) {
    static constexpr std::string_view k503 =
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 10\r\nContent-Type: text/plain\r\n"
        "Content-Length: 4\r\nConnection: close\r\n\r\n503\n";
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(net::buffer(k503), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
}

// One worker: an io thread with its own App (and so its own database connection borrowing).
struct Worker {
    explicit Worker(App& app, const ServerOptions& opts)
        : st{app, opts, nullptr, nullptr, false, {}, 0, nullptr}, guard(net::make_work_guard(ioc)), deadline(ioc) {
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
// A new connection: counted, then served by worker `w`, or refused when over the limits.
template <typename Socket>
void Admit(Socket&& socket, Worker& w, ConnectionCount& connections) {
    beast::error_code pec;
    auto ep = socket.remote_endpoint(pec);
    std::string peer = pec ? "?" : ep.address().to_string();
    if (!connections.TryAdd(peer)) {
        Refuse(socket);
        return;
    }
    net::co_spawn(w.ioc, Session(std::move(socket), w.st, std::move(peer)), net::detached);
}

// Connections accepted at once after each wake-up, at most.
constexpr int kAcceptBatch = 64;

net::awaitable<void> Listen(tcp::acceptor& acceptor, std::vector<std::unique_ptr<Worker>>& workers, bool& stopping,
                            ConnectionCount& connections) {
    net::steady_timer pause(acceptor.get_executor());
    bool failing = false;  // log the first failure of a streak only
    beast::error_code nbec;
    acceptor.non_blocking(true, nbec);
    for (size_t next = 0;; next = (next + 1) % workers.size()) {
        auto [ec, socket] = co_await acceptor.async_accept(workers[next]->ioc, kAwait);
        if (ec) {
            if (stopping || ec == net::error::operation_aborted) co_return;
            // Out of descriptors, most likely: retrying at once would spin a core while nothing
            // can be accepted. Serve the connections we have and try again shortly.
            if (!failing) log::Error("accept failed: " + ec.message() + "; retrying every 100 ms");
            failing = true;
            pause.expires_after(100ms);
            co_await pause.async_wait(kAwait);
            continue;
        }
        failing = false;
        Admit(std::move(socket), *workers[next], connections);
        // Everyone else already waiting, now: each accept waits its turn behind every request in
        // the queue, so accepting one at a time let the last of many new clients wait seconds.
        for (int more = 1; more < kAcceptBatch; ++more) {
            next = (next + 1) % workers.size();
            beast::error_code aec;
            auto waiting = acceptor.accept(workers[next]->ioc, aec);
            if (aec) break;  // would block: nobody else is waiting (or an error the next wait meets)
            Admit(std::move(waiting), *workers[next], connections);
        }
    }
}

}  // namespace

int RunServer(const std::vector<App*>& apps, const ServerOptions& opts,
              const std::function<void(unsigned short)>& on_listening) {
    // glibc gives the top of the heap back to the kernel whenever 128 KiB of it is free. A page
    // answer is a few tens of KiB, so under load the heap grew and shrank every few requests: a
    // brk call, then page faults on fresh zeroed pages, about a quarter of a cached page's cost
    // (docs/benchmarks.md, "Village board"). Keep up to 16 MiB of free heap instead.
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
        files.rlim_cur < opts.max_connections + 64)
        log::Error("only " + std::to_string(files.rlim_cur) + " open files allowed for " +
                   std::to_string(opts.max_connections) +
                   " connections: raise the limit (LimitNOFILE= in the systemd unit) or lower --max-connections");
    ConnectionCount connections(opts);
    std::vector<std::unique_ptr<Worker>> workers;
    for (App* app : apps) workers.push_back(std::make_unique<Worker>(*app, opts));
    // After the workers, so destroyed first: its threads are joined before the io contexts go.
    HashPool hashing(opts);
    for (auto& w : workers) {
        w->st.connections = &connections;
        w->st.hashing = &hashing;
    }
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
    net::co_spawn(main, Listen(acceptor, workers, stopping, connections), net::detached);
    std::vector<std::thread> threads;
    for (size_t i = 1; i < workers.size(); ++i) threads.emplace_back([w = workers[i].get()] { w->ioc.run(); });
    main.run();
    for (auto& t : threads) t.join();
    return 0;
}

}  // namespace caunoi::http
