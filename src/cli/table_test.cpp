#include "cli/table.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <sstream>

using caunoi::cli::Commands;
using caunoi::cli::FindCommand;
using caunoi::cli::Run;
using caunoi::cli::Usage;

namespace {

struct Ran {
    int status;
    std::string out, err;
};

Ran RunCli(const std::vector<std::string>& words) {
    std::ostringstream out, err;
    int status = Run(words, out, err);
    return {status, out.str(), err.str()};
}

}  // namespace

TEST(CliTable, EveryCommandHasANameASummaryHelpAndAFunction) {
    std::set<std::string_view> names;
    for (const auto& c : Commands()) {
        EXPECT_TRUE(names.insert(c.name).second) << "twice: " << c.name;
        EXPECT_FALSE(c.summary.empty()) << c.name;
        EXPECT_EQ(c.summary.find('\n'), std::string_view::npos) << c.name << ": one line";
        EXPECT_EQ(c.help.rfind("caunoi " + std::string(c.name), 0), 0u) << c.name << ": help starts with its synopsis";
        EXPECT_EQ(c.help.back(), '\n') << c.name;
        EXPECT_NE(c.run, nullptr) << c.name;
        EXPECT_EQ(FindCommand(c.name), &c);
    }
    EXPECT_EQ(names, (std::set<std::string_view>{"serve", "demo", "migrate", "user", "import", "backup", "migrate-data",
                                                 "outbox", "citus-sql", "alert", "weather", "indicators", "audit", "retention", "routes"}));
    EXPECT_EQ(FindCommand("alerts"), nullptr);
}

TEST(CliTable, TheUsageListsEveryCommandWithItsSummary) {
    const std::string usage = Usage();
    for (const auto& c : Commands()) {
        std::string line = "\n  " + std::string(c.name);
        if (!c.words.empty()) line += " " + std::string(c.words);
        const auto at = usage.find(line);
        ASSERT_NE(at, std::string::npos) << c.name;
        const auto eol = usage.find('\n', at + 1);
        EXPECT_EQ(usage.substr(eol - c.summary.size(), c.summary.size()), c.summary) << c.name;
    }
    EXPECT_NE(usage.find("\n  serve                 run the web server\n"), std::string::npos) << usage;
    EXPECT_NE(usage.find("\n  routes                print the route table as JSON\n"), std::string::npos);
    EXPECT_NE(usage.find("\n  user add|passwd|disable|list   manage accounts\n"), std::string::npos);
    EXPECT_NE(usage.find("Run 'caunoi <command> --help'"), std::string::npos);
}

TEST(CliTable, CommandHelpComesFromTheTable) {
    for (const auto& c : Commands()) {
        for (const auto& words : {std::vector<std::string>{std::string(c.name), "--help"},
                                  std::vector<std::string>{std::string(c.name), "x", "--db", "y", "--help"}}) {
            Ran r = RunCli(words);
            EXPECT_EQ(r.status, 0) << c.name;
            EXPECT_EQ(r.out, c.help) << c.name;
            EXPECT_EQ(r.err, "") << c.name;
        }
    }
    EXPECT_NE(RunCli({"serve", "--help"}).out.find("--max-per-address"), std::string::npos);
}

TEST(CliTable, UsageAndUnknownCommands) {
    Ran none = RunCli({});
    EXPECT_EQ(none.status, 1);
    EXPECT_EQ(none.out, Usage());
    for (const char* help : {"--help", "help"}) {
        Ran r = RunCli({help});
        EXPECT_EQ(r.status, 0);
        EXPECT_EQ(r.out, Usage());
    }
    for (const auto& words : {std::vector<std::string>{"alerts"}, std::vector<std::string>{"alerts", "--help"},
                              std::vector<std::string>{"--db", "x", "serve"}}) {
        Ran r = RunCli(words);
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err, Usage() + "caunoi: unknown command " + words[0] + "\n");
    }
}

// An integer flag out of range stops the command with an error naming the flag: printed by the
// command on standard error, or thrown out of Open and printed by Run.
TEST(CliTable, ABadIntegerFlagStopsTheCommandNamingIt) {
    const auto key =
        std::filesystem::temp_directory_path() / ("caunoi-cli-test-" + std::to_string(::getpid()) + ".key");
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"serve", "--workers", "abc"}, "--workers takes a whole number from 1 to 64, not \"abc\""},
        {{"serve", "--db-connections", "0"}, "--db-connections takes a whole number from 1 to 256, not \"0\""},
        {{"serve", "--header-seconds=301"}, "--header-seconds takes a whole number from 1 to 300, not \"301\""},
        {{"serve", "--listen", "127.0.0.1:99999"}, "the port of --listen takes a whole number from 0 to 65535"},
        {{"serve", "--sms-retry-seconds", "1.5"}, "--sms-retry-seconds takes a whole number from 1 to 3600"},
        {{"demo", "--households", "12abc"}, "--households takes a whole number from 1 to 1000000, not \"12abc\""},
        {{"demo", "--seed", "-1"}, "--seed takes a whole number from 0 to 4294967295, not \"-1\""},
        {{"outbox", "claim", "--worker", "w", "--limit", "1001"}, "--limit takes a whole number from 1 to 1000"},
        {{"outbox", "claim", "--worker", "w", "--lease", "5"}, "--lease takes a whole number from 10 to 86400"},
        {{"migrate", "--sms-price", "cheap"}, "--sms-price takes a whole number from 0 to 1000000, not \"cheap\""},
    };
    for (auto [words, expected] : cases) {
        words.insert(words.end(), {"--db", ":memory:", "--secret-file", key.string()});
        testing::internal::CaptureStderr();
        Ran r = RunCli(words);
        const std::string printed = testing::internal::GetCapturedStderr() + r.err;
        EXPECT_EQ(r.status, 1) << words[0] << " " << words[1];
        EXPECT_NE(printed.find("caunoi: " + expected), std::string::npos) << printed;
        EXPECT_EQ(r.out, "");
    }
    std::filesystem::remove(key);
}
