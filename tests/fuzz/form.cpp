// What every request brings: form bodies, JSON bodies, query strings, cookies, request targets,
// Basic credentials, the "next" of a login. Percent-encoding reads back what it wrote, and SafeNext
// never leaves the site.
#include <map>
#include <string>

#include "fuzz_check.hpp"
#include "http/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace http = caunoi::http;
    auto text = AsText(data, size);
    std::map<std::string, std::string> fields;
    (void)http::ParseUrlEncoded(text, fields);
    (void)http::ParseCookies(text);
    (void)http::OriginForm(text);
    std::string password;
    (void)http::BasicPassword(text, password);
    FUZZ_CHECK(http::UrlDecode(http::UrlEncode(text), true) == text);
    const std::string next = http::SafeNext(text);
    FUZZ_CHECK(next == "/" || next == text);
    FUZZ_CHECK(next[0] == '/' && next.rfind("//", 0) != 0 && next.find('\\') == std::string::npos);
    for (const char* type : {"application/x-www-form-urlencoded", "application/json"}) {
        http::Request r;
        r.method = "POST";
        r.headers["content-type"] = type;
        r.body = std::string(text);
        (void)http::ReadFields(r);
    }
    return 0;
}
