// Test support (included by *_test.cpp only): a flash-flood warning for Mường Xén, the Vietnamese
// catalog as the Translate residents' texts are written with, the CAP fixtures and the OASIS
// schema check.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/embedded.hpp"
#include "core/i18n.hpp"
#include "warnings/cap.hpp"
#include "warnings/loudspeaker.hpp"

namespace caunoi::warnings::test_parts {

inline Translate Vietnamese() {
    static const i18n::Catalogs c = [] {
        i18n::Catalogs cs;
        cs.Add("vi", i18n::ParsePo(EmbeddedFile("i18n/vi.po")));
        return cs;
    }();
    return [](const char* id) { return c.Translate("vi", id); };
}

// Level 3, bản Huồi Giảng, until 20:30 on 12 June 2026, signed by the commune's people's committee.
inline ScriptParts Flood() {
    ScriptParts p;
    p.from = "UBND xã Mường Xén";
    p.hazard = Hazard::kFlashFlood;
    p.level = 3;
    p.where = "bản Huồi Giảng";
    p.what_to_do = "Rời nhà ven suối, lên chỗ cao.";
    p.until = ParseCapTime("2026-06-12T20:30:00+07:00", "t").value();
    return p;
}

// A file of tests/fixtures/cap/ ("thunderstorm.xml"), whole.
inline std::string CapFixture(const std::string& name) {
    std::ifstream in(std::string(CAUNOI_SOURCE_DIR) + "/tests/fixtures/cap/" + name);
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_FALSE(s.str().empty()) << name;
    return s.str();
}

// `s` with its first `what` replaced by `with` (a test fails if there is none).
inline std::string Replaced(std::string s, const std::string& what, const std::string& with) {
    auto at = s.find(what);
    EXPECT_NE(at, std::string::npos) << what;
    if (at != std::string::npos) s.replace(at, what.size(), with);
    return s;
}

// Whether `xml` is valid by the OASIS schema, asked of xmllint (scripts/setup installs it); `name`
// names the temporary file.
inline bool ValidByTheOasisSchema(const std::string& xml, const std::string& name) {
    const std::string path = ::testing::TempDir() + "/cap_" + name + ".xml";
    std::ofstream(path) << xml;
    const std::string cmd = "xmllint --noout --nonet --schema '" + std::string(CAUNOI_SOURCE_DIR) +
                            "/tests/fixtures/cap/cap12.xsd' '" + path + "' 2>/dev/null";
    return std::system(cmd.c_str()) == 0;
}

}  // namespace caunoi::warnings::test_parts
