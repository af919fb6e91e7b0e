#include "http/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "http/message.hpp"

using namespace caunoi::http;

TEST(Gzip, NegotiatesAcceptEncoding) {
    EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
    EXPECT_TRUE(AcceptsGzip("br;q=1.0, gzip;q=0.8"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
    EXPECT_FALSE(AcceptsGzip("identity"));
    EXPECT_FALSE(AcceptsGzip(""));
}

TEST(Gzip, RoundTrips) {
    std::string body(5000, 'a');
    auto gz = Gzip(body);
    ASSERT_TRUE(gz.has_value());
    EXPECT_LT(gz->size(), 100u);
    std::string out(body.size(), '\0');
    z_stream zs{};
    ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(gz->data());
    zs.avail_in = static_cast<uInt>(gz->size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
    inflateEnd(&zs);
    EXPECT_EQ(out, body);
}

TEST(UrlEncoding, DecodesFormsAndJoinsRepeatedKeys) {
    std::map<std::string, std::string> m;
    ParseUrlEncoded("name=L%C3%B2+V%C4%83n&p=registry&p=support&bad=%zz", m);
    EXPECT_EQ(m["name"], "Lò Văn");
    EXPECT_EQ(m["p"], "registry,support");
    EXPECT_EQ(m["bad"], "%zz");
    EXPECT_EQ(UrlDecode("%", false), "%");
}
