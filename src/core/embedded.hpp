// Files compiled into the binary (templates, catalogs, reference data), so one binary is
// the whole deployment. Generated at build time from web/templates, i18n and data.
#pragma once

#include <map>
#include <string>

namespace caunoi {
// Path relative to the source root ("i18n/vi.po") -> content.
const std::map<std::string, std::string>& EmbeddedFiles();
// The content, or throws std::out_of_range naming the path (a build error, not user input).
const std::string& EmbeddedFile(const std::string& path);
}  // namespace caunoi
