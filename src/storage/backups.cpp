#include "storage/backups.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <regex>

#include "core/sealed_stream.hpp"
#include "core/subprocess.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace caunoi::storage::backups {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr std::string_view kPgDumpMagic = "PGDMP";

Error Bad(const std::string& detail) { return Error::Invalid("backup", detail, N_("Invalid value")); }

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f) std::fclose(f);
    }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// A new file, readable by its owner only; never an existing one.
Result<File> CreateExclusive(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Bad("cannot create " + path + ": " + std::strerror(errno));
    return File(::fdopen(fd, "wb"));
}

Status SyncAndClose(File f, const std::string& path) {
    if (std::fflush(f.get()) != 0 || ::fsync(::fileno(f.get())) != 0) return Bad("cannot write " + path);
    if (std::fclose(f.release()) != 0) return Bad("cannot write " + path);
    return {};
}

std::string Stamp(int64_t now) {
    std::time_t t = static_cast<std::time_t>(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

bool Inside(const fs::path& file, const fs::path& dir) {
    std::error_code ec;
    const fs::path f = fs::weakly_canonical(file, ec), d = fs::weakly_canonical(dir, ec);
    auto rel = f.lexically_relative(d);
    return !rel.empty() && *rel.begin() != "..";
}

// Seals the SQLite database `db` into `out`: an online backup into a private file beside the
// database (the plain data never goes to the backup folder), then encrypted from there.
Status SealSqlite(const std::string& db, sealed::Writer& out) {
    const std::string plain = db + ".backup-" + std::to_string(::getpid()) + ".tmp";
    std::error_code ec;
    fs::remove(plain, ec);
    {
        CAUNOI_ASSIGN(auto reserved, CreateExclusive(plain));  // 0600 before SQLite writes into it
    }
    Status st = SqliteDatabase::Backup(db, plain);
    if (st.ok()) {
        File in(std::fopen(plain.c_str(), "rb"));
        if (!in) st = Bad("cannot read " + plain);
        std::string buf(sealed::kChunkBytes, '\0');
        while (st.ok()) {
            const size_t n = std::fread(buf.data(), 1, buf.size(), in.get());
            if (n == 0) break;
            st = out.Write(std::string_view(buf.data(), n));
        }
    }
    fs::remove(plain, ec);
    return st;
}

// The backup's first bytes, checked against what its kind should start with.
class Kind {
  public:
    Status Take(std::string_view chunk) {
        if (head_.size() < 16) head_.append(chunk.substr(0, 16 - head_.size()));
        return {};
    }
    bool Sqlite() const { return head_.size() == 16 && head_ == kSqliteMagic; }
    bool PgDump() const { return head_.rfind(kPgDumpMagic, 0) == 0; }

  private:
    std::string head_;
};

Result<std::string> KindOf(const std::string& file, const std::string& key) {
    File in(std::fopen(file.c_str(), "rb"));
    if (!in) return Bad("cannot read " + file);
    Kind kind;
    // Reads the whole file: a backup that does not decrypt to its end is refused before anything is restored.
    CAUNOI_TRY(sealed::Read(key, in.get(), [&](std::string_view c) { return kind.Take(c); }));
    if (kind.Sqlite()) return std::string("sqlite");
    if (kind.PgDump()) return std::string("postgresql");
    return Bad(file + " decrypts, but holds neither a SQLite database nor a pg_dump archive");
}

Status RestoreSqlite(const std::string& file, const std::string& key, const std::string& target) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(target + suffix, ec))
            return Bad(target + suffix + " exists: restore into a new path, then move it into place with the server stopped");
    const std::string part = target + ".restoring";
    CAUNOI_ASSIGN(auto out, CreateExclusive(part));
    File in(std::fopen(file.c_str(), "rb"));
    Status st = in ? sealed::Read(key, in.get(),
                                  [&](std::string_view c) -> Status {
                                      if (std::fwrite(c.data(), 1, c.size(), out.get()) != c.size())
                                          return Bad("cannot write " + part);
                                      return {};
                                  })
                   : Bad("cannot read " + file);
    if (st.ok()) st = SyncAndClose(std::move(out), part);
    if (st.ok()) {
        auto db = SqliteDatabase::Open(part);
        if (!db.ok()) {
            st = db.error();
        } else {
            auto check = (*db)->QueryOne("PRAGMA integrity_check");
            if (!check.ok()) st = check.error();
            else if (check->Text(0) != "ok") st = Bad("the restored database fails its integrity check: " + check->Text(0));
        }
    }
    if (st.ok()) {
        fs::rename(part, target, ec);
        if (ec) st = Bad("cannot move " + part + " to " + target + ": " + ec.message());
    }
    if (!st.ok()) {
        fs::remove(part, ec);
        fs::remove(part + "-wal", ec);
        fs::remove(part + "-shm", ec);
    }
    return st;
}

Status RestorePostgres(const std::string& file, const std::string& key, const std::string& target) {
    {
        CAUNOI_ASSIGN(auto db, PgDatabase::Open(target));
        CAUNOI_ASSIGN(auto row, db->QueryOne("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"));
        if (row.Int(0) > 0) return Bad("the target database is not empty: restore into a new, empty database");
    }
    File in(std::fopen(file.c_str(), "rb"));
    if (!in) return Bad("cannot read " + file);
    // One transaction: a restore that fails leaves the target as empty as it was.
    return subprocess::WriteTo({"pg_restore", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname", target},
                               [&](const subprocess::Feed& feed) { return sealed::Read(key, in.get(), feed); });
}

}  // namespace

std::vector<std::string> List(const std::string& dir) {
    static const std::regex kName(R"(caunoi-\d{8}T\d{6}Z\.enc)");
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file(ec) && std::regex_match(name, kName)) out.push_back(name);
    }
    std::sort(out.begin(), out.end());  // the UTC stamp sorts as time does
    return out;
}

Result<Made> Create(const std::string& db, const std::string& dir, const std::string& key_file, int keep, int64_t now) {
    if (keep < 1) return Bad("--keep must be at least 1");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Bad(dir + " is not a folder");
    if (Inside(key_file, dir))
        return Bad("the key file is inside the backup folder: keep it elsewhere, or the backups protect nothing");
    CAUNOI_ASSIGN(auto key, sealed::ReadKeyFile(key_file));
    Made made;
    const std::string name = "caunoi-" + Stamp(now) + ".enc";
    made.file = (fs::path(dir) / name).string();
    if (fs::exists(made.file, ec)) return Bad(made.file + " exists already (one backup a second at most)");
    const std::string part = made.file + ".part";
    fs::remove(part, ec);
    CAUNOI_ASSIGN(auto out, CreateExclusive(part));
    sealed::Writer writer(key, out.get());
    Kind kind;
    auto sink = [&](std::string_view c) -> Status {
        CAUNOI_TRY(kind.Take(c));
        return writer.Write(c);
    };
    Status st;
    if (IsPostgresUrl(db)) {
        st = subprocess::ReadFrom({"pg_dump", "--format=custom", "--dbname", db}, sink);
        if (st.ok() && !kind.PgDump()) st = Bad("pg_dump did not write a custom-format archive");
    } else {
        if (!fs::exists(db, ec)) st = Bad(db + " does not exist");
        if (st.ok()) st = SealSqlite(db, writer);
    }
    if (st.ok()) st = writer.Finish();
    if (st.ok()) st = SyncAndClose(std::move(out), part);
    if (st.ok()) {
        fs::rename(part, made.file, ec);
        if (ec) st = Bad("cannot move " + part + " to " + made.file + ": " + ec.message());
    }
    if (!st.ok()) {
        fs::remove(part, ec);
        return st.error();
    }
    made.bytes = static_cast<int64_t>(fs::file_size(made.file, ec));
    auto all = List(dir);
    for (size_t i = 0; i + static_cast<size_t>(keep) < all.size(); ++i) {
        fs::remove(fs::path(dir) / all[i], ec);
        if (!ec) made.removed.push_back(all[i]);
    }
    return made;
}

Status Restore(const std::string& file, const std::string& key_file, const std::string& target) {
    CAUNOI_ASSIGN(auto key, sealed::ReadKeyFile(key_file));
    CAUNOI_ASSIGN(auto kind, KindOf(file, key));
    const bool to_pg = IsPostgresUrl(target);
    if (kind == "sqlite" && to_pg)
        return Bad("this backup is of a SQLite database: restore it to a file, then `caunoi migrate-data` it");
    if (kind == "postgresql" && !to_pg) return Bad("this backup is of a PostgreSQL database: restore it to a postgresql:// URL");
    return to_pg ? RestorePostgres(file, key, target) : RestoreSqlite(file, key, target);
}

}  // namespace caunoi::storage::backups
