#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace caunoi::storage {
// Looked up by the SQL text without copying it (a statement runs many times a request).
struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct SqliteDatabase::StmtCache {
    std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> stmts;
    ~StmtCache() {
        for (auto& [k, s] : stmts) sqlite3_finalize(s);
    }
};

SqliteDatabase::SqliteDatabase(sqlite3* db) : db_(db), cache_(std::make_unique<StmtCache>()) {}

namespace {

Error SqliteError(sqlite3* db, int rc) {
    int ext = sqlite3_extended_errcode(db);
    std::string msg = sqlite3_errmsg(db);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Error{ErrorCode::kConflict, N_("Already exists"), msg, {}};
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return Error{ErrorCode::kInvalid, N_("Invalid input"), msg, {}};
    return Error::Internal("sqlite: " + msg);
}

// Checkpoints one database file on a thread of its own (Options::background_checkpoint), when a
// commit asks. One per file for the life of the process (never destroyed: the thread waits on it).
class Checkpointer {
  public:
    static Checkpointer& For(const std::string& path) {
        static std::mutex mu;
        static std::map<std::string, Checkpointer*> all;
        std::lock_guard lock(mu);
        auto& c = all[path];
        if (!c) c = new Checkpointer(path);
        return *c;
    }
    void Ask() {
        {
            std::lock_guard lock(mu_);
            asked_ = true;
        }
        wake_.notify_one();
    }

  private:
    explicit Checkpointer(std::string path) : path_(std::move(path)) {
        std::thread([this] { Run(); }).detach();
    }
    void Run() {
        sqlite3* db = nullptr;
        for (;;) {
            {
                std::unique_lock lock(mu_);
                wake_.wait(lock, [&] { return asked_; });
                asked_ = false;
            }
            if (!db) {
                if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
                    SQLITE_OK) {
                    sqlite3_close(db);
                    db = nullptr;
                    continue;  // the next commit asks again; past 4x the commits checkpoint themselves
                }
                sqlite3_busy_timeout(db, 5000);
                // Checkpoints fsync the database file before the WAL is reused (as the server's own would).
                sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
            }
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        }
    }
    const std::string path_;
    std::mutex mu_;
    std::condition_variable wake_;
    bool asked_ = false;
};

// Replaces SQLite's automatic checkpoint (also a WAL hook) on the server's connections.
int AskForCheckpoint(void* checkpointer, sqlite3* db, const char* schema, int frames) {
    if (frames >= SqliteDatabase::kCheckpointFrames * 4) {
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (frames >= SqliteDatabase::kCheckpointFrames) {
        static_cast<Checkpointer*>(checkpointer)->Ask();
    }
    return SQLITE_OK;
}

// SQLite's memory statistics (on by default) take a global mutex around every allocation it
// makes; nothing here reads them (sqlite3_memory_used). Turned off once, before the first
// connection initialises the library; a library already initialised keeps its setting.
void ConfigureLibrary() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path, Options options) {
    ConfigureLibrary();
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return Error::Internal("cannot open database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db, 5000);
    std::unique_ptr<SqliteDatabase> out(new SqliteDatabase(db));
    // synchronous=FULL: a write that was acknowledged survives power loss (DESIGN §2.5).
    CAUNOI_TRY(out->ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
        // 32 MiB page cache (the default is 2 MiB): province-scale indexes stay in memory.
        "PRAGMA cache_size=-32768;"));
    if (options.background_checkpoint && path != ":memory:" && !path.empty())
        sqlite3_wal_hook(db, AskForCheckpoint, &Checkpointer::For(path));
    return out;
}

SqliteDatabase::~SqliteDatabase() {
    cache_.reset();  // statements are finalized before the connection closes
    sqlite3_close_v2(db_);
}

Result<Rows> SqliteDatabase::Query(std::string_view sql, const Params& params) {
    auto& cache = cache_->stmts;
    sqlite3_stmt* st = nullptr;
    if (auto it = cache.find(sql); it != cache.end()) {
        st = it->second;
    } else {
        const char* tail = nullptr;
        int rc =
            sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st, &tail);
        if (rc != SQLITE_OK) return SqliteError(db_, rc);
        if (!st) return Rows{};
        cache.emplace(std::string(sql), st);
    }
    struct Reset {
        sqlite3_stmt* s;
        ~Reset() {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
        }
    } reset{st};
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st))
        return Error::Internal("parameter count mismatch for: " + std::string(sql));
    for (size_t i = 0; i < params.size(); ++i) {
        int idx = static_cast<int>(i + 1);
        const auto& v = params[i];
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(v))
            rc = sqlite3_bind_null(st, idx);
        else if (auto p = std::get_if<int64_t>(&v))
            rc = sqlite3_bind_int64(st, idx, *p);
        else if (auto p = std::get_if<double>(&v))
            rc = sqlite3_bind_double(st, idx, *p);
        else {
            const auto& s = std::get<std::string>(v);
            // `params` outlives the statement's use (reset at the end of this call): no copy.
            rc = sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
        }
        if (rc != SQLITE_OK) return SqliteError(db_, rc);
    }
    Rows rows;
    const int ncol = sqlite3_column_count(st);
    for (;;) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return SqliteError(db_, rc);
        Row row;
        row.cells.reserve(ncol);
        for (int c = 0; c < ncol; ++c) {
            switch (sqlite3_column_type(st, c)) {
                case SQLITE_NULL:
                    row.cells.emplace_back(nullptr);
                    break;
                case SQLITE_INTEGER:
                    row.cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, c)));
                    break;
                case SQLITE_FLOAT:
                    row.cells.emplace_back(sqlite3_column_double(st, c));
                    break;
                default: {
                    auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
                    row.cells.emplace_back(std::string(p, sqlite3_column_bytes(st, c)));
                }
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

Status SqliteDatabase::ExecScript(std::string_view sql) {
    char* err = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown";
        sqlite3_free(err);
        return Error::Internal("sqlite: " + msg);
    }
    return {};
}

int64_t SqliteDatabase::Changes() { return sqlite3_changes64(db_); }

Status SqliteDatabase::InTransaction(const std::function<Status()>& body) {
    if (tx_depth_ > 0) return body();
    CAUNOI_TRY(ExecScript("BEGIN IMMEDIATE"));
    ++tx_depth_;
    Status st;
    try {
        st = body();
    } catch (...) {
        // A handler that throws (answered 500) must not leave this pooled connection inside an
        // open transaction holding the write lock: the next request's writes would join it.
        --tx_depth_;
        (void)ExecScript("ROLLBACK");
        throw;
    }
    --tx_depth_;
    if (!st.ok()) {
        (void)ExecScript("ROLLBACK");
        return st;
    }
    CAUNOI_TRY(ExecScript("COMMIT"));
    return {};
}

Status SqliteDatabase::InReportTransaction(const std::function<Status()>& body) {
    if (tx_depth_ > 0) return body();
    // WAL with synchronous=NORMAL: the commit is in the WAL (a crash of the program keeps it) but
    // not yet fsync'd; the next durable commit or checkpoint syncs it.
    CAUNOI_TRY(ExecScript("PRAGMA synchronous=NORMAL"));
    const Status st = InTransaction(body);
    const Status back = ExecScript("PRAGMA synchronous=FULL");
    return st.ok() ? back : st;
}

Status SqliteDatabase::Savepoint(const std::function<Status()>& body) {
    if (tx_depth_ == 0) return InTransaction(body);
    CAUNOI_TRY(Query("SAVEPOINT caunoi_sp"));
    Status st;
    try {
        st = body();
    } catch (...) {
        (void)Query("ROLLBACK TO caunoi_sp");
        (void)Query("RELEASE caunoi_sp");
        throw;
    }
    if (!st.ok()) {
        CAUNOI_TRY(Query("ROLLBACK TO caunoi_sp"));
        CAUNOI_TRY(Query("RELEASE caunoi_sp"));
        return st;
    }
    CAUNOI_TRY(Query("RELEASE caunoi_sp"));
    return {};
}

Status SqliteDatabase::Backup(const std::string& src_path, const std::string& dest_path) {
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto close = [&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    };
    if (sqlite3_open_v2(src_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        close();
        return Error::Internal("cannot open source database " + src_path);
    }
    if (sqlite3_open(dest_path.c_str(), &dst) != SQLITE_OK) {
        close();
        return Error::Internal("cannot create backup file " + dest_path);
    }
    sqlite3_busy_timeout(src, 5000);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        Error e = Error::Internal(std::string("backup init failed: ") + sqlite3_errmsg(dst));
        close();
        return e;
    }
    int rc;
    // Copy in steps so writers are not held off for the whole copy; a step that sees a
    // concurrent write restarts automatically (SQLite semantics).
    do {
        rc = sqlite3_backup_step(b, 1024);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    Status st;
    if (rc != SQLITE_DONE) st = Error::Internal(std::string("backup failed: ") + sqlite3_errmsg(dst));
    close();
    return st;
}

}  // namespace caunoi::storage
