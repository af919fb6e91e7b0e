#include "registry/csv.hpp"

#include <gtest/gtest.h>

using caunoi::registry::ParseCsv;

TEST(Csv, QuotedFieldsCommasAndCrlf) {
    auto r = ParseCsv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n,last\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[1][0], "x, y");
    EXPECT_EQ((*r)[1][1], "say \"hi\"");
    EXPECT_EQ((*r)[2][0], "");
    EXPECT_EQ((*r)[2][1], "last");
}

TEST(Csv, UnterminatedQuoteNamesTheLine) {
    auto r = ParseCsv("a,b\n1,\"open\n2,3\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "line 2");
}
