// The SmsGateway over Kannel's sendsms HTTP interface (smsbox), the only place that speaks to
// Kannel (docs/sms.md). Each message goes with a delivery-report URL back to caunoi carrying
// the message id, so reports find their message; Kannel adds the inbound token as its proxy
// credential, so nobody else can forge one (in the old single-secret setup, the URL carries it).
// Thread-safety: one thread (the sender's).
#pragma once

#include <string>

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
    explicit KannelGateway(KannelOptions o) : o_(std::move(o)) {}
    sms::SendOutcome Send(const channel::OutboxMessage& m) override;

    // The sendsms request target for `m` (path and query), for tests and the benchmark.
    std::string Target(const channel::OutboxMessage& m) const;

  private:
    KannelOptions o_;
};

}  // namespace caunoi::http
