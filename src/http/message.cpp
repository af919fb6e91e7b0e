#include "http/message.hpp"

#include <cctype>

#include "core/crypto.hpp"
#include "core/fields.hpp"
#include "core/text.hpp"

namespace caunoi::http {

std::string Request::Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(const std::string& k) const {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
}

Result<int64_t> Request::IntQuery(const std::string& k, int64_t lo, int64_t hi, int64_t fallback) const {
    Fields f;
    if (auto it = query.find(k); it != query.end()) f.Set(k, it->second);
    CAUNOI_ASSIGN(auto v, f.Int(k, lo, hi));
    return v.value_or(fallback);
}

Result<int> Request::Limit(int fallback, int max) const {
    auto n = IntQuery("limit", 1, max, fallback);
    if (!n.ok()) return Error::Invalid("limit", "1 to " + std::to_string(max), N_("Invalid value"));
    return static_cast<int>(*n);
}

Response Response::Redirect(const std::string& to) {
    Response r;
    r.status = 303;
    r.headers.emplace_back("Location", to);
    return r;
}

Response Response::Offload(std::function<void()> work, std::function<Result<Response>()> then) {
    Response r;
    r.work = std::move(work);
    r.then = std::move(then);
    return r;
}

Response Response::Json(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
}

void Response::SetCookie(const std::string& name, const std::string& value, bool secure, int64_t max_age) {
    std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
    if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
    if (secure) c += "; Secure";
    headers.emplace_back("Set-Cookie", c);
}

std::string UrlDecode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && text::HexDigit(s[i + 1]) >= 0 && text::HexDigit(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(text::HexDigit(s[i + 1]) * 16 + text::HexDigit(s[i + 2])));
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string UrlEncode(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

bool ParseUrlEncoded(std::string_view s, std::map<std::string, std::string>& out) {
    size_t i = 0;
    while (i < s.size()) {
        size_t e = s.find('&', i);
        if (e == std::string_view::npos) e = s.size();
        auto pair = s.substr(i, e - i);
        i = e + 1;
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        std::string k = UrlDecode(pair.substr(0, eq), true);
        std::string v = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1), true);
        if (out.count(k)) {
            // Repeated keys (checkbox groups) join with commas.
            out[k] += "," + v;
        } else {
            out[k] = v;
        }
    }
    return true;
}

std::map<std::string, std::string> ParseCookies(std::string_view header) {
    std::map<std::string, std::string> out;
    for (auto part : text::Split(header, ';')) {
        size_t eq = part.find('=');
        if (eq != std::string_view::npos)
            out.emplace(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
    }
    return out;
}

std::string SafeNext(std::string_view next) {
    if (next.size() < 1 || next.size() > 2000 || next[0] != '/') return "/";
    for (unsigned char c : next)
        if (c <= 0x20 || c >= 0x7f || c == '\\') return "/";
    if (next.size() > 1 && next[1] == '/') return "/";  // "//host" is another site
    return std::string(next);
}

bool HeaderSafe(std::string_view name, std::string_view value) {
    if (name.empty()) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    for (char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    return true;
}

std::string_view OriginForm(std::string_view target) {
    auto lower_starts = [&](std::string_view prefix) {
        if (target.size() < prefix.size()) return false;
        for (size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(target[i])) != prefix[i]) return false;
        return true;
    };
    size_t skip = lower_starts("http://") ? 7 : lower_starts("https://") ? 8 : 0;
    if (skip == 0) return target;
    auto rest = target.substr(skip);
    auto end = rest.find_first_of("/?");
    if (end == std::string_view::npos) return "/";
    if (rest[end] == '?') return "/";  // "http://host?q": no path; the query is not worth keeping
    return rest.substr(end);
}

bool BasicPassword(std::string_view header, std::string& password) {
    while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    if (header.size() < 6) return false;
    for (size_t i = 0; i < 5; ++i)
        if (std::tolower(static_cast<unsigned char>(header[i])) != "basic"[i]) return false;
    if (header[5] != ' ') return false;
    header.remove_prefix(6);
    while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
    std::string decoded;
    if (!crypto::Base64Decode(header, decoded)) return false;
    auto colon = decoded.find(':');
    if (colon == std::string::npos) return false;
    password = decoded.substr(colon + 1);
    return true;
}

}  // namespace caunoi::http
