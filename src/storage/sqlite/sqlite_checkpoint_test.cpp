// The server's SQLite connections checkpoint in the background (SqliteDatabase::Options): a
// commit that grows the WAL past kCheckpointFrames returns without copying it into the database
// file, a thread of the process does that soon after, and a WAL that thread lets grow far
// beyond is checkpointed by the commit itself. Other connections keep SQLite's own checkpoint.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "storage/sqlite/sqlite_database.hpp"

namespace caunoi::storage {
namespace {

using namespace std::chrono_literals;

class CheckpointTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/caunoi-ckpt-XXXXXX";
        dir = mkdtemp(tmpl);
        path = dir + "/c.db";
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    // Writes about `pages` pages of new rows in one transaction.
    static void Write(Database& db, int pages) {
        ASSERT_TRUE(db.InTransaction([&]() -> Status {
                          for (int i = 0; i < pages; ++i)
                              CAUNOI_TRY(db.Exec("INSERT INTO t (b) VALUES (randomblob(3900))"));
                          return {};
                      })
                        .ok());
    }
    uintmax_t FileSize() const { return std::filesystem::file_size(path); }
    std::string dir, path;
};

TEST_F(CheckpointTest, ServerCommitLeavesTheCheckpointToABackgroundThread) {
    SqliteDatabase::Options server;
    server.background_checkpoint = true;
    auto db = SqliteDatabase::Open(path, server);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)").ok());
    const uintmax_t before = FileSize();
    Write(**db, SqliteDatabase::kCheckpointFrames + 100);
    // The rows reach the database file without another commit or checkpoint on this connection.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (FileSize() < before + 4096u * SqliteDatabase::kCheckpointFrames &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    EXPECT_GE(FileSize(), before + 4096u * SqliteDatabase::kCheckpointFrames);
    auto rows = (*db)->Query("SELECT COUNT(*) FROM t");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->front().Int(0), SqliteDatabase::kCheckpointFrames + 100);
}

TEST_F(CheckpointTest, OtherConnectionsCheckpointAsSqliteDoes) {
    auto db = SqliteDatabase::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)").ok());
    Write(**db, SqliteDatabase::kCheckpointFrames + 100);
    // SQLite's automatic checkpoint ran in the commit: the rows are in the file when it returns.
    EXPECT_GE(FileSize(), 4096u * SqliteDatabase::kCheckpointFrames);
}

}  // namespace
}  // namespace caunoi::storage
