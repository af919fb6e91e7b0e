#include "core/sealed_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace caunoi::sealed {
namespace {

constexpr std::string_view kMagic = "caunoi-sealed 1\n";
constexpr size_t kAbytes = crypto_secretstream_xchacha20poly1305_ABYTES;
static_assert(kKeyBytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);

Error Bad(const std::string& detail) { return Error::Invalid("file", detail, N_("Invalid value")); }

bool ReadExactly(std::FILE* in, unsigned char* into, size_t n) { return std::fread(into, 1, n, in) == n; }

}  // namespace

Status CreateKeyFile(const std::string& path) {
    unsigned char key[kKeyBytes];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    char hex[kKeyBytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    sodium_memzero(key, sizeof key);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Bad(errno == EEXIST ? path + " exists already: a key file is never replaced"
                                   : "cannot create " + path + ": " + std::strerror(errno));
    std::string line = std::string(hex, kKeyBytes * 2) + "\n";
    sodium_memzero(hex, sizeof hex);
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    sodium_memzero(line.data(), line.size());
    ::close(fd);
    if (!ok) return Bad("cannot write " + path);
    return {};
}

Result<std::string> ReadKeyFile(const std::string& path) {
    std::ifstream f(path);
    if (!f) return Bad("cannot read the key file " + path);
    std::string hex;
    std::getline(f, hex);
    while (!hex.empty() && (hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
    std::string key(kKeyBytes, '\0');
    size_t len = 0;
    if (hex.size() != kKeyBytes * 2 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(), nullptr, &len,
                       nullptr) != 0 ||
        len != kKeyBytes)
        return Bad(path + " is not a backup key file (64 hex digits; make one with `caunoi backup key FILE`)");
    sodium_memzero(hex.data(), hex.size());
    return key;
}

Writer::Writer(const std::string& key, std::FILE* out) : key_(key), out_(out) {}

Status Writer::Seal(std::string_view chunk, bool final) {
    if (!started_) {
        unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
        crypto_secretstream_xchacha20poly1305_init_push(&state_, header,
                                                        reinterpret_cast<const unsigned char*>(key_.data()));
        if (std::fwrite(kMagic.data(), 1, kMagic.size(), out_) != kMagic.size() ||
            std::fwrite(header, 1, sizeof header, out_) != sizeof header)
            return Bad("cannot write the sealed file");
        started_ = true;
    }
    std::string sealed(chunk.size() + kAbytes, '\0');
    unsigned long long n = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state_, reinterpret_cast<unsigned char*>(sealed.data()), &n,
        reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size(), nullptr, 0,
        final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    const unsigned char len[4] = {static_cast<unsigned char>(n >> 24), static_cast<unsigned char>(n >> 16),
                                  static_cast<unsigned char>(n >> 8), static_cast<unsigned char>(n)};
    if (std::fwrite(len, 1, 4, out_) != 4 || std::fwrite(sealed.data(), 1, n, out_) != n)
        return Bad("cannot write the sealed file");
    return {};
}

Status Writer::Write(std::string_view data) {
    if (finished_) return Bad("the sealed file is finished");
    pending_.append(data);
    size_t at = 0;
    // A full chunk is sealed only when more follows: the last one must carry the FINAL tag.
    while (pending_.size() - at > kChunkBytes) {
        CAUNOI_TRY(Seal(std::string_view(pending_).substr(at, kChunkBytes), false));
        at += kChunkBytes;
    }
    pending_.erase(0, at);
    return {};
}

Status Writer::Finish() {
    if (finished_) return {};
    CAUNOI_TRY(Seal(pending_, true));
    finished_ = true;
    sodium_memzero(pending_.data(), pending_.size());
    pending_.clear();
    if (std::fflush(out_) != 0) return Bad("cannot write the sealed file");
    return {};
}

Status Read(const std::string& key, std::FILE* in, const std::function<Status(std::string_view)>& sink) {
    std::string magic(kMagic.size(), '\0');
    if (!ReadExactly(in, reinterpret_cast<unsigned char*>(magic.data()), magic.size()) || magic != kMagic)
        return Bad("not a caunoi backup (no sealed-file header)");
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    if (!ReadExactly(in, header, sizeof header)) return Bad("the backup is truncated (no stream header)");
    crypto_secretstream_xchacha20poly1305_state st;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&st, header, reinterpret_cast<const unsigned char*>(key.data())) !=
        0)
        return Bad("the backup's stream header is invalid");
    std::string sealed, plain;
    for (;;) {
        unsigned char len[4];
        if (!ReadExactly(in, len, 4)) return Bad("the backup is truncated: its last part is missing");
        const size_t n = (size_t{len[0]} << 24) | (size_t{len[1]} << 16) | (size_t{len[2]} << 8) | len[3];
        if (n < kAbytes || n > kChunkBytes + kAbytes) return Bad("the backup is damaged (a chunk of impossible size)");
        sealed.resize(n);
        if (!ReadExactly(in, reinterpret_cast<unsigned char*>(sealed.data()), n))
            return Bad("the backup is truncated inside a chunk");
        plain.resize(n - kAbytes);
        unsigned long long got = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&st, reinterpret_cast<unsigned char*>(plain.data()), &got, &tag,
                                                       reinterpret_cast<const unsigned char*>(sealed.data()), n,
                                                       nullptr, 0) != 0)
            return Bad("cannot decrypt the backup: wrong key, or the file is damaged");
        CAUNOI_TRY(sink(std::string_view(plain.data(), got)));
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
    }
    if (std::fgetc(in) != EOF) return Bad("the backup has bytes after its end");
    sodium_memzero(plain.data(), plain.size());
    return {};
}

}  // namespace caunoi::sealed
