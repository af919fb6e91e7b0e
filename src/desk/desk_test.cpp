#include "desk/desk.hpp"

#include <gtest/gtest.h>

using namespace caunoi::desk;

namespace {
Ticket T(std::string resident, std::string need, int64_t issued, int64_t called = 0, int64_t served = 0,
         int64_t closed = 0, TicketStatus status = TicketStatus::kClosed) {
    Ticket t;
    t.resident_id = std::move(resident);
    t.need = std::move(need);
    t.issued_at = issued;
    t.called_at = called;
    t.served_at = served;
    t.closed_at = closed;
    t.status = status;
    return t;
}
constexpr int64_t kDay = 86400;
}  // namespace

TEST(DeskFigures, AveragesWaitAndServiceOverServedTickets) {
    auto s = ComputeStats({T("", "question", 1000, 1600, 1600, 2200), T("", "question", 1000, 1200, 1300, 1900),
                           T("", "procedure", 1000, 0, 0, 0, TicketStatus::kWaiting)},
                          0);
    EXPECT_EQ(s.tickets, 3);
    EXPECT_EQ(s.waiting_now, 1);
    EXPECT_EQ(s.served, 2);
    EXPECT_EQ(s.avg_wait_seconds, 400);   // (600 + 200) / 2
    EXPECT_EQ(s.avg_serve_seconds, 600);  // (600 + 600) / 2
}

TEST(DeskFigures, ReturnIsSamePersonSameNeedWithin30Days) {
    int64_t from = 100 * kDay;
    auto s = ComputeStats({T("R1", "procedure", from - 10 * kDay),  // earlier visit, before the window
                           T("R1", "procedure", from + 5 * kDay),   // back within 30 days: a return
                           T("R1", "question", from + 6 * kDay),    // other need: not a return
                           T("R2", "procedure", from - 40 * kDay), T("R2", "procedure", from + 1 * kDay),  // 41 days
                           T("", "procedure", from + 2 * kDay), T("", "procedure", from + 3 * kDay)},      // anonymous
                          from);
    EXPECT_EQ(s.returns, 1);
}

TEST(DeskDay, IsTheVietnameseCalendarDay) {
    // 2026-11-30 17:30 UTC is already 1 December in Vietnam.
    EXPECT_EQ(LocalDay(1796059800), "2026-12-01");
}
