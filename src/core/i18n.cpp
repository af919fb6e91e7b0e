#include "core/i18n.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/text.hpp"

namespace caunoi::i18n {
namespace {

// Reads a quoted C string starting at line[pos] == '"'.
std::string Unquote(std::string_view line) {
    std::string out;
    size_t b = line.find('"');
    size_t e = line.rfind('"');
    if (b == std::string_view::npos || e <= b) return out;
    for (size_t i = b + 1; i < e; ++i) {
        char c = line[i];
        if (c == '\\' && i + 1 < e) {
            char n = line[++i];
            switch (n) {
                case 'n':
                    out.push_back('\n');
                    break;
                case 't':
                    out.push_back('\t');
                    break;
                default:
                    out.push_back(n);
            }
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace

Catalog ParsePo(std::string_view text) {
    Catalog cat;
    std::string id, str;
    enum { kNone, kId, kStr } state = kNone;
    auto flush = [&] {
        if (!id.empty() && !str.empty()) cat[id] = str;
        id.clear();
        str.clear();
        state = kNone;
    };
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("msgid ", 0) == 0) {
            if (state == kStr) flush();
            id = Unquote(line);
            state = kId;
        } else if (line.rfind("msgstr ", 0) == 0) {
            str = Unquote(line);
            state = kStr;
        } else if (!line.empty() && line[0] == '"') {
            (state == kId ? id : str) += Unquote(line);
        } else if (line.empty() || line[0] == '#') {
            if (state == kStr) flush();
        }
    }
    if (state == kStr) flush();
    return cat;
}

void Catalogs::LoadDir(const std::string& dir) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir)) throw std::runtime_error("i18n directory not found: " + dir);
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".po") continue;
        std::ifstream f(e.path());
        std::stringstream ss;
        ss << f.rdbuf();
        catalogs_[e.path().stem().string()] = ParsePo(ss.str());
    }
    if (!catalogs_.count("vi")) throw std::runtime_error("i18n: vi.po missing in " + dir);
}

const std::string& Catalogs::Translate(std::string_view lang, const std::string& msgid) const {
    auto c = catalogs_.find(lang);
    if (c == catalogs_.end()) c = catalogs_.find("vi");
    if (c == catalogs_.end()) return msgid;
    auto it = c->second.find(msgid);
    return it == c->second.end() ? msgid : it->second;
}

std::string Catalogs::Negotiate(std::string_view cookie_lang, std::string_view accept_language) const {
    if (!cookie_lang.empty() && Has(cookie_lang)) return std::string(cookie_lang);
    // First supported primary tag in Accept-Language order (q-values ignored: browsers list by preference).
    for (auto tag : text::Split(accept_language, ',')) {
        auto primary = std::string(tag.substr(0, tag.find_first_of("-;_ ")));
        for (auto& ch : primary) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (Has(primary)) return primary;
    }
    return "vi";
}

std::vector<std::string> Catalogs::Languages() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : catalogs_) out.push_back(k);
    return out;
}

}  // namespace caunoi::i18n
