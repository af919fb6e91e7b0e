#include "core/sealed_stream.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/crypto.hpp"

namespace caunoi::sealed {
namespace {

namespace fs = std::filesystem;

std::string KeyIn(const fs::path& p) {
    auto k = ReadKeyFile(p.string());
    return k.ok() ? *k : "";
}

class SealedStreamTest : public ::testing::Test {
  protected:
    void SetUp() override {
        crypto::InitCrypto();
        dir = fs::temp_directory_path() / ("caunoi-sealed-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        ASSERT_TRUE(CreateKeyFile((dir / "k").string()).ok());
        key = KeyIn(dir / "k");
    }
    void TearDown() override { fs::remove_all(dir); }

    std::string Seal(const std::string& plain, const std::string& with) {
        std::FILE* f = std::tmpfile();
        Writer w(with, f);
        // Written in uneven pieces, as a stream arrives.
        for (size_t at = 0; at < plain.size(); at += 7001) EXPECT_TRUE(w.Write(plain.substr(at, 7001)).ok());
        EXPECT_TRUE(w.Finish().ok());
        std::string out(static_cast<size_t>(std::ftell(f)), '\0');
        std::rewind(f);
        EXPECT_EQ(std::fread(out.data(), 1, out.size(), f), out.size());
        std::fclose(f);
        return out;
    }
    Result<std::string> Open(const std::string& sealed, const std::string& with) {
        std::FILE* f = std::tmpfile();
        std::fwrite(sealed.data(), 1, sealed.size(), f);
        std::rewind(f);
        std::string plain;
        Status st = Read(with, f, [&](std::string_view c) -> Status {
            plain.append(c);
            return {};
        });
        std::fclose(f);
        if (!st.ok()) return st.error();
        return plain;
    }

    fs::path dir;
    std::string key;
};

std::string Pattern(size_t n) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
    return s;
}

TEST_F(SealedStreamTest, RoundTripsAnySizeAndHidesThePlainText) {
    for (size_t n : {size_t{0}, size_t{1}, kChunkBytes - 1, kChunkBytes, kChunkBytes + 1, 3 * kChunkBytes + 5}) {
        const std::string plain = Pattern(n);
        const std::string sealed = Seal(plain, key);
        auto back = Open(sealed, key);
        ASSERT_TRUE(back.ok()) << n << ": " << back.error().detail;
        EXPECT_EQ(*back, plain) << n;
        if (n >= 64) {
            EXPECT_EQ(sealed.find(plain.substr(n / 2, 32)), std::string::npos) << n;
        }
    }
    // Two seals of the same data differ (a random header each).
    EXPECT_NE(Seal("same", key), Seal("same", key));
}

TEST_F(SealedStreamTest, RefusesAWrongKeyAndEveryKindOfDamage) {
    const std::string sealed = Seal(Pattern(2 * kChunkBytes + 100), key);
    ASSERT_TRUE(CreateKeyFile((dir / "other").string()).ok());
    auto other = Open(sealed, KeyIn(dir / "other"));
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.error().detail.find("wrong key"), std::string::npos);

    std::string flipped = sealed;
    flipped[flipped.size() / 2] ^= 1;
    EXPECT_FALSE(Open(flipped, key).ok());

    // Cut at the end of a whole chunk: every remaining chunk is genuine, but the final one is gone.
    const size_t first_chunk_end = 16 + 24 + 4 + kChunkBytes + 17;
    auto cut = Open(sealed.substr(0, first_chunk_end), key);
    ASSERT_FALSE(cut.ok());
    EXPECT_NE(cut.error().detail.find("truncated"), std::string::npos);
    EXPECT_FALSE(Open(sealed.substr(0, sealed.size() - 1), key).ok());
    EXPECT_FALSE(Open(sealed + "x", key).ok());
    EXPECT_FALSE(Open("SQLite format 3", key).ok());

    // The first two chunks swapped: each decrypts alone, not in that order.
    std::string swapped = sealed.substr(0, 40);
    const std::string c1 = sealed.substr(40, 4 + kChunkBytes + 17), c2 = sealed.substr(40 + c1.size(), c1.size());
    swapped += c2 + c1 + sealed.substr(40 + 2 * c1.size());
    EXPECT_FALSE(Open(swapped, key).ok());
}

TEST_F(SealedStreamTest, KeyFilesAreNewPrivateAndChecked) {
    const std::string k = (dir / "k").string();
    struct stat st {};
    ASSERT_EQ(::stat(k.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_FALSE(CreateKeyFile(k).ok());  // never replaced
    EXPECT_EQ(KeyIn(k), key);  // the same key read back
    EXPECT_EQ(key.size(), kKeyBytes);
    EXPECT_FALSE(ReadKeyFile((dir / "missing").string()).ok());
    std::FILE* bad = std::fopen((dir / "bad").c_str(), "w");
    std::fputs("not hex at all\n", bad);
    std::fclose(bad);
    EXPECT_FALSE(ReadKeyFile((dir / "bad").string()).ok());
}

}  // namespace
}  // namespace caunoi::sealed
