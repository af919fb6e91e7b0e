#include "core/blocks.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace caunoi {
namespace {

struct Seen {
    std::vector<std::string> events;
    std::string refuse_key;  // a key the catalog refuses
    BlockCallbacks Callbacks() {
        BlockCallbacks cb;
        cb.open = [this](const std::string& code) {
            events.push_back("open " + code);
            return std::string();
        };
        cb.line = [this](const std::string& k, const std::string& v) {
            if (k == refuse_key) return "unknown key " + k;
            events.push_back(k + "=" + v);
            return std::string();
        };
        cb.close = [this](std::string_view source) {
            events.push_back("close " + std::string(source.substr(0, source.find('\n'))));
            return std::string();
        };
        return cb;
    }
};

const BlockFormat kFormat{"module", 3, 20, "The text has an error"};

TEST(Blocks, ReadsBlocksInOrderIgnoringCommentsAndBlankLines) {
    Seen s;
    auto st = ReadBlocks("# top\n[aa]\n  k = v \n\n# c\nk = w\n[bb]\nx=1", kFormat, s.Callbacks());
    ASSERT_TRUE(st.ok()) << st.error().detail;
    EXPECT_EQ(s.events, (std::vector<std::string>{"open aa", "k=v", "k=w", "close [aa]", "open bb", "x=1",
                                                  "close [bb]"}));
}

TEST(Blocks, RefusalsNameTheBlockAndTheLine) {
    auto err = [](const std::string& text, std::string refuse = "") {
        Seen s;
        s.refuse_key = refuse;
        auto st = ReadBlocks(text, kFormat, s.Callbacks());
        EXPECT_FALSE(st.ok()) << text;
        if (st.ok()) return std::string();
        EXPECT_EQ(st.error().field, "source");
        return st.error().detail;
    };
    EXPECT_EQ(err("[aa]\ncolour = red\n", "colour"), "module aa, line 2: unknown key colour");
    EXPECT_EQ(err("[aa]\nk =\n"), "module aa, line 2: k: empty value");
    EXPECT_EQ(err("[aa]\nk = " + std::string(21, 'x')), "module aa, line 2: k: longer than 20 bytes");
    EXPECT_EQ(err("[aa]\njust text\n"), "module aa, line 2: expected key = value");
    EXPECT_EQ(err("k = v\n"), "line 1: text before the first [code]");
    EXPECT_EQ(err("[Big Code]\n"), "line 1: code must be 2-32 of a-z 0-9 _");
    EXPECT_EQ(err("[aa]\n[aa]\n"), "module aa, line 2: module aa is listed twice");
    EXPECT_EQ(err("[aa]\n[bb]\n[cc]\n[dd]\n"), "module cc, line 4: more than 3 modules");
    EXPECT_EQ(err("# nothing"), "line 1: no module");
    EXPECT_EQ(err(std::string("[aa]\nk = \xff\n")), "invalid UTF-8");
}

TEST(Blocks, ACloseRefusalNamesTheLastLineOfThatBlock) {
    BlockCallbacks cb;
    cb.open = [](const std::string&) { return std::string(); };
    cb.line = [](const std::string&, const std::string&) { return std::string(); };
    cb.close = [](std::string_view) { return std::string("missing title"); };
    auto st = ReadBlocks("[aa]\nk = v\n[bb]\n", kFormat, cb);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().detail, "module aa, line 2: missing title");
}

}  // namespace
}  // namespace caunoi
