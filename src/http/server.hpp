// The HTTP/1.1 server: Boost.Beast over Asio C++20 coroutines, one io thread per worker.
// Each worker has an App of its own (its caches, its borrowing of database connections); the
// first worker's thread accepts and hands connections to the workers in turn.
// Reads a request (bounded header and body), converts it to http::Request, runs App::Handle,
// compresses the response when the client accepts gzip, writes it, logs one line.
// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close idle connections.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace caunoi::http {

class App;

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    bool quiet = false;  // no per-request log lines (benchmarks)
};

// Runs one worker per App (at least one). Blocks until shutdown. Calls `on_listening(port)` once
// the socket is bound (port 0 picks one). Returns 0 on a clean shutdown, non-zero if the address
// could not be bound.
int RunServer(const std::vector<App*>& apps, const ServerOptions& opts,
              const std::function<void(unsigned short)>& on_listening);

}  // namespace caunoi::http
