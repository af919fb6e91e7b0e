// The outbox sender's decisions with a gateway that answers as told (the real one, Kannel, is
// tested end to end in tests/integration/sms.test.mjs).
#include "sms/sender.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <map>

namespace caunoi::sms {
namespace {

class FixedClock : public Clock {
  public:
    int64_t now = 1000;
    int64_t NowSeconds() const override { return now; }
};

// An in-memory queue that records what the sender did.
class MemoryQueue : public channel::OutboxQueue {
  public:
    std::vector<channel::OutboxMessage> ready;
    std::vector<std::string> log;
    Result<std::vector<channel::OutboxMessage>> Claim(const std::string&, int limit, int64_t, int64_t) override {
        std::vector<channel::OutboxMessage> out;
        while (!ready.empty() && static_cast<int>(out.size()) < limit) {
            out.push_back(ready.front());
            ready.erase(ready.begin());
        }
        return out;
    }
    Status Enqueue(const channel::OutboxMessage& m) override {
        ready.push_back(m);
        return {};
    }
    Status MarkSent(const std::string& id, const std::string&, int64_t) override {
        log.push_back("sent " + id);
        return {};
    }
    Status Retry(const std::string& id, const std::string&, int64_t next_at, const std::string& reason) override {
        log.push_back("retry " + id + " at " + std::to_string(next_at) + ": " + reason);
        return {};
    }
    Status Fail(const std::string& id, const std::string&, const std::string& reason) override {
        log.push_back("fail " + id + ": " + reason);
        return {};
    }
    Status Release(const std::string& id, const std::string&) override {
        log.push_back("release " + id);
        return {};
    }
    Status Report(const std::string&, bool, const std::string&, int64_t) override { return {}; }
};

class ScriptedGateway : public SmsGateway {
  public:
    std::deque<SendOutcome> answers;
    std::vector<std::string> sent;
    SendOutcome Send(const channel::OutboxMessage& m) override {
        sent.push_back(m.id);
        SendOutcome o = answers.empty() ? SendOutcome{} : answers.front();
        if (!answers.empty()) answers.pop_front();
        return o;
    }
};

channel::OutboxMessage Msg(const std::string& id, int attempts = 0, bool opted_out = false) {
    channel::OutboxMessage m;
    m.id = id;
    m.phone = "0912345678";
    m.body = "x";
    m.attempts = attempts;
    m.opted_out = opted_out;
    return m;
}

TEST(OutboxSender, SendsAtThePaceAndRecordsEachResult) {
    MemoryQueue q;
    ScriptedGateway g;
    FixedClock clock;
    std::vector<double> sleeps;
    SenderOptions o;
    o.per_second = 4;
    o.retry_base = 30;
    OutboxSender sender(q, g, clock, o, [&](double s) { sleeps.push_back(s); });
    for (const char* id : {"a", "b", "c", "d"}) ASSERT_TRUE(q.Enqueue(Msg(id)).ok());
    q.ready[3].attempts = 7;  // its last chance
    g.answers = {{SendOutcome::kAccepted, "0: Accepted"},
                 {SendOutcome::kRetry, "Kannel unreachable"},
                 {SendOutcome::kFailed, "Kannel 400: bad number"},
                 {SendOutcome::kRetry, "Kannel 503"}};
    std::atomic<bool> stop{false};
    EXPECT_EQ(sender.RunOnce(stop).value(), 4);
    EXPECT_EQ(g.sent, (std::vector<std::string>{"a", "b", "c", "d"}));
    EXPECT_EQ(q.log, (std::vector<std::string>{"sent a", "retry b at 1030: Kannel unreachable",
                                               "fail c: Kannel 400: bad number",
                                               "fail d: gave up after 8 attempts: Kannel 503"}));
    // 4 a second: a quarter of a second between messages, none before the first.
    EXPECT_EQ(sleeps, (std::vector<double>{0.25, 0.25, 0.25}));
}

TEST(OutboxSender, NeverSendsToANumberThatOptedOutAndStopsWhenAsked) {
    MemoryQueue q;
    ScriptedGateway g;
    FixedClock clock;
    OutboxSender sender(q, g, clock, SenderOptions{}, [](double) {});
    ASSERT_TRUE(q.Enqueue(Msg("x", 0, true)).ok());
    std::atomic<bool> stop{false};
    EXPECT_EQ(sender.RunOnce(stop).value(), 1);
    EXPECT_TRUE(g.sent.empty());
    ASSERT_EQ(q.log.size(), 1u);
    EXPECT_EQ(q.log[0].rfind("fail x: the number asked for no more messages", 0), 0u);
    ASSERT_TRUE(q.Enqueue(Msg("y")).ok());
    stop = true;
    EXPECT_EQ(sender.RunOnce(stop).value(), 0);
    EXPECT_TRUE(g.sent.empty());
    EXPECT_EQ(q.log.back(), "release y") << "given back, not left to its lease";
}

TEST(OutboxSender, BacksOffDoublingToAnHour) {
    MemoryQueue q;
    ScriptedGateway g;
    FixedClock clock;
    SenderOptions o;
    o.retry_base = 30;
    OutboxSender sender(q, g, clock, o, [](double) {});
    EXPECT_EQ(sender.Backoff(1), 30);
    EXPECT_EQ(sender.Backoff(2), 60);
    EXPECT_EQ(sender.Backoff(3), 120);
    EXPECT_EQ(sender.Backoff(7), 1920);
    EXPECT_EQ(sender.Backoff(8), 3600);
    EXPECT_EQ(sender.Backoff(30), 3600);
}

}  // namespace
}  // namespace caunoi::sms
