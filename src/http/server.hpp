// The HTTP/1.1 server: Boost.Beast over Asio C++20 coroutines on one io thread.
// Reads a request (bounded header and body), converts it to http::Request, runs App::Handle,
// compresses the response when the client accepts gzip, writes it, logs one line.
// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close idle connections.
#pragma once

#include <functional>
#include <string>

namespace caunoi::http {

class App;

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    bool quiet = false;  // no per-request log lines (benchmarks)
};

// Blocks until shutdown. Calls `on_listening(port)` once the socket is bound (port 0 picks one).
// Returns 0 on a clean shutdown, non-zero if the address could not be bound.
int RunServer(App& app, const ServerOptions& opts, const std::function<void(unsigned short)>& on_listening);

}  // namespace caunoi::http
