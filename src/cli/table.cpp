// The command table: name, usage line, help and function of every subcommand; the usage text
// made from it, and dispatch as one look-up.
#include "cli/table.hpp"

#include <exception>

#include "cli/commands.hpp"

namespace caunoi::cli {

namespace {

constexpr std::string_view kUsageHead = R"(caunoi — the platform of Nghệ An's community digital technology teams

Usage: caunoi <command> [options]

Commands:
)";

constexpr std::string_view kUsageTail = R"(
Common options (flags win over environment variables):
  --db PATH|URL         SQLite database file, or postgresql://user:pass@host:port/dbname
                        [CAUNOI_DB, default caunoi.db]
  --secret-file PATH    32-byte key for ID hashing   [CAUNOI_SECRET_FILE, default <db>.key, or caunoi.key
                        for PostgreSQL; created if missing; every process of one database needs the same]

Run 'caunoi <command> --help' for the options of one command.
)";

constexpr std::string_view kServeHelp =
    R"(caunoi serve [--listen ADDR:PORT] [--db PATH] [--secret-file PATH] [--trusted-proxy IP] [--public-url URL]
             [--workers N] [--db-connections M] [--quiet]
             [--max-connections N] [--max-per-address N] [--header-seconds S] [--hash-threads N]
             [--kannel-url URL --kannel-password P --kannel-token T [--kannel-user U] [--sms-from NUMBER] [--sms-rate N]
              [--sms-concurrency N] [--sms-callback-url URL] [--sms-retry-seconds S] [--sms-lease-seconds S]
              [--sms-unicode] [--sms-price DONG]]
             [--alert-feed URL [--alert-feed-seconds S] [--alert-feed-timeout S]]
             [--weather-url URL [--weather-timeout S]] [--metrics-token-file PATH]
  --listen          address and port                 [CAUNOI_LISTEN, default 127.0.0.1:8080; port 0 picks one]
  --workers         handler threads, each with its own caches  [CAUNOI_WORKERS, default 1]
  --db-connections  database connections the workers share     [CAUNOI_DB_CONNECTIONS, default = workers]
  --trusted-proxy   reverse proxy address whose X-Forwarded-For/-Proto are believed [CAUNOI_TRUSTED_PROXY]
  --public-url      address residents reach, printed in short links and QR codes [CAUNOI_PUBLIC_URL,
                    default: taken from each request's Host]
  --quiet           no per-request log lines
  --max-connections connections open at once; more are answered 503 and closed
                    [CAUNOI_MAX_CONNECTIONS, default 2000; keep the open-files limit above it + 64]
  --max-per-address connections open at once from one client address (not counted for the
                    trusted proxy) [CAUNOI_MAX_PER_ADDRESS, default 100]
  --header-seconds  time a client has to send a request's headers, and to start its next one
                    [CAUNOI_HEADER_SECONDS, default 10]
  --hash-threads    threads hashing passwords off the request threads [CAUNOI_HASH_THREADS, default 2]
  --kannel-url      Kannel's sendsms address, e.g. http://127.0.0.1:13013: deliver the SMS outbox [CAUNOI_KANNEL_URL]
  --kannel-password the sendsms-user password, needed with --kannel-url [CAUNOI_KANNEL_PASSWORD]
  --kannel-token    the token Kannel's inbound and report calls carry, as the password of its
                    proxy credential (Kannel's core group: http-proxy-password; docs/sms.md)
                    [CAUNOI_KANNEL_TOKEN; without it, the old single-secret setup: the sendsms
                    password is also the token, taken from t= in URLs too, and report URLs carry
                    it (Kannel logs them), with a warning; without both, Kannel's calls get 404]
  --kannel-user     the sendsms-user name                  [CAUNOI_KANNEL_USER, default caunoi]
  --sms-from        the number residents see and reply to   [CAUNOI_SMS_FROM]
  --sms-rate        messages a second at most (the operator's limit) [CAUNOI_SMS_RATE, default 10]
  --sms-concurrency sendsms requests in flight at once, each on a kept-alive connection to Kannel
                    [CAUNOI_SMS_CONCURRENCY, default 4, 1 to 64]
  --sms-callback-url where Kannel reaches this server for delivery reports
                    [CAUNOI_SMS_CALLBACK_URL, default http://127.0.0.1:PORT]
  --sms-retry-seconds wait before the first retry of a message the gateway did not take; doubles
                    each time, at most an hour [CAUNOI_SMS_RETRY_SECONDS, default 30]
  --sms-lease-seconds how long a message the sender claimed stays its own: after a crash, another
                    sender (or this one restarted) takes it then [CAUNOI_SMS_LEASE_SECONDS, default 120, 10 to 3600]
  --sms-unicode     send with diacritics (UCS-2, 70 characters an SMS): only if the operator asks
  --sms-price       dong per SMS part, for the cost shown before a manual send [CAUNOI_SMS_PRICE, default 350]
  --alert-feed      an Atom or RSS feed of CAP alerts to poll and import (http:// only; docs/warnings.md)
                    [CAUNOI_ALERT_FEED]
  --alert-feed-seconds wait between polls; after failed polls it doubles, up to 30 minutes
                    [CAUNOI_ALERT_FEED_SECONDS, default 120]
  --alert-feed-timeout time to connect and read the feed or one alert [CAUNOI_ALERT_FEED_TIMEOUT, default 10]
  --weather-url     an Open-Meteo-style forecast API (http:// only; docs/board.md): each commune's
                    forecast at most once an hour, later after failures [CAUNOI_WEATHER_URL]
  --weather-timeout time to connect and read one forecast [CAUNOI_WEATHER_TIMEOUT, default 10]
  --metrics-token-file a file holding the token (24 characters or more) Prometheus sends as
                    "Authorization: Bearer"; enables GET /metrics (docs/operations.md)
                    [CAUNOI_METRICS_TOKEN_FILE; without it /metrics is 404]
Prints "listening on ADDR:PORT" once ready. SIGTERM finishes in-flight requests, then exits.
)";

constexpr std::string_view kDemoHelp =
    R"(caunoi demo [--db PATH] [--households N] [--seed S]
caunoi demo [--db PATH] --scale province [--fraction F] [--seed S]
  Creates the schema, loads the 130 communes and adds synthetic villages, households, residents,
  teams and one login per role for Mường Xén, Na Ngoi, Mường Lống and Nga My. Refuses a database
  that already has households. --households: per commune (default 150). Prints the demo logins.
  --scale province: a dataset the size of Nghệ An instead: all 130 communes, ~2,500 villages,
  ~850,000 households, ~3.4 million residents, a year of ~5 million support sessions, dossiers,
  desk tickets; --fraction F (0 < F <= 1, default 1) scales the households and what follows them.
  Prints how long generating and counting the indicators took (docs/benchmarks.md).
)";

constexpr std::string_view kMigrateHelp =
    "caunoi migrate [--db PATH]\n  Applies pending migrations; refuses a database newer than this binary.\n";

constexpr std::string_view kUserHelp =
    R"(caunoi user add --username NAME | --phone PHONE --name "Full name" --role ROLE (--area ID | --team ID)
caunoi user passwd LOGIN
caunoi user disable LOGIN
caunoi user list
  PHONE: a Vietnamese mobile number of 10 digits starting with 0 (e.g. 0912345678).
  ROLE: province_admin | commune_officer | team_leader | member. The password is read from
  the environment variable CAUNOI_PASSWORD or, if unset, from the first line of standard input.
)";

constexpr std::string_view kImportHelp =
    "caunoi import households FILE.csv [--db PATH]\n  Header: "
    "village_id,household,address,full_name,birth_year,sex,phone,phone_kind,language,consent_purposes\n"
    "  All rows or none are imported; a bad row is reported as 'row N: field: problem'.\n";

constexpr std::string_view kBackupHelp =
    R"(caunoi backup FILE [--db PATH]
  Online backup with SQLite's backup API, unencrypted; safe while the server runs.
caunoi backup key FILE
  Makes a backup key (mode 0600). Keep it apart from the backups and from the data's key file.
caunoi backup create --dir DIR --key-file KEY [--keep N] [--db PATH|URL]
  An encrypted backup (libsodium secretstream) DIR/caunoi-YYYYMMDDTHHMMSSZ.enc of the SQLite
  file or (pg_dump) the PostgreSQL database, consistent while serving; then removes all but
  the newest N (default 14) of DIR's backups. Run it from a timer (docs/operations.md).
caunoi backup restore FILE --key-file KEY --to PATH|URL
  Decrypts and checks FILE whole, then restores it into a new SQLite file or an empty
  PostgreSQL database (pg_restore, one transaction). Then run caunoi migrate on it.
)";

constexpr std::string_view kMigrateDataHelp =
    R"(caunoi migrate-data --from sqlite:FILE --to postgresql://user@host:port/dbname
  Copies a SQLite database (it may be serving: the copy is one consistent snapshot) into an empty
  PostgreSQL database, migrating both to this binary's schema first. Every table is copied in one
  transaction and verified by row counts and checksums before it commits; prints them per table.
  Copy the key file (--secret-file) along: national-ID hashes need the same key.
)";

constexpr std::string_view kOutboxHelp =
    R"(caunoi outbox claim --worker NAME [--limit N] [--lease SECONDS] [--db PATH|URL]
  Leases up to N (default 50) queued SMS to NAME for SECONDS (default 300) and prints each as a
  JSON line. Senders on several machines never get the same message; a lease that runs out
  (the sender died) lets another sender take the message.
)";

constexpr std::string_view kCitusSqlHelp =
    R"(caunoi citus-sql [--db PATH|URL]
  Checks that every tenant row carries the commune of its area (the distribution column), then
  prints the statements that distribute the database on Citus (docs/scaling.md). Exits 1 and
  lists the tables with stray rows instead if any.
)";

constexpr std::string_view kAlertHelp =
    R"(caunoi alert import FILE.xml [--db PATH|URL] [--public-url URL]
caunoi alert key SENDER [--db PATH|URL]
  import: takes a CAP 1.2 alert (docs/warnings.md) as if a sender had posted it: once per sender and
  identifier, an Update or Cancel superseding what it names, an Actual alert sent at once to the
  villages it reaches (an Exercise to staff only). Refusals name the element and keep nothing.
  --public-url (or CAUNOI_PUBLIC_URL) is the address in the loudspeaker operators' links.
  key: a new key for the system that sends as SENDER (the CAP <sender>), replacing any: it posts
  to /api/v1/alerts with "Authorization: Key <key>". Printed once; kept hashed.
)";

constexpr std::string_view kWeatherHelp =
    R"(caunoi weather refresh --weather-url URL [--weather-timeout S] [--db PATH|URL]
  One pass of the weather refresher (docs/board.md): every commune with a location whose next
  request is due asks the Open-Meteo-style API for its forecast once, as caunoi serve does each
  minute. Prints how many were due, fetched and failed, and the time taken; exits 1 if any failed.
)";

constexpr std::string_view kIndicatorsHelp =
    R"(caunoi indicators refresh|check [--db PATH|URL]
  refresh: recounts the indicator figures of every commune marked by a write since its last count
  (caunoi serve does it every --indicator-seconds, when given). check: refreshes, then recounts every commune
  without writing and compares with the kept figures; prints each difference and exits 1 if any
  (docs/indicators.md).
)";

constexpr std::string_view kAuditHelp =
    R"(caunoi audit exposed [--user LOGIN] [--from DATE[THH:MM]] [--to DATE[THH:MM]] [--db PATH|URL]
  Whose personal data an account (--user, a username or phone number) or a time window exposed, for a
  data-breach notification: every person whose record (or dossier, or household) the audit log shows
  read or changed, one line each as TSV with their phone, village, commune, when, how often, by which
  accounts and how. Times are Vietnam's; a bare --to date includes that day. The report is itself
  recorded in the audit log. Give --user, --from or both (docs/operations.md, "A data breach").
)";

constexpr std::string_view kRetentionHelp =
    R"(caunoi retention [--scam-days N] [--sms-days N] [--audit-days N] [--sync-days N] [--changes-days N] [--db PATH|URL]
  Applies the retention rules once (run it daily from a timer): scam reports older than --scam-days (730) and
  SMS older than --sms-days (365; never a queued one) lose their phone number and text, the rows kept so that
  the indicators stay right; audit entries older than --audit-days (1095, at least 365) and stored sync answers
  older than --sync-days (90, at least 61) are deleted; changes of erased records older than --changes-days
  (180) leave the sync log, and phones that synced before them start their sync again. What it did is printed
  and recorded in the audit log (docs/operations.md, "Retention").
)";

constexpr std::string_view kRoutesHelp =
    "caunoi routes\n  Prints every route with its method and minimum role, as JSON.\n";

constexpr Command kCommands[] = {
    {"serve", "", "run the web server", kServeHelp, Serve},
    {"demo", "", "create a demo database (synthetic data for real highland communes)", kDemoHelp, Demo},
    {"migrate", "", "apply pending schema migrations and exit", kMigrateHelp, Migrate},
    {"user", "add|passwd|disable|list", "manage accounts", kUserHelp, User},
    {"import", "households FILE.csv", "import households and residents (all-or-nothing)", kImportHelp, Import},
    {"backup", "FILE | key | create | restore", "copy the live database, plain or encrypted; restore one", kBackupHelp, Backup},
    {"migrate-data", "--from sqlite:FILE --to postgresql://…", "copy a province database to PostgreSQL",
     kMigrateDataHelp, MigrateData},
    {"outbox", "claim", "lease queued SMS to a sender (prints them as JSON lines)", kOutboxHelp, Outbox},
    {"citus-sql", "", "check every row's commune and print the SQL that distributes the database on Citus",
     kCitusSqlHelp, CitusSql},
    {"alert", "import FILE.xml|key SENDER", "take a CAP 1.2 warning, or give a sender its key", kAlertHelp, Alert},
    {"weather", "refresh", "fetch the communes' forecasts due now, once", kWeatherHelp, Weather},
    {"indicators", "refresh|check", "recount the indicators, or check kept figures against a full recount",
     kIndicatorsHelp, Indicators},
    {"audit", "exposed", "list whose data an account or a time window exposed (breach report)", kAuditHelp, Audit},
    {"retention", "", "apply the retention rules once (old personal data removed, recorded)", kRetentionHelp,
     Retention},
    {"routes", "", "print the route table as JSON", kRoutesHelp, Routes},
};

// The column of the summaries in the command list; a longer name and words get three spaces.
constexpr size_t kSummaryColumn = 24;

}  // namespace

std::span<const Command> Commands() { return kCommands; }

const Command* FindCommand(std::string_view name) {
    for (const auto& c : kCommands)
        if (c.name == name) return &c;
    return nullptr;
}

std::string Usage() {
    std::string out(kUsageHead);
    for (const auto& c : kCommands) {
        std::string line = "  " + std::string(c.name);
        if (!c.words.empty()) line += " " + std::string(c.words);
        line += line.size() + 1 < kSummaryColumn ? std::string(kSummaryColumn - line.size(), ' ') : "   ";
        out += line + std::string(c.summary) + "\n";
    }
    return out + std::string(kUsageTail);
}

int Run(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    if (words.empty() || words[0] == "--help" || words[0] == "help") {
        out << Usage();
        return words.empty() ? 1 : 0;
    }
    const Command* command = FindCommand(words[0]);
    if (!command) {
        err << Usage() << "caunoi: unknown command " << words[0] << "\n";
        return 1;
    }
    const Args a = Parse(words);
    if (a.Has("help")) {
        out << command->help;
        return 0;
    }
    try {
        return command->run(a);
    } catch (const std::exception& e) {
        err << "caunoi: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace caunoi::cli
