#include "storage/backups.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/crypto.hpp"
#include "core/sealed_stream.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace caunoi::storage::backups {
namespace {

namespace fs = std::filesystem;

// SQLite here; PostgreSQL's path (pg_dump, pg_restore) is tested end to end with a real server in
// tests/integration/api.test.mjs ("encrypted backup while serving").
class BackupsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        crypto::InitCrypto();
        root = fs::temp_directory_path() / ("caunoi-backups-" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "data");
        fs::create_directories(root / "backups");
        fs::create_directories(root / "keys");
        key = (root / "keys" / "backup.key").string();
        ASSERT_TRUE(sealed::CreateKeyFile(key).ok());
        db = (root / "data" / "caunoi.db").string();
        auto d = SqliteDatabase::Open(db);
        ASSERT_TRUE(d.ok());
        ASSERT_TRUE((*d)->ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"
                                     "INSERT INTO t (name) VALUES ('Vừ Mí Chua'), ('Lầu Bá Tủa');")
                        .ok());
    }
    void TearDown() override { fs::remove_all(root); }

    int64_t Count(const std::string& path) {
        auto d = SqliteDatabase::Open(path);
        return (*d)->QueryOne("SELECT COUNT(*) FROM t")->Int(0);
    }

    fs::path root;
    std::string key, db;
};

TEST_F(BackupsTest, AnEncryptedBackupRestoresTheSameDataAndHoldsNoPlainText) {
    auto made = Create(db, (root / "backups").string(), key, 14, 1764633600);
    ASSERT_TRUE(made.ok()) << made.error().detail;
    EXPECT_EQ(fs::path(made->file).filename(), "caunoi-20251202T000000Z.enc");
    EXPECT_GT(made->bytes, 0);
    // Only the finished backup is in the folder; nothing plain was left beside the database.
    EXPECT_EQ(List((root / "backups").string()), std::vector<std::string>{"caunoi-20251202T000000Z.enc"});
    for (const auto& e : fs::directory_iterator(root / "data"))
        EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
    std::string bytes(static_cast<size_t>(made->bytes), '\0');
    std::FILE* f = std::fopen(made->file.c_str(), "rb");
    ASSERT_EQ(std::fread(bytes.data(), 1, bytes.size(), f), bytes.size());
    std::fclose(f);
    EXPECT_EQ(bytes.find("SQLite format"), std::string::npos);
    EXPECT_EQ(bytes.find("Chua"), std::string::npos);

    const std::string target = (root / "restored.db").string();
    auto st = Restore(made->file, key, target);
    ASSERT_TRUE(st.ok()) << st.error().detail;
    EXPECT_EQ(Count(target), 2);
    EXPECT_FALSE(fs::exists(target + ".restoring"));
    // Never over an existing database.
    auto again = Restore(made->file, key, target);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().detail.find("exists"), std::string::npos);
    // Nor from PostgreSQL's side.
    EXPECT_FALSE(Restore(made->file, key, "postgresql://nobody@127.0.0.1:1/x").ok());
}

TEST_F(BackupsTest, AWrongKeyOrADamagedBackupRestoresNothing) {
    auto made = Create(db, (root / "backups").string(), key, 14, 1764633600);
    ASSERT_TRUE(made.ok());
    const std::string other = (root / "keys" / "other.key").string();
    ASSERT_TRUE(sealed::CreateKeyFile(other).ok());
    const std::string target = (root / "restored.db").string();
    EXPECT_FALSE(Restore(made->file, other, target).ok());
    EXPECT_FALSE(fs::exists(target));
    EXPECT_FALSE(fs::exists(target + ".restoring"));
    fs::resize_file(made->file, static_cast<uintmax_t>(made->bytes - 10));
    auto cut = Restore(made->file, key, target);
    ASSERT_FALSE(cut.ok());
    EXPECT_FALSE(fs::exists(target));
}

TEST_F(BackupsTest, KeepsTheNewestNAndTouchesNoOtherFile) {
    const std::string dir = (root / "backups").string();
    std::FILE* mine = std::fopen((root / "backups" / "notes.txt").c_str(), "w");
    std::fclose(mine);
    for (int64_t day = 0; day < 4; ++day) {
        auto made = Create(db, dir, key, 2, 1764633600 + day * 86400);
        ASSERT_TRUE(made.ok()) << made.error().detail;
        EXPECT_EQ(made->removed.size(), day < 2 ? 0u : 1u);
    }
    EXPECT_EQ(List(dir), (std::vector<std::string>{"caunoi-20251204T000000Z.enc", "caunoi-20251205T000000Z.enc"}));
    EXPECT_TRUE(fs::exists(root / "backups" / "notes.txt"));
    // The same second twice: refused, the first kept.
    EXPECT_FALSE(Create(db, dir, key, 2, 1764633600 + 3 * 86400).ok());
    EXPECT_EQ(List(dir).size(), 2u);
}

TEST_F(BackupsTest, RefusesAKeyKeptWithTheBackupsAndBadArguments) {
    const std::string dir = (root / "backups").string();
    const std::string inside = (root / "backups" / "backup.key").string();
    ASSERT_TRUE(sealed::CreateKeyFile(inside).ok());
    auto made = Create(db, dir, inside, 14, 1764633600);
    ASSERT_FALSE(made.ok());
    EXPECT_NE(made.error().detail.find("inside the backup folder"), std::string::npos);
    EXPECT_FALSE(Create(db, (root / "nowhere").string(), key, 14, 1764633600).ok());
    EXPECT_FALSE(Create(db, dir, key, 0, 1764633600).ok());
    EXPECT_FALSE(Create((root / "data" / "missing.db").string(), dir, key, 14, 1764633600).ok());
    EXPECT_TRUE(List(dir).empty());
    for (const auto& e : fs::directory_iterator(dir))
        EXPECT_EQ(e.path().extension(), ".key") << "a failed backup left " << e.path();
}

}  // namespace
}  // namespace caunoi::storage::backups
