// Gettext catalogs (.po) loaded at startup. Message ids are English; vi.po is the
// default user language. A missing translation falls back to the msgid.
// Thread-safety: immutable after Load(); concurrent Translate() is safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace caunoi::i18n {

using Catalog = std::map<std::string, std::string, std::less<>>;

// Parses the text of a .po file (msgid/msgstr pairs, C escapes, multi-line strings).
Catalog ParsePo(std::string_view text);

class Catalogs {
  public:
    // Loads every <lang>.po in `dir`. Throws on an unreadable directory (startup error).
    void LoadDir(const std::string& dir);
    void Add(const std::string& lang, Catalog c) { catalogs_[lang] = std::move(c); }
    const std::string& Translate(std::string_view lang, const std::string& msgid) const;
    bool Has(std::string_view lang) const { return catalogs_.count(std::string(lang)) > 0; }
    // Picks a supported language from a cookie value or Accept-Language header; default "vi".
    std::string Negotiate(std::string_view cookie_lang, std::string_view accept_language) const;
    std::vector<std::string> Languages() const;

  private:
    std::map<std::string, Catalog, std::less<>> catalogs_;
};

}  // namespace caunoi::i18n
