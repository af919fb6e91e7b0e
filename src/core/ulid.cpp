#include "core/ulid.hpp"

#include <sodium.h>

#include <array>
#include <chrono>

namespace caunoi {
namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string NewUlid(int64_t unix_ms) {
    unsigned char rnd[10];
    randombytes_buf(rnd, sizeof rnd);
    return UlidOf(unix_ms, rnd);
}

std::string UlidOf(int64_t unix_ms, const unsigned char (&rnd)[10]) {
    std::string out(26, '0');
    uint64_t t = static_cast<uint64_t>(unix_ms);
    for (int i = 9; i >= 0; --i) {
        out[i] = kAlphabet[t & 31];
        t >>= 5;
    }
    // 80 random bits -> 16 chars of 5 bits.
    int bit = 0;
    for (int i = 0; i < 16; ++i) {
        int v = 0;
        for (int k = 0; k < 5; ++k, ++bit) v = (v << 1) | ((rnd[bit / 8] >> (7 - bit % 8)) & 1);
        out[10 + i] = kAlphabet[v];
    }
    return out;
}

std::string NewUlid() {
    using namespace std::chrono;
    return NewUlid(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

bool IsUlid(std::string_view s) {
    // One look-up a character: ids are checked for every synced operation.
    static constexpr auto kInAlphabet = [] {
        std::array<bool, 256> in{};
        for (const char* a = kAlphabet; *a; ++a) in[static_cast<unsigned char>(*a)] = true;
        return in;
    }();
    if (s.size() != 26 || s[0] > '7') return false;
    for (char c : s)
        if (!kInAlphabet[static_cast<unsigned char>(c)]) return false;
    return true;
}

}  // namespace caunoi
