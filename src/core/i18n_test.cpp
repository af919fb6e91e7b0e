#include "core/i18n.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace caunoi::i18n;

TEST(I18nPo, ParsesEscapesAndMultiline) {
    auto c =
        ParsePo("# c\nmsgid \"Hello\"\nmsgstr \"Xin \\\"chào\\\"\"\n\nmsgid \"\"\n\"Long\"\nmsgstr \"\"\n\"Dài\"\n");
    EXPECT_EQ(c["Hello"], "Xin \"chào\"");
    EXPECT_EQ(c["Long"], "Dài");
}

TEST(I18nNegotiate, PrefersCookieThenHeaderThenVietnamese) {
    Catalogs cs;
    cs.Add("vi", {{"Home", "Trang chủ"}});
    cs.Add("en", {{"Home", "Home"}});
    EXPECT_EQ(cs.Negotiate("en", "vi"), "en");
    EXPECT_EQ(cs.Negotiate("", "fr-FR, en-US;q=0.8"), "en");
    EXPECT_EQ(cs.Negotiate("xx", "de"), "vi");
    EXPECT_EQ(cs.Translate("vi", "Home"), "Trang chủ");
    EXPECT_EQ(cs.Translate("zz", "Missing"), "Missing");
}

namespace {
std::string ReadFile(const std::filesystem::path& p) {
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}
}  // namespace

// Every string the UI uses ({{#t}}..{{/t}} in templates, Tr("...") in code) must be in
// every catalog, translated.
TEST(I18nCatalogs, EveryUiStringIsTranslatedInEveryCatalog) {
    namespace fs = std::filesystem;
    const fs::path root = CAUNOI_SOURCE_DIR;
    Catalogs cs;
    cs.LoadDir((root / "i18n").string());
    std::set<std::string> used;
    std::regex tmpl(R"re(\{\{#t\}\}([^{]*)\{\{/t\}\})re");
    // A message id may be split across adjacent string literals: they are joined, as the compiler does.
    std::regex code(R"re((?:Tr|N_)\(((?:\s*"(?:[^"\\]|\\.)*")+)\s*\))re");
    std::regex literal(R"re("((?:[^"\\]|\\.)*)")re");
    auto joined = [&](const std::string& literals) {
        std::string id;
        for (std::sregex_iterator it(literals.begin(), literals.end(), literal), end; it != end; ++it) id += (*it)[1];
        for (size_t at = id.find("\\\""); at != std::string::npos; at = id.find("\\\"", at + 1)) id.erase(at, 1);
        return id;
    };
    for (const auto& e : fs::recursive_directory_iterator(root / "web" / "templates")) {
        auto s = ReadFile(e.path());
        for (std::sregex_iterator it(s.begin(), s.end(), tmpl), end; it != end; ++it) used.insert((*it)[1]);
    }
    for (const auto& e : fs::recursive_directory_iterator(root / "src")) {
        if ((e.path().extension() != ".cpp" && e.path().extension() != ".hpp") ||
            e.path().string().find("_test.cpp") != std::string::npos)
            continue;
        auto s = ReadFile(e.path());
        for (std::sregex_iterator it(s.begin(), s.end(), code), end; it != end; ++it) used.insert(joined((*it)[1]));
    }
    ASSERT_GT(used.size(), 20u);
    // One id written over two literals in src/sms/service.cpp, found whole.
    EXPECT_TRUE(used.count("Cau Noi: message kept. This number is not known to a village team: send your name, "
                           "village and commune so that someone can call you back."));
    for (const auto& lang : cs.Languages()) {
        auto c = ParsePo(ReadFile(root / "i18n" / (lang + ".po")));
        for (const auto& id : used) EXPECT_TRUE(c.count(id)) << lang << ".po lacks: " << id;
    }
}
