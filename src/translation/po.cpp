#include "translation/po.hpp"

#include <unordered_map>

#include "core/text.hpp"
#include "translation/check.hpp"

namespace caunoi::translation {
namespace {

Error PoError(int line, const std::string& what) {
    return Error::Invalid("po", "line " + std::to_string(line) + ": " + what,
                          N_("This is not a .po file we can read: export it again from this page"));
}

// The string of a line `"…"` (after the keyword), unescaped; false when malformed.
bool Quoted(std::string_view s, std::string& out) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
    s = s.substr(1, s.size() - 2);
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '"') return false;
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i == s.size()) return false;
        switch (s[i]) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            default:
                return false;
        }
    }
    return true;
}

std::string Escaped(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out + "\"";
}

std::string HeaderValue(const std::string& header, std::string_view name) {
    for (size_t at = 0; at < header.size();) {
        size_t end = header.find('\n', at);
        if (end == std::string::npos) end = header.size();
        std::string_view line(header.data() + at, end - at);
        if (line.substr(0, name.size()) == name && line.size() > name.size() && line[name.size()] == ':') {
            line.remove_prefix(name.size() + 1);
            while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
            while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
            return std::string(line);
        }
        at = end + 1;
    }
    return "";
}

}  // namespace

Result<PoFile> ReadPo(std::string_view text) {
    if (text.size() > kMaxPoBytes)
        return Error{ErrorCode::kPayloadTooLarge, N_("The file is too large: at most 1 MB"), "more than 1 MiB", "po"};
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!text::IsValidUtf8(text, true)) return PoError(1, "not UTF-8");
    PoFile file;
    PoEntry cur;
    std::string* target = nullptr;  // the string continuation lines add to
    bool flagged_fuzzy = false, started = false, saw_id = false, has_str = false;
    const auto finish = [&](int line) -> Status {
        if (!started) return {};
        if (!has_str) return PoError(line, "an entry without msgstr");
        if (cur.id.empty() && cur.context.empty()) {
            if (!file.entries.empty() || !file.language.empty()) return PoError(cur.line, "a second header");
            file.language = HeaderValue(cur.str, "Language");
        } else {
            if (file.entries.size() >= kMaxPoEntries) return PoError(cur.line, "too many entries");
            file.entries.push_back(cur);
        }
        cur = PoEntry{};
        started = saw_id = has_str = false;
        target = nullptr;
        return {};
    };
    int n = 0;
    for (size_t at = 0; at <= text.size();) {
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        at = end + 1;
        ++n;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.find_first_not_of(' ') == std::string_view::npos) {
            target = nullptr;
            continue;
        }
        if (line.front() == '#') {
            if (has_str) CAUNOI_TRY(finish(n));
            if (line.substr(0, 2) == "#," && line.find("fuzzy") != std::string_view::npos) flagged_fuzzy = true;
            if (line.substr(0, 2) == "#~") continue;  // obsolete entries: gettext keeps them, we ignore them
            continue;
        }
        if (line.front() == '"') {
            if (!target || !Quoted(line, *target)) return PoError(n, "a string out of place or badly quoted");
            continue;
        }
        const size_t sp = line.find_first_of(" \"");
        const std::string_view word = line.substr(0, sp);
        const std::string_view rest = sp == std::string_view::npos ? std::string_view{} : line.substr(sp);
        const auto start = [&]() -> Status {
            if (has_str) CAUNOI_TRY(finish(n));
            if (started) return PoError(n, word == "msgid" ? "two msgids in one entry" : "msgctxt after msgid");
            started = true;
            cur.line = n;
            cur.fuzzy = flagged_fuzzy;
            flagged_fuzzy = false;
            return {};
        };
        if (word == "msgctxt") {
            CAUNOI_TRY(start());
            target = &cur.context;
        } else if (word == "msgid") {
            if (!started || has_str || saw_id) CAUNOI_TRY(start());
            saw_id = true;
            target = &cur.id;
        } else if (word == "msgid_plural" || word.substr(0, 7) == "msgstr[") {
            if (!saw_id) return PoError(n, "msgstr before msgid");
            cur.plural = true;
            has_str = true;
            std::string ignored;
            if (!Quoted(rest, ignored)) return PoError(n, "badly quoted");
            target = nullptr;  // a plural entry is refused as a whole (CheckPoImport)
            continue;
        } else if (word == "msgstr") {
            if (!saw_id || has_str) return PoError(n, has_str ? "two msgstrs in one entry" : "msgstr before msgid");
            has_str = true;
            target = &cur.str;
        } else {
            return PoError(n, "unknown keyword");
        }
        if (!Quoted(rest, *target)) return PoError(n, "badly quoted");
    }
    CAUNOI_TRY(finish(n));
    return file;
}

std::string WritePo(std::string_view lang, const std::vector<Text>& texts, const std::map<std::string, Exported>& done,
                    std::string_view date) {
    std::string out = "# Cầu Nối: residents' content, Vietnamese to " + std::string(lang) + ", exported " +
                      std::string(date) +
                      ".\n# msgctxt is the text's key: keep it. Import the file on the translation page.\n"
                      "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: " +
                      std::string(lang) + "\\n\"\n";
    for (const auto& t : texts) {
        out += "\n#. " + t.group + (t.item.empty() ? "" : " / " + t.item) +
               (t.sms ? " (SMS: GSM-7 letters only)" : "") + "\n";
        const auto it = done.find(t.key);
        if (it != done.end() && it->second.outdated) out += "#, fuzzy\n";
        out += "msgctxt " + Escaped(t.key) + "\nmsgid " + Escaped(t.vi) + "\nmsgstr " +
               Escaped(it == done.end() ? "" : it->second.body) + "\n";
    }
    return out;
}

PoImport CheckPoImport(const PoFile& file, std::string_view lang, const std::vector<Text>& texts,
                       const std::map<std::string, std::string>& current) {
    PoImport out;
    if (!file.language.empty() && file.language != lang)
        out.problems.push_back({1, "", N_("This file is for another language"), "Language: " + file.language});
    std::unordered_map<std::string, const Text*> by_key;
    for (const auto& t : texts) by_key[t.key] = &t;
    std::unordered_map<std::string, int> seen;
    for (const auto& e : file.entries) {
        const auto problem = [&](const char* msgid, std::string detail) {
            out.problems.push_back({e.line, e.context, msgid, std::move(detail)});
        };
        if (e.plural) {
            problem(N_("Plural forms are not used in these texts: remove msgid_plural"), "msgid_plural");
            continue;
        }
        const auto it = by_key.find(e.context);
        if (it == by_key.end()) {
            problem(N_("Unknown text: this id is not in the catalogue"), "msgctxt " + e.context);
            continue;
        }
        if (seen[e.context]++) {
            problem(N_("The same text twice in the file"), "msgctxt " + e.context);
            continue;
        }
        if (e.fuzzy) {
            ++out.fuzzy;
            continue;
        }
        if (e.str.empty()) {
            ++out.untranslated;
            continue;
        }
        if (e.id != it->second->vi) {
            problem(N_("The Vietnamese of this text changed since the file was exported: export it again"),
                    "msgid differs");
            continue;
        }
        auto checked = CheckTranslation(*it->second, e.str);
        if (!checked.ok()) {
            problem(checked.error().title_id.c_str(), checked.error().detail);
            continue;
        }
        const auto cur = current.find(e.context);
        if (cur != current.end() && cur->second == *checked) {
            ++out.unchanged;
            continue;
        }
        out.proposals.emplace_back(e.context, std::move(checked).value());
    }
    return out;
}

}  // namespace caunoi::translation
