// Sealed streams: a file encrypted and authenticated with libsodium's secretstream
// (XChaCha20-Poly1305), for backups. Layout: the magic line "caunoi-sealed 1\n", the stream's
// 24-byte header, then chunks, each a 4-byte big-endian length and that many bytes of
// ciphertext; the last chunk carries the FINAL tag, so a truncated file is detected, as are a
// wrong key, a chunk changed, removed or moved. Keys are 32 random bytes kept as 64 hex digits
// in a key file of their own (mode 0600), never beside the data they protect.
// Thread-safety: plain values; call crypto::InitCrypto() first.
#pragma once

#include <sodium.h>

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caunoi::sealed {

inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kChunkBytes = 1 << 16;

// Writes a new random key to `path` (created with mode 0600; an existing file is never replaced).
Status CreateKeyFile(const std::string& path);
// The key in `path`: Invalid (detail in English, for the operator) when missing or malformed.
Result<std::string> ReadKeyFile(const std::string& path);

// Encrypts what is written into `out`, chunk by chunk. Finish() must be called: a stream
// without it reads back as truncated.
class Writer {
  public:
    Writer(const std::string& key, std::FILE* out);
    Status Write(std::string_view data);
    Status Finish();

  private:
    Status Seal(std::string_view chunk, bool final);
    std::string key_;
    std::FILE* out_;
    std::string pending_;
    crypto_secretstream_xchacha20poly1305_state state_{};
    bool started_ = false, finished_ = false;
};

// Decrypts `in` and hands each verified chunk to `sink`, in order. Fails (and `sink` has seen
// only authenticated data) on a wrong key, a damaged or truncated file, or trailing bytes.
Status Read(const std::string& key, std::FILE* in, const std::function<Status(std::string_view)>& sink);

}  // namespace caunoi::sealed
