#include "http/kannel_client.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace caunoi::http
