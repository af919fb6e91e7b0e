// The dependency rule (docs/architecture.md), checked on the tree: core/ includes nothing of
// ours but core/; a domain directory (every one but core, storage, http and cli) includes no
// storage/, http/ or cli/ header, tests included; the domain directories include each other
// without a cycle; audio/ includes core/ only; no file includes storage/stores.hpp, the one header
// of all stores that made every domain header rebuild all of storage and http. A new module's
// folder is checked by being there.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

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

// Domain directories that stand on core/ alone: audio/ (speech for loudspeakers) is a library
// layer the warnings' handlers use, never the other way round.
TEST(Layering, AudioIncludesOnlyCore) {
    const fs::path dir = fs::path(CAUNOI_SOURCE_DIR) / "src" / "audio";
    int files = 0;
    for (const auto& f : fs::recursive_directory_iterator(dir)) {
        if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
        ++files;
        for (const auto& inc : IncludedDirs(f.path()))
            EXPECT_TRUE(inc == "core" || inc == "audio") << f.path() << " includes " << inc << "/";
    }
    EXPECT_GE(files, 2);
}

// The directories a domain directory's files include, for every domain directory (core, storage,
// http and cli left out, and testing/: the shared fakes that tests of every domain include):
// the edges of the graph that must have no cycle.
using Graph = std::map<std::string, std::set<std::string>>;

Graph DomainIncludeGraph(const fs::path& src) {
    const std::set<std::string> not_domain = {"core", "storage", "http", "cli", "testing"};
    Graph g;
    for (const auto& dir : fs::directory_iterator(src)) {
        if (!dir.is_directory()) continue;
        const std::string name = dir.path().filename().string();
        if (not_domain.count(name)) continue;
        auto& edges = g[name];
        for (const auto& f : fs::recursive_directory_iterator(dir.path())) {
            if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
            for (const auto& inc : IncludedDirs(f.path()))
                if (inc != name && !not_domain.count(inc)) edges.insert(inc);
        }
    }
    return g;
}

// Every cycle a depth-first walk meets, each as "a -> b -> a" (empty: the graph has none).
std::vector<std::string> Cycles(const Graph& g) {
    enum class Mark { kNew, kOnPath, kDone };
    std::map<std::string, Mark> mark;
    std::vector<std::string> path, cycles;
    std::function<void(const std::string&)> visit = [&](const std::string& n) {
        mark[n] = Mark::kOnPath;
        path.push_back(n);
        auto it = g.find(n);
        if (it != g.end()) {
            for (const auto& next : it->second) {
                if (mark[next] == Mark::kOnPath) {
                    std::string cycle;
                    for (auto p = std::find(path.begin(), path.end(), next); p != path.end(); ++p) cycle += *p + " -> ";
                    cycles.push_back(cycle + next);
                } else if (mark[next] == Mark::kNew) {
                    visit(next);
                }
            }
        }
        path.pop_back();
        mark[n] = Mark::kDone;
    };
    for (const auto& [n, edges] : g)
        if (mark[n] == Mark::kNew) visit(n);
    return cycles;
}

TEST(Layering, CyclesAreFoundAndNamed) {
    EXPECT_TRUE(Cycles({{"a", {"b"}}, {"b", {"c"}}, {"c", {}}}).empty());
    EXPECT_EQ(Cycles({{"procedures", {"registry", "sms"}}, {"registry", {}}, {"sms", {"procedures"}}}),
              std::vector<std::string>{"procedures -> sms -> procedures"});
    EXPECT_EQ(Cycles({{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}}), std::vector<std::string>{"a -> b -> c -> a"});
}

TEST(Layering, DomainDirectoriesIncludeEachOtherWithoutCycles) {
    const Graph g = DomainIncludeGraph(fs::path(CAUNOI_SOURCE_DIR) / "src");
    EXPECT_GE(g.size(), 10u) << "the domain directories were found";
    for (const auto& cycle : Cycles(g)) ADD_FAILURE() << "domain directories include each other: " << cycle;
}

// storage/stores.hpp (every store behind one header, so every domain header rebuilt all of
// storage and http) is gone: each store has its own header.
TEST(Layering, NothingIncludesTheOneHeaderOfAllStores) {
    const fs::path src = fs::path(CAUNOI_SOURCE_DIR) / "src";
    EXPECT_FALSE(fs::exists(src / "storage" / "stores.hpp"));
    for (const auto& f : fs::recursive_directory_iterator(src)) {
        if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
        std::ifstream in(f.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string s = ss.str();
        static const std::regex stores(R"re(#include\s+"storage/stores\.hpp")re");
        EXPECT_FALSE(std::regex_search(s, stores)) << f.path() << " includes storage/stores.hpp";
    }
}

}  // namespace
