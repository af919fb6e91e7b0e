// The outbox sender's decisions with a gateway that answers as told (the real one, Kannel, is
// tested end to end in tests/integration/sms.test.mjs).
#include "sms/sender.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <functional>
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
    int claims = 0;
    // Highest priority first, then in the order queued, as the store claims.
    Result<std::vector<channel::OutboxMessage>> Claim(const std::string&, int limit, int64_t, int64_t) override {
        ++claims;
        std::stable_sort(ready.begin(), ready.end(),
                         [](const auto& x, const auto& y) { return x.priority > y.priority; });
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

// A gateway on the test's time: each message takes `latency` seconds and gets the next scripted
// answer (accepted once they run out); Wait moves the time to the next answer, or by what it was
// given. It records every start with its time and the most messages it had in flight at once.
class TimedGateway : public SmsGateway {
  public:
    double now = 0, latency = 0.1;
    std::deque<SendOutcome> answers;
    std::vector<std::string> sent;
    std::vector<double> started_at;
    size_t most_in_flight = 0;
    std::function<void(const channel::OutboxMessage&)> on_start;  // the test's hook

    void Start(const channel::OutboxMessage& m) override {
        sent.push_back(m.id);
        started_at.push_back(now);
        SendOutcome o = answers.empty() ? SendOutcome{} : answers.front();
        if (!answers.empty()) answers.pop_front();
        flying_.push_back({now + latency, {m.id, o}});
        most_in_flight = std::max(most_in_flight, flying_.size());
        if (on_start) on_start(m);
    }
    std::vector<SendResult> Wait(double seconds) override {
        double until = now + seconds;
        for (const auto& f : flying_) until = std::min(until, f.first);
        now = std::max(now, until);
        std::vector<SendResult> out;
        for (auto it = flying_.begin(); it != flying_.end();) {
            if (it->first <= now) {
                out.push_back(it->second);
                it = flying_.erase(it);
            } else {
                ++it;
            }
        }
        return out;
    }
    size_t InFlight() const { return flying_.size(); }

  private:
    std::vector<std::pair<double, SendResult>> flying_;  // answer time, answer
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

// Runs each body at once, counting them.
class CountedTransactions : public Transactions {
  public:
    int count = 0;
    Status Atomically(const std::function<Status()>& body) override {
        ++count;
        return body();
    }
    Status Savepoint(const std::function<Status()>& body) override { return body(); }
};

// What every test sends through: a queue, a gateway on the test's time and a fixed wall clock.
struct Rig {
    MemoryQueue q;
    TimedGateway g;
    FixedClock clock;
    CountedTransactions tx;
    OutboxSender Sender(SenderOptions o) {
        return OutboxSender(q, tx, g, clock, std::move(o), [this] { return g.now; });
    }
    void Enqueue(int n) {
        for (int i = 0; i < n; ++i) ASSERT_TRUE(q.Enqueue(Msg("m" + std::to_string(i))).ok());
    }
};

// No pace: only the slots and the answers hold the sender back.
SenderOptions Unpaced(int concurrency) {
    SenderOptions o;
    o.per_second = 0;
    o.concurrency = concurrency;
    return o;
}

TEST(OutboxSender, SendsAtThePaceAndRecordsEachResult) {
    Rig r;
    auto& q = r.q;
    auto& g = r.g;
    SenderOptions o;
    o.per_second = 4;
    o.retry_base = 30;
    OutboxSender sender = r.Sender(o);
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
    // 4 a second: a quarter of a second between starts, the first at once.
    EXPECT_EQ(g.started_at, (std::vector<double>{0, 0.25, 0.5, 0.75}));
}

TEST(OutboxSender, KeepsAsManyInFlightAsItMay) {
    for (int concurrency : {1, 4}) {
        Rig r;
        auto& q = r.q;
        auto& g = r.g;
        g.latency = 1;
        OutboxSender sender = r.Sender(Unpaced(concurrency));
        r.Enqueue(12);
        std::atomic<bool> stop{false};
        EXPECT_EQ(sender.RunOnce(stop).value(), 12);
        EXPECT_EQ(g.most_in_flight, static_cast<size_t>(concurrency));
        // A second for each answer, `concurrency` answers at a time.
        EXPECT_NEAR(g.now, 12.0 / concurrency, 1e-3) << concurrency;
        EXPECT_EQ(g.InFlight(), 0u) << "every answer waited for";
        EXPECT_EQ(r.tx.count, 12 / concurrency) << "the answers that come together, recorded together";
        ASSERT_EQ(q.log.size(), 12u);
        for (const auto& line : q.log) EXPECT_EQ(line.rfind("sent m", 0), 0u) << line;
    }
}

TEST(OutboxSender, NeverStartsMoreThanTheRateInAnySecond) {
    Rig r;
    auto& g = r.g;
    g.latency = 2;  // slow answers: the pace, not the answers, holds it back at first
    SenderOptions o;
    o.per_second = 5;
    o.concurrency = 8;
    OutboxSender sender = r.Sender(o);
    r.Enqueue(30);
    std::atomic<bool> stop{false};
    EXPECT_EQ(sender.RunOnce(stop).value(), 30);
    ASSERT_EQ(g.started_at.size(), 30u);
    for (size_t i = 1; i < g.started_at.size(); ++i)
        EXPECT_GE(g.started_at[i] - g.started_at[i - 1], 0.2 - 1e-9) << "start " << i;
    for (double from : g.started_at) {
        const auto in_a_second = std::count_if(g.started_at.begin(), g.started_at.end(),
                                               [&](double t) { return t >= from && t < from + 1; });
        EXPECT_LE(in_a_second, 5) << "from " << from;
    }
    EXPECT_EQ(g.most_in_flight, 8u) << "the slots limit it once answers lag";
}

TEST(OutboxSender, ClaimsBatchByBatchHighestPriorityFirst) {
    Rig r;
    auto& q = r.q;
    auto& g = r.g;
    SenderOptions o;
    o.per_second = 1000;
    o.concurrency = 1;
    o.batch = 4;
    OutboxSender sender = r.Sender(o);
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(q.Enqueue(Msg("r" + std::to_string(i))).ok());
    auto reply = Msg("p0");
    reply.priority = channel::kPriorityReply;
    ASSERT_TRUE(q.Enqueue(reply).ok());
    // A warning queued while the first batch is being sent goes first in the next one.
    g.on_start = [&](const channel::OutboxMessage& m) {
        if (m.id != "r1") return;
        auto warning = Msg("w0");
        warning.priority = channel::kPriorityWarning;
        ASSERT_TRUE(q.Enqueue(warning).ok());
    };
    std::atomic<bool> stop{false};
    EXPECT_EQ(sender.RunOnce(stop).value(), 8);
    EXPECT_EQ(g.sent, (std::vector<std::string>{"p0", "r0", "r1", "r2", "w0", "r3", "r4", "r5"}));
    EXPECT_EQ(q.claims, 3) << "two batches, then nothing due";
}

TEST(OutboxSender, StopMidBatchGivesBackWhatItDidNotStartAndRecordsWhatItDid) {
    Rig r;
    auto& q = r.q;
    auto& g = r.g;
    g.latency = 1;
    OutboxSender sender = r.Sender(Unpaced(2));
    for (const char* id : {"a", "b", "c", "d", "e", "f"}) ASSERT_TRUE(q.Enqueue(Msg(id)).ok());
    std::atomic<bool> stop{false};
    g.on_start = [&](const channel::OutboxMessage& m) { stop = stop || m.id == "d"; };
    EXPECT_EQ(sender.RunOnce(stop).value(), 4);
    EXPECT_EQ(g.sent, (std::vector<std::string>{"a", "b", "c", "d"}));
    // a and b are answered when c and d start (the slots first, then the records).
    EXPECT_EQ(q.log, (std::vector<std::string>{"release e", "release f", "sent a", "sent b", "sent c", "sent d"}))
        << "c and d, in flight when asked to stop, are answered and recorded";
    EXPECT_EQ(g.InFlight(), 0u);
}

TEST(OutboxSender, NeverSendsToANumberThatOptedOutAndStopsWhenAsked) {
    Rig r;
    auto& q = r.q;
    auto& g = r.g;
    OutboxSender sender = r.Sender(SenderOptions{});
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
    EXPECT_EQ(q.ready.size(), 1u) << "not even claimed";
}

TEST(OutboxSender, ClaimsNoMoreThanHalfALeaseCanSend) {
    Rig r;
    auto& q = r.q;
    auto& g = r.g;
    SenderOptions o;
    o.per_second = 0.1;  // one message in 10 s: 6 in the half of a 120 s lease
    o.lease_seconds = 120;
    o.concurrency = 1;
    OutboxSender sender = r.Sender(o);
    r.Enqueue(10);
    std::atomic<bool> stop{false};
    g.on_start = [&](const channel::OutboxMessage&) { stop = g.sent.size() == 6; };
    EXPECT_EQ(sender.RunOnce(stop).value(), 6);
    EXPECT_EQ(q.ready.size(), 4u) << "the first claim took 6 of the 10";
}

TEST(OutboxSender, BacksOffDoublingToAnHour) {
    Rig r;
    SenderOptions o;
    o.retry_base = 30;
    OutboxSender sender = r.Sender(o);
    EXPECT_EQ(sender.Backoff(1), 30);
    EXPECT_EQ(sender.Backoff(2), 60);
    EXPECT_EQ(sender.Backoff(3), 120);
    EXPECT_EQ(sender.Backoff(7), 1920);
    EXPECT_EQ(sender.Backoff(8), 3600);
    EXPECT_EQ(sender.Backoff(30), 3600);
}

}  // namespace
}  // namespace caunoi::sms
