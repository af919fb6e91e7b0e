#include "http/wire.hpp"

#include <gtest/gtest.h>

namespace caunoi::http {
namespace {

Request Get(std::string accept_encoding = "") {
    Request r;
    r.method = "GET";
    r.path = "/x";
    if (!accept_encoding.empty()) r.headers["accept-encoding"] = accept_encoding;
    return r;
}

TEST(Wire, StatusLineHeadersLengthThenBody) {
    Response resp;
    resp.body = "xin chào";
    resp.headers.emplace_back("Cache-Control", "no-store");
    Wire w = ToWire(std::move(resp), Get(), 11, true);
    EXPECT_EQ(w.head,
              "HTTP/1.1 200 OK\r\nServer: caunoi\r\nContent-Type: text/html; charset=utf-8\r\n"
              "Cache-Control: no-store\r\nVary: Accept-Encoding\r\nContent-Length: 9\r\n\r\n");
    EXPECT_EQ(w.Body(), "xin chào");
}

TEST(Wire, ConnectionHeaderOnlyWhereTheVersionDefaultDiffers) {
    Response a, b, c;
    EXPECT_NE(ToWire(std::move(a), Get(), 11, false).head.find("Connection: close\r\n"), std::string::npos);
    EXPECT_NE(ToWire(std::move(b), Get(), 10, true).head.find("HTTP/1.0 200 OK\r\n"), std::string::npos);
    Response d;
    EXPECT_NE(ToWire(std::move(d), Get(), 10, true).head.find("Connection: keep-alive\r\n"), std::string::npos);
    EXPECT_EQ(ToWire(std::move(c), Get(), 11, true).head.find("Connection"), std::string::npos);
}

TEST(Wire, CachedGzipCopyIsSharedNotCopied) {
    Response resp;
    resp.body = std::string(2000, 'a');
    resp.gzip_body = std::make_shared<const std::string>("GZ");
    auto shared = resp.gzip_body;
    Wire w = ToWire(std::move(resp), Get("gzip, br"), 11, true);
    EXPECT_EQ(w.Body().data(), shared->data());
    EXPECT_NE(w.head.find("Content-Encoding: gzip\r\nContent-Length: 2\r\n"), std::string::npos);

    Response plain;
    plain.body = std::string(2000, 'a');
    plain.gzip_body = shared;
    Wire p = ToWire(std::move(plain), Get(), 11, true);
    EXPECT_EQ(p.Body().size(), 2000u);
    EXPECT_EQ(p.head.find("Content-Encoding"), std::string::npos);
}

TEST(Wire, ACachedPlainBodyIsSharedAndStillCompressedWhenNoCopyIs) {
    auto page = std::make_shared<const std::string>(std::string(3000, 'p'));
    Response hit;
    hit.shared_body = page;
    Wire w = ToWire(std::move(hit), Get(), 11, true);
    EXPECT_EQ(w.Body().data(), page->data());
    EXPECT_NE(w.head.find("Content-Length: 3000\r\n"), std::string::npos);
    Response gz;
    gz.shared_body = page;
    Wire z = ToWire(std::move(gz), Get("gzip"), 11, true);
    EXPECT_NE(z.head.find("Content-Encoding: gzip"), std::string::npos);
    EXPECT_LT(z.Body().size(), 100u);
    EXPECT_EQ(page->size(), 3000u);
}

TEST(Wire, LargeTextIsCompressedSmallOrBinaryIsNot) {
    Response big;
    big.body = std::string(4000, 'b');
    Wire w = ToWire(std::move(big), Get("gzip"), 11, true);
    EXPECT_NE(w.head.find("Content-Encoding: gzip"), std::string::npos);
    EXPECT_LT(w.Body().size(), 200u);
    Response png;
    png.content_type = "image/png";
    png.body = std::string(4000, 'b');
    Wire i = ToWire(std::move(png), Get("gzip"), 11, true);
    EXPECT_EQ(i.head.find("Content-Encoding"), std::string::npos);
    EXPECT_EQ(i.head.find("Vary"), std::string::npos);
    EXPECT_EQ(i.Body().size(), 4000u);
}

TEST(Wire, HeadHasTheLengthOfGetAndNoBody) {
    Response resp;
    resp.body = "hello";
    Request head = Get();
    head.method = "HEAD";
    Wire w = ToWire(std::move(resp), head, 11, true);
    EXPECT_NE(w.head.find("Content-Length: 5\r\n"), std::string::npos);
    EXPECT_TRUE(w.Body().empty());
}

TEST(Wire, NoContentAndNotModifiedHaveNeitherBodyNorLength) {
    for (int status : {204, 304}) {
        Response resp;
        resp.status = status;
        resp.body = "ignored";
        Wire w = ToWire(std::move(resp), Get(), 11, true);
        EXPECT_EQ(w.head.find("Content-Length"), std::string::npos) << status;
        EXPECT_TRUE(w.Body().empty()) << status;
    }
}

TEST(Wire, AnUnsafeHeaderTurnsTheWholeAnswerIntoA500) {
    Response resp;
    resp.body = "secret page";
    resp.headers.emplace_back("Set-Cookie", "a=b\r\nX-Evil: 1");
    Wire w = ToWire(std::move(resp), Get(), 11, true);
    EXPECT_EQ(w.head.rfind("HTTP/1.1 500 Internal Server Error\r\n", 0), 0u);
    EXPECT_EQ(w.head.find("Evil"), std::string::npos);
    EXPECT_EQ(w.Body(), "500\n");
}

}  // namespace
}  // namespace caunoi::http
