#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace caunoi::auth {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

// Most common passwords in breach corpora, plus Vietnamese favourites. Compared folded.
const std::set<std::string, std::less<>>& CommonPasswords() {
    static const std::set<std::string, std::less<>> s = {
        "12345678",   "123456789", "1234567890", "password",   "password1",   "qwertyui",  "qwerty123",
        "11111111",   "00000000",  "88888888",   "66666666",   "12341234",    "87654321",  "abc12345",
        "abcd1234",   "iloveyou",  "1q2w3e4r",   "1qaz2wsx",   "qwertyuiop",  "asdfghjk",  "zxcvbnm1",
        "sunshine",   "princess",  "football",   "baseball",   "welcome1",    "admin123",  "administrator",
        "letmein1",   "matkhau",   "matkhau1",   "matkhau123", "anhyeuem",    "anhyeuem1", "emyeuanh",
        "yeuem123",   "vietnam1",  "vietnam123", "hanoi123",   "saigon123",   "nghean123", "caunoi123",
        "caunoi2026", "123123123", "123456789a", "a123456789", "password123", "trustno1",  "superman",
        "whatever",   "dragon12",  "monkey12",   "00001111",   "99999999",    "12121212",  "11223344",
        "147258369",  "123654789", "987654321",  "qwerty12",   "passw0rd",    "p@ssw0rd",  "changeme"};
    return s;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view login) {
    if (!text::IsValidUtf8(password, false))
        return Error::Invalid("password", "invalid characters", N_("Password has invalid characters"));
    if (text::CodePoints(password) < 8)
        return Error::Invalid("password", "at least 8 characters", N_("Password must have at least 8 characters"));
    if (password.size() > 128) return Error::Invalid("password", "at most 128 bytes", N_("Password is too long"));
    std::string folded = text::Fold(password);
    folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
    std::string lower(password);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (CommonPasswords().count(lower) || CommonPasswords().count(folded) ||
        (!login.empty() && text::Fold(login) == text::Fold(password)))
        return Error::Invalid("password", "too common", N_("Password is too common; choose another"));
    return {};
}

Result<std::string> HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::Internal("out of memory hashing password");
    return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
    std::string h(hash);
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

int64_t LockSecondsAfter(int failures) {
    if (failures < 5) return 0;
    int64_t s = int64_t{1} << std::min(failures - 4, 9);  // 2, 4, 8, ... 512
    return std::min<int64_t>(s, 300);
}

}  // namespace caunoi::auth
