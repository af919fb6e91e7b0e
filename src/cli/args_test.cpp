#include "cli/args.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <limits>

using caunoi::cli::Args;
using caunoi::cli::Parse;
using caunoi::cli::ParseInt;

TEST(CliParseInt, WholeNumbersInRange) {
    EXPECT_EQ(ParseInt("8", "--workers", 1, 64).value(), 8);
    EXPECT_EQ(ParseInt("1", "--workers", 1, 64).value(), 1);
    EXPECT_EQ(ParseInt("64", "--workers", 1, 64).value(), 64);
    EXPECT_EQ(ParseInt(" 12 ", "--workers", 1, 64).value(), 12);
    EXPECT_EQ(ParseInt("+12", "--workers", 1, 64).value(), 12);
    EXPECT_EQ(ParseInt("007", "--workers", 1, 64).value(), 7);
    EXPECT_EQ(ParseInt("-5", "--x", -10, 10).value(), -5);
    EXPECT_EQ(ParseInt("4294967295", "--seed", 0, std::numeric_limits<unsigned>::max()).value(), 4294967295);
}

TEST(CliParseInt, RefusesWhatIsNotAWholeNumberInRangeNamingTheFlag) {
    for (const char* bad : {"", " ", "abc", "1.5", "12abc", "0x10", "1e3", "+", "-", "+-3", "--3", "1 2", "65", "0",
                            "-1", "99999999999999999999999"}) {
        auto r = ParseInt(bad, "--workers", 1, 64);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "--workers");
        EXPECT_EQ(r.error().detail, std::string("--workers takes a whole number from 1 to 64, not \"") + bad + "\"");
    }
}

TEST(CliArgs, IntReadsTheFlagThenTheEnvironmentThenTheDefault) {
    ::unsetenv("CAUNOI_TEST_WORKERS");
    EXPECT_EQ(Parse({"serve"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64).value(), 1);
    EXPECT_EQ(Parse({"serve"}).Int("workers", nullptr, 3, 1, 64).value(), 3);
    ::setenv("CAUNOI_TEST_WORKERS", "4", 1);
    EXPECT_EQ(Parse({"serve"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64).value(), 4);
    EXPECT_EQ(Parse({"serve", "--workers", "6"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64).value(), 6);
    EXPECT_EQ(Parse({"serve", "--workers=7"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64).value(), 7);
    ::setenv("CAUNOI_TEST_WORKERS", "", 1);  // set but empty: not given
    EXPECT_EQ(Parse({"serve"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64).value(), 1);
    ::unsetenv("CAUNOI_TEST_WORKERS");
}

TEST(CliArgs, IntErrorsNameTheFlagAndTheEnvironmentVariable) {
    auto flag = Parse({"serve", "--workers", "abc"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64);
    ASSERT_FALSE(flag.ok());
    EXPECT_EQ(flag.error().detail, "--workers takes a whole number from 1 to 64, not \"abc\"");
    auto empty = Parse({"serve", "--workers="}).Int("workers", nullptr, 1, 1, 64);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().detail, "--workers takes a whole number from 1 to 64, not \"\"");
    ::setenv("CAUNOI_TEST_WORKERS", "100", 1);
    auto env = Parse({"serve"}).Int("workers", "CAUNOI_TEST_WORKERS", 1, 1, 64);
    ::unsetenv("CAUNOI_TEST_WORKERS");
    ASSERT_FALSE(env.ok());
    EXPECT_EQ(env.error().detail,
              "--workers (from CAUNOI_TEST_WORKERS) takes a whole number from 1 to 64, not \"100\"");
}

TEST(CliArgs, ParseSplitsFlagsFromPositionalWords) {
    Args a = Parse({"user", "add", "--name", "Lò Văn A", "--role=member", "--quiet", "x", "--help", "--last"});
    EXPECT_EQ(a.positional, (std::vector<std::string>{"user", "add", "x"}));
    EXPECT_EQ(a.flags.at("name"), "Lò Văn A");
    EXPECT_EQ(a.flags.at("role"), "member");
    EXPECT_EQ(a.flags.at("quiet"), "1");
    EXPECT_EQ(a.flags.at("help"), "1");
    EXPECT_EQ(a.flags.at("last"), "1");
    EXPECT_EQ(a.Get("name", nullptr, ""), "Lò Văn A");
    EXPECT_EQ(a.Get("absent", nullptr, "def"), "def");
}
