#include "http/kannel_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "http/message.hpp"

namespace caunoi::http {
namespace {

KannelOptions Options(bool token_in_url) {
    KannelOptions o;
    o.url = "http://127.0.0.1:13013";
    o.user = "caunoi";
    o.password = "sendpass";
    o.callback_url = "http://127.0.0.1:8080";
    o.token = "inboundtoken";
    o.token_in_url = token_in_url;
    return o;
}

channel::OutboxMessage Message() {
    channel::OutboxMessage m;
    m.id = "01HMSG";
    m.phone = "0912345678";
    m.body = "Hop thon";
    return m;
}

TEST(KannelTarget, ReportUrlCarriesNoSecret) {
    const std::string t = KannelGateway(Options(false)).Target(Message());
    EXPECT_NE(t.find("password=sendpass"), std::string::npos) << t;
    EXPECT_NE(t.find("&dlr-url=" + UrlEncode("http://127.0.0.1:8080/api/v1/sms/dlr?id=01HMSG&status=%d&reply=%A")),
              std::string::npos)
        << t;
    EXPECT_EQ(t.find("inboundtoken"), std::string::npos) << t;
}

TEST(KannelTarget, SingleSecretSetupKeepsTheTokenInTheReportUrl) {
    const std::string t = KannelGateway(Options(true)).Target(Message());
    EXPECT_NE(t.find(UrlEncode("/api/v1/sms/dlr?t=inboundtoken&id=01HMSG&")), std::string::npos) << t;
}

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// A stand-in for smsbox's sendsms port on loopback, on a thread of its own: reads requests on
// kept-alive connections and answers each as `how` says for the n-th request (from 1). An
// answer waits until `together` requests have come (at most 5 s), to see them in flight at once.
class FakeSendsms {
  public:
    enum How { kAnswer, kAnswerThenClose, kCloseWithoutAnswer };
    std::atomic<int> connections{0}, requests{0};

    explicit FakeSendsms(std::function<How(int)> how, int together = 1)
        : how_(std::move(how)), together_(together), acceptor_(ioc_, {net::ip::make_address("127.0.0.1"), 0}) {
        net::co_spawn(ioc_, Accept(), net::detached);
        thread_ = std::thread([this] { ioc_.run(); });
    }
    ~FakeSendsms() {
        ioc_.stop();
        thread_.join();
    }
    std::string Url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }

  private:
    net::awaitable<void> Accept() {
        for (;;) {
            auto [ec, socket] = co_await acceptor_.async_accept(net::as_tuple(net::use_awaitable));
            if (ec) co_return;
            ++connections;
            net::co_spawn(ioc_, Serve(std::move(socket)), net::detached);
        }
    }
    net::awaitable<void> Serve(tcp::socket socket) {
        boost::beast::flat_buffer buffer;
        for (;;) {
            bhttp::request<bhttp::empty_body> req;
            auto [ec, n] = co_await bhttp::async_read(socket, buffer, req, net::as_tuple(net::use_awaitable));
            if (ec) co_return;
            const How how = how_(++requests);
            if (how == kCloseWithoutAnswer) co_return;  // the socket closes with the frame
            net::steady_timer timer(ioc_);
            for (int i = 0; i < 500 && requests < together_; ++i) {
                timer.expires_after(std::chrono::milliseconds(10));
                co_await timer.async_wait(net::as_tuple(net::use_awaitable));
            }
            bhttp::response<bhttp::string_body> res{bhttp::status::accepted, 11};
            res.body() = "0: Accepted for delivery";
            res.prepare_payload();
            auto [wec, wn] = co_await bhttp::async_write(socket, res, net::as_tuple(net::use_awaitable));
            if (wec || how == kAnswerThenClose) co_return;
        }
    }

    std::function<How(int)> how_;
    int together_;
    net::io_context ioc_;
    tcp::acceptor acceptor_;
    std::thread thread_;
};

// Starts `ids` and waits (at most 10 s) for as many answers.
std::vector<sms::SendResult> SendAll(KannelGateway& g, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        auto m = Message();
        m.id = id;
        g.Start(m);
    }
    std::vector<sms::SendResult> out;
    for (int i = 0; i < 100 && out.size() < ids.size(); ++i)
        for (auto& r : g.Wait(0.1)) out.push_back(std::move(r));
    return out;
}

KannelOptions OptionsFor(const FakeSendsms& server) {
    KannelOptions o = Options(false);
    o.url = server.Url();
    o.timeout_seconds = 5;
    return o;
}

TEST(KannelGateway, KeepsSeveralRequestsInFlightOnKeptAliveConnections) {
    FakeSendsms server([](int) { return FakeSendsms::kAnswer; }, 4);
    KannelGateway g(OptionsFor(server));
    auto first = SendAll(g, {"a", "b", "c", "d"});
    ASSERT_EQ(first.size(), 4u);
    for (const auto& r : first) EXPECT_EQ(r.outcome.kind, sms::SendOutcome::kAccepted) << r.id << r.outcome.detail;
    EXPECT_EQ(server.connections, 4) << "four at once, a connection each";
    auto again = SendAll(g, {"e", "f", "g", "h"});
    ASSERT_EQ(again.size(), 4u);
    for (const auto& r : again) EXPECT_EQ(r.outcome.kind, sms::SendOutcome::kAccepted) << r.id << r.outcome.detail;
    EXPECT_EQ(server.connections, 4) << "the same connections again";
    EXPECT_EQ(server.requests, 8);
}

TEST(KannelGateway, SendsOnANewConnectionWhenKannelClosedTheKeptOne) {
    FakeSendsms server([](int) { return FakeSendsms::kAnswerThenClose; });
    KannelGateway g(OptionsFor(server));
    for (const char* id : {"a", "b", "c"}) {
        auto results = SendAll(g, {id});
        ASSERT_EQ(results.size(), 1u);
        EXPECT_EQ(results[0].outcome.kind, sms::SendOutcome::kAccepted) << id << results[0].outcome.detail;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // Kannel's close reaches us
    }
    EXPECT_EQ(server.requests, 3) << "each sent once";
    EXPECT_EQ(server.connections, 3);
}

TEST(KannelGateway, ARequestWrittenAndNotAnsweredIsARetryNotAResend) {
    FakeSendsms server([](int n) { return n == 2 ? FakeSendsms::kCloseWithoutAnswer : FakeSendsms::kAnswer; });
    KannelGateway g(OptionsFor(server));
    ASSERT_EQ(SendAll(g, {"a"}).size(), 1u);
    auto results = SendAll(g, {"b"});  // on the kept connection, which Kannel closes after reading it
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].outcome.kind, sms::SendOutcome::kRetry);
    EXPECT_NE(results[0].outcome.detail.find("it may have taken the message"), std::string::npos)
        << results[0].outcome.detail;
    EXPECT_TRUE(g.Wait(0.2).empty());
    EXPECT_EQ(server.requests, 2) << "not sent again by the gateway: the outbox retries it later";
    auto after = SendAll(g, {"c"});
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].outcome.kind, sms::SendOutcome::kAccepted) << after[0].outcome.detail;
}

TEST(KannelGateway, UnreachableIsARetry) {
    KannelOptions o = Options(false);
    o.url = "http://127.0.0.1:1";
    KannelGateway g(o);
    auto results = SendAll(g, {"a"});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].outcome.kind, sms::SendOutcome::kRetry);
    EXPECT_EQ(results[0].outcome.detail.rfind("Kannel unreachable", 0), 0u) << results[0].outcome.detail;
}

}  // namespace
}  // namespace caunoi::http
