#include "http/kannel_client.hpp"

#include "http/http_get.hpp"
#include "http/message.hpp"
#include "sms/phone.hpp"

namespace caunoi::http {

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
    auto url = ParseHttpUrl(o_.url);
    if (!url) return {sms::SendOutcome::kRetry, "bad Kannel address " + o_.url};
    url->target = Target(m);
    // Refused, reset, timed out, or an answer that is not HTTP: try again later.
    auto res = HttpGet(*url, o_.timeout_seconds, 16 * 1024);
    if (!res.ok()) return {sms::SendOutcome::kRetry, "Kannel unreachable: " + res.error().detail};
    const unsigned status = res->status;
    std::string body = res->body.substr(0, 200);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
    // 202 "0: Accepted for delivery" or "3: Queued for later delivery" (Kannel keeps it).
    if (status == 202 || status == 200) return {sms::SendOutcome::kAccepted, body};
    // Busy, or not configured yet (wrong password is an operator's mistake, not the message's).
    if (status == 503 || status == 401 || status == 403 || status >= 500)
        return {sms::SendOutcome::kRetry, "Kannel " + std::to_string(status) + ": " + body};
    return {sms::SendOutcome::kFailed, "Kannel " + std::to_string(status) + ": " + body};
}

}  // namespace caunoi::http
