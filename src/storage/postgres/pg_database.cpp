#include "storage/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <cstdio>
#include <cstring>

#include "core/log.hpp"
#include "storage/dialect.hpp"

namespace caunoi::storage {
namespace {

// Every connection: quiet notices ("relation already exists, skipping"); UTC for anything
// time-like; no JIT compilation, which PostgreSQL starts for any plan estimated above
// jit_above_cost and which cost a name search over the province 25 ms of compiling for a query
// of a few (docs/benchmarks.md, "Province scale").
constexpr const char* kSessionSettings = "SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET jit = off";

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

Error PgError(PGconn* c, const PGresult* r) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    std::string code = state ? state : "";
    if (code == "23505") return Error{ErrorCode::kConflict, N_("Already exists"), msg, {}};
    if (code.rfind("23", 0) == 0) return Error{ErrorCode::kInvalid, N_("Invalid input"), msg, {}};
    if (code == "40001" || code == "40P01")
        return Error{ErrorCode::kConflict, N_("Conflict"), "concurrent update, try again: " + msg, {}};
    return Error::Internal("postgresql: " + msg);
}

// The database could not be reached (the server restarting, or a failover under way): 503 with
// Retry-After, so that a phone or page tries again; the connection is made again on its next use.
Error ConnectionLost(PGconn* c, const std::string& what) {
    std::string msg = PQerrorMessage(c);
    for (auto& ch : msg)
        if (ch == '\n') ch = ' ';
    while (!msg.empty() && msg.back() == ' ') msg.pop_back();
    log::Error("postgresql: " + what + ": " + msg);  // the addresses tried stay in the log, not in answers
    Error e{
        ErrorCode::kUnavailable, N_("The server is busy; try again in a moment"), "the database is not reachable", {}};
    e.retry_after = 5;
    return e;
}

// The address without its password, for messages.
std::string Redacted(const std::string& url) {
    auto at = url.find('@');
    auto scheme = url.find("://");
    if (at == std::string::npos || scheme == std::string::npos) return url;
    auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Value Convert(const PGresult* r, int row, int col) {
    if (PQgetisnull(r, row, col)) return nullptr;
    const char* v = PQgetvalue(r, row, col);
    switch (PQftype(r, col)) {
        case kInt2:
        case kInt4:
        case kInt8:
            return static_cast<int64_t>(std::strtoll(v, nullptr, 10));
        case kBool:
            return int64_t{v[0] == 't'};
        case kFloat4:
        case kFloat8:
            return std::strtod(v, nullptr);
        case kNumeric:
            // SUM over bigint is numeric: whole numbers come back as integers, as in SQLite.
            if (!std::strchr(v, '.')) return static_cast<int64_t>(std::strtoll(v, nullptr, 10));
            return std::strtod(v, nullptr);
        default:
            return std::string(v, static_cast<size_t>(PQgetlength(r, row, col)));
    }
}

bool ReadOnly(std::string_view sql) {
    size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    return sql.substr(i, 6) == "SELECT" || sql.substr(i, 6) == "select";
}

}  // namespace

bool IsPostgresUrl(std::string_view db) { return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0; }

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const std::string& url) {
    PGconn* c = PQconnectdb(url.c_str());
    if (!c) return Error::Internal("postgresql: out of memory");
    if (PQstatus(c) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(c);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        PQfinish(c);
        return Error::Internal("cannot connect to " + Redacted(url) + ": " + msg);
    }
    std::unique_ptr<PgDatabase> db(new PgDatabase(c, url));
    CAUNOI_TRY(db->ExecScript(kSessionSettings));
    return db;
}

PgDatabase::~PgDatabase() { PQfinish(conn_); }

bool PgDatabase::Reconnect() {
    PQreset(conn_);
    prepared_.clear();
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    PgResult r(PQexec(conn_, kSessionSettings));
    return PQresultStatus(r.get()) == PGRES_COMMAND_OK;
}

Result<Rows> PgDatabase::Query(std::string_view sql, const Params& params) {
    // Prepared per parameter types too: a NULL leaves its type to the server.
    std::string key;
    key.reserve(params.size() + sql.size() + 1);
    for (const auto& v : params) key.push_back("nifs"[v.index()]);
    key.push_back('|');
    key.append(sql);
    if (tx_depth_ == 0 && PQstatus(conn_) != CONNECTION_OK && !Reconnect())
        return ConnectionLost(conn_, "connection lost");
    auto rows = Run(key, std::string(sql), params);
    if (!rows.ok() && PQstatus(conn_) != CONNECTION_OK) {
        // Inside a transaction the whole transaction fails (the server rolled it back).
        // Outside one, only a read is run again on a fresh connection: a write may have been
        // applied before the connection dropped, and running it twice is not safe.
        if (tx_depth_ == 0 && Reconnect() && ReadOnly(sql)) rows = Run(key, std::string(sql), params);
        if (!rows.ok() && PQstatus(conn_) != CONNECTION_OK) rows = ConnectionLost(conn_, "connection lost");
    }
    if (!rows.ok() && tx_depth_ > 0) tx_failed_ = true;
    return rows;
}

Result<Rows> PgDatabase::Run(const std::string& key, const std::string& sql, const Params& params) {
    auto types = [&] {
        std::vector<Oid> out;
        for (const auto& v : params) {
            out.push_back(std::holds_alternative<int64_t>(v)       ? kInt8
                          : std::holds_alternative<double>(v)      ? kFloat8
                          : std::holds_alternative<std::string>(v) ? kText
                                                                   : 0);
        }
        return out;
    };
    // A multi-row INSERT (storage/bulk_insert.cpp) is not kept prepared: its NULLs fall in other
    // places in almost every batch, and each pattern would be one more statement the server keeps
    // for the connection's life (the province demo's connection grew to 9 GB).
    const bool one_off = params.size() > kMaxPreparedParams;
    std::string one_off_text;
    auto it = prepared_.find(key);
    if (one_off || it == prepared_.end()) {
        int n = 0;
        std::string text = NumberPlaceholders(sql, &n);
        if (n != static_cast<int>(params.size())) return Error::Internal("parameter count mismatch for: " + sql);
        if (one_off) {
            one_off_text = std::move(text);
        } else {
            if (prepared_.size() >= kMaxPrepared) {
                // Statements built from varying parts: start again rather than keep them all.
                PgResult r(PQexec(conn_, "DEALLOCATE ALL"));
                if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return PgError(conn_, r.get());
                prepared_.clear();
            }
            std::string name = "s" + std::to_string(prepared_.size() + 1);
            PgResult r(PQprepare(conn_, name.c_str(), text.c_str(), n, types().data()));
            if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return PgError(conn_, r.get());
            it = prepared_.emplace(key, name).first;
        }
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        const auto& v = params[i];
        if (std::holds_alternative<std::nullptr_t>(v)) {
            values[i] = nullptr;
            continue;
        }
        if (auto p = std::get_if<int64_t>(&v)) {
            texts[i] = std::to_string(*p);
        } else if (auto d = std::get_if<double>(&v)) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", *d);
            texts[i] = buf;
        } else {
            texts[i] = std::get<std::string>(v);
        }
        values[i] = texts[i].c_str();
        lengths[i] = static_cast<int>(texts[i].size());
    }
    const int n = static_cast<int>(params.size());
    PgResult r(one_off ? PQexecParams(conn_, one_off_text.c_str(), n, types().data(), values.data(), lengths.data(),
                                      nullptr, 0)
                       : PQexecPrepared(conn_, it->second.c_str(), n, values.data(), lengths.data(), nullptr, 0));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return PgError(conn_, r.get());
    const char* tuples = PQcmdTuples(r.get());
    changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
    Rows rows;
    const int nrows = PQntuples(r.get()), ncols = PQnfields(r.get());
    rows.reserve(static_cast<size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
        Row row;
        row.cells.reserve(static_cast<size_t>(ncols));
        for (int c = 0; c < ncols; ++c) row.cells.push_back(Convert(r.get(), i, c));
        rows.push_back(std::move(row));
    }
    return rows;
}

Status PgDatabase::ExecScript(std::string_view sql) {
    if (tx_depth_ == 0 && PQstatus(conn_) != CONNECTION_OK && !Reconnect())
        return ConnectionLost(conn_, "connection lost");
    PgResult r(PQexec(conn_, std::string(sql).c_str()));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        if (tx_depth_ > 0) tx_failed_ = true;
        if (PQstatus(conn_) != CONNECTION_OK) return ConnectionLost(conn_, "connection lost");
        return PgError(conn_, r.get());
    }
    return {};
}

Status PgDatabase::InReportTransaction(const std::function<Status()>& body) {
    if (tx_depth_ > 0) return body();
    // An asynchronous commit: never half-written, possibly lost on a server crash (PostgreSQL's
    // synchronous_commit = off, for this transaction only).
    return InTransaction([&]() -> Status {
        CAUNOI_TRY(ExecScript("SET LOCAL synchronous_commit TO OFF"));
        return body();
    });
}

Status PgDatabase::InTransaction(const std::function<Status()>& body) {
    if (tx_depth_ > 0) return body();
    CAUNOI_TRY(ExecScript("BEGIN"));
    ++tx_depth_;
    tx_failed_ = false;
    Status st;
    try {
        st = body();
    } catch (...) {
        // A handler that throws (answered 500) must not leave this pooled connection inside an
        // open transaction: the next request's writes would join it.
        --tx_depth_;
        PgResult r(PQexec(conn_, "ROLLBACK"));
        throw;
    }
    --tx_depth_;
    // A statement that failed inside aborts the whole transaction in PostgreSQL, even if the
    // body chose to carry on: never commit past it.
    if (!st.ok() || tx_failed_) {
        PgResult r(PQexec(conn_, "ROLLBACK"));
        if (st.ok()) return Error::Internal("postgresql: a statement failed inside the transaction; rolled back");
        return st;
    }
    PgResult r(PQexec(conn_, "COMMIT"));
    // Lost during COMMIT: whether it committed is unknown (it did if the standby that is taking
    // over had it). Answered 503: what a client sends again must be idempotent, as sync pushes
    // are (operation ids), or checked first.
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && PQstatus(conn_) != CONNECTION_OK)
        return ConnectionLost(conn_, "connection lost at commit, outcome unknown");
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return PgError(conn_, r.get());
    return {};
}

Status PgDatabase::Savepoint(const std::function<Status()>& body) {
    if (tx_depth_ == 0) return InTransaction(body);
    if (tx_failed_) return Error::Internal("postgresql: the transaction already failed");
    CAUNOI_TRY(ExecScript("SAVEPOINT caunoi_sp"));
    Status st;
    try {
        st = body();
    } catch (...) {
        PgResult back(PQexec(conn_, "ROLLBACK TO SAVEPOINT caunoi_sp"));
        PgResult release(PQexec(conn_, "RELEASE SAVEPOINT caunoi_sp"));
        tx_failed_ = false;
        throw;
    }
    if (!st.ok() || tx_failed_) {
        // Back to the savepoint: the statement that failed, and the transaction's aborted state, are undone.
        PgResult r(PQexec(conn_, "ROLLBACK TO SAVEPOINT caunoi_sp"));
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return PgError(conn_, r.get());
        tx_failed_ = false;
        CAUNOI_TRY(ExecScript("RELEASE SAVEPOINT caunoi_sp"));
        if (st.ok()) return Error::Internal("postgresql: a statement failed inside the savepoint; undone");
        return st;
    }
    CAUNOI_TRY(ExecScript("RELEASE SAVEPOINT caunoi_sp"));
    return {};
}

}  // namespace caunoi::storage
