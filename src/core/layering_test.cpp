// The dependency rule (docs/architecture.md), checked on the tree: core/ includes nothing of
// ours but core/; a domain directory (every one but core, storage, http and cli) includes no
// storage/, http/ or cli/ header, tests included. A new module's folder is checked by being there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

// Our headers a source file includes, as their first directory ("storage", "core", ...).
std::set<std::string> IncludedDirs(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string s = ss.str();
    static const std::regex include(R"re(#include\s+"([a-z_]+)/)re");
    std::set<std::string> out;
    for (std::sregex_iterator it(s.begin(), s.end(), include), end; it != end; ++it) out.insert((*it)[1]);
    return out;
}

TEST(Layering, CoreAndDomainDirectoriesIncludeNothingAboveThem) {
    const fs::path src = fs::path(CAUNOI_SOURCE_DIR) / "src";
    const std::set<std::string> upper = {"storage", "http", "cli"};
    int domains = 0, files = 0;
    for (const auto& dir : fs::directory_iterator(src)) {
        if (!dir.is_directory()) continue;
        const std::string name = dir.path().filename().string();
        if (upper.count(name)) continue;
        domains += name == "core" ? 0 : 1;
        for (const auto& f : fs::recursive_directory_iterator(dir.path())) {
            if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
            ++files;
            for (const auto& inc : IncludedDirs(f.path())) {
                if (name == "core")
                    EXPECT_EQ(inc, "core") << f.path() << " includes " << inc << "/: core/ depends on nothing of ours";
                else
                    EXPECT_EQ(upper.count(inc), 0u) << f.path() << " includes " << inc << "/";
            }
        }
    }
    EXPECT_GE(domains, 10) << "the domain directories were found";
    EXPECT_GT(files, 50);
}

}  // namespace
