// The HTTP/1.1 server: Boost.Beast over Asio C++20 coroutines, one io thread per worker.
// Each worker has an App of its own (its caches, its borrowing of database connections); the
// first worker's thread accepts and hands connections to the workers in turn.
// Reads a request (bounded header and body), converts it to http::Request, runs App::Handle,
// compresses the response when the client accepts gzip, writes it, logs one line.
// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close idle connections.
// Limits (ServerOptions): connections in total and per address, a deadline for headers, a
// bounded pool for password hashing; a failing accept (out of descriptors) backs off.
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
    // Connections open at once, and from one client address (a trusted proxy's are not counted
    // per address: it carries everyone's). One more is answered 503 and closed at once.
    size_t max_connections = 2000;
    size_t max_per_address = 100;
    std::string trusted_proxy;
    // Seconds a client has to send a request's headers (also the idle wait between requests).
    int header_seconds = 10;
    // Password hashing (argon2id) runs on this many threads, off the io threads; at most
    // hash_queue logins wait for them, more get 503 with Retry-After.
    unsigned hash_threads = 2;
    int hash_queue = 32;
};

// Runs one worker per App (at least one). Blocks until shutdown. Calls `on_listening(port)` once
// the socket is bound (port 0 picks one). Returns 0 on a clean shutdown, non-zero if the address
// could not be bound.
int RunServer(const std::vector<App*>& apps, const ServerOptions& opts,
              const std::function<void(unsigned short)>& on_listening);

}  // namespace caunoi::http
