// The SmsGateway over Kannel's sendsms HTTP interface (smsbox), the only place that speaks to
// Kannel (docs/sms.md). Each message goes with a delivery-report URL back to caunoi carrying
// the message id, so reports find their message; Kannel adds the inbound token as its proxy
// credential, so nobody else can forge one (in the old single-secret setup, the URL carries it).
// Several requests go at once, each on a kept-alive HTTP/1.1 connection of its own (smsbox
// answers one request at a time per connection); a connection is opened when none is free.
// Thread-safety: one thread (the sender's): Start and Wait drive the connections on it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "channel/outbox.hpp"
#include "sms/sender.hpp"

namespace caunoi::http {

struct KannelOptions {
    std::string url;             // "http://127.0.0.1:13013": smsbox's sendsms port
    std::string user, password;  // a sendsms-user group
    std::string from;            // the sender number or short code shown to residents
    std::string callback_url;    // "http://127.0.0.1:8080": where Kannel reaches caunoi for reports
    std::string token;           // the single-secret setup's token, put in report URLs (token_in_url)
    bool token_in_url = false;   // the old single-secret setup: Kannel sends no credential of its own
    bool unicode = false;        // the operator setting: UCS-2 allowed for every message
    int timeout_seconds = 10;
};

class KannelGateway final : public sms::SmsGateway {
  public:
    explicit KannelGateway(KannelOptions o);
    ~KannelGateway() override;
    void Start(const channel::OutboxMessage& m) override;
    std::vector<sms::SendResult> Wait(double seconds) override;

    // The sendsms request target for `m` (path and query), for tests and the benchmark.
    std::string Target(const channel::OutboxMessage& m) const;

  private:
    struct Impl;  // the connections (Beast stays in the .cpp)
    KannelOptions o_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace caunoi::http
