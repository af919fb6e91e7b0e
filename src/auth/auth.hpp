// Accounts and sessions: login by phone number or username + password, session tokens
// (256-bit random, only their hash stored), per-session CSRF tokens, per-account login
// throttling, password change, and user management by officers within their area.
// Thread-safety: one thread (as the repository).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/rate_limit.hpp"
#include "core/result.hpp"
#include "core/ttl_cache.hpp"

namespace caunoi::auth {

struct User {
    std::string id;
    std::string username;
    std::string phone;
    std::string display_name;
    Role role = Role::kMember;
    std::string area_path;
    std::string team_id;
    std::string password_hash;
    bool disabled = false;
    int failed_logins = 0;
    int64_t locked_until = 0;
    int64_t created_at = 0;
};

class UserRepository {
  public:
    virtual ~UserRepository() = default;
    virtual Result<User> FindByLogin(const std::string& login) = 0;  // username or phone
    virtual Result<User> FindById(const std::string& id) = 0;
    virtual Result<User> FindScoped(const Scope& s, const std::string& id) = 0;
    virtual Result<std::vector<User>> List(const Scope& s, const std::string& after, int limit) = 0;
    virtual Status Insert(const User& u) = 0;
    virtual Status Update(const User& u) = 0;
    virtual Status InsertSession(const std::string& token_hash, const std::string& user_id, const std::string& csrf,
                                 int64_t now, int64_t expires) = 0;
    // Returns {user_id, csrf} of a live session.
    virtual Result<std::pair<std::string, std::string>> FindSession(const std::string& token_hash, int64_t now) = 0;
    virtual Status DeleteSession(const std::string& token_hash) = 0;
    virtual Status DeleteUserSessions(const std::string& user_id) = 0;
    virtual Result<std::vector<std::string>> TeamVillagePaths(const std::string& team_id) = 0;
    // The team's commune path, if the team is visible in `s`.
    virtual Result<std::string> TeamAreaPath(const Scope& s, const std::string& team_id) = 0;
    // The path of a province/commune/ward in `s`.
    virtual Result<std::string> AreaPath(const Scope& s, const std::string& area_id) = 0;
};

// A login between its two cheap steps; the password check between them (argon2id, tens of
// milliseconds of CPU) may run on another thread.
struct LoginAttempt {
    std::optional<User> user;  // nullopt: no such login (checked against a dummy hash all the same)
    std::string hash;          // the hash the password is checked against
    std::string remote;
    int64_t now = 0;
};

struct LoginResult {
    std::string token;
    std::string csrf;
    Actor actor;
    int64_t expires_at = 0;
};

class AuthService {
  public:
    static constexpr int64_t kSessionSeconds = 14 * 24 * 3600;

    // Failed or unknown logins a client address may make per kAddressWindow before it must wait:
    // they are refused before any password is hashed, so nobody can spend the server's CPU on
    // guesses. Generous enough for a commune office's shared address on a bad morning.
    static constexpr int kFailuresPerAddress = 30;
    static constexpr int64_t kAddressWindow = 10 * 60;

    AuthService(UserRepository& repo, audit::AuditLog& audit, const Clock& clock, RateCounter& limits)
        : repo_(repo),
          audit_(audit),
          clock_(clock),
          limits_(limits),
          sessions_(clock, kCacheSeconds * 1000, kCacheMax) {}

    // Login = BeginLogin, VerifyPassword(attempt.hash, password), FinishLogin. The server runs
    // the middle step on its hashing pool; the CLI and tests call Login.
    Result<LoginResult> Login(const std::string& login, const std::string& password, const std::string& remote);
    // Refuses (429, before any hashing) an address with too many recent failures or a locked account.
    Result<LoginAttempt> BeginLogin(const std::string& login, const std::string& remote);
    Result<LoginResult> FinishLogin(const LoginAttempt& attempt, bool password_ok);
    // The actor and CSRF token of a live session; Unauthorized otherwise.
    Result<std::pair<Actor, std::string>> Authenticate(const std::string& token, const std::string& remote);
    // A new session for the user of a live one (`a`), as a login gives: the field app gets its
    // own token from the browser's web session without asking for the password again. The
    // caller proves the request came from this site (the web session's CSRF token).
    Result<LoginResult> IssueToken(const Actor& a, const std::string& remote);
    Status Logout(const Actor& a, const std::string& token);
    // A password change in the same three steps as a login: BeginPasswordChange checks the new
    // password's policy and returns the stored hash; the caller checks `current` against it and
    // hashes `next` (HashPassword, on the hashing pool); FinishPasswordChange stores the new hash,
    // ends every session of the user and opens a fresh one for the caller, which it returns.
    Result<std::string> BeginPasswordChange(const Actor& a, const std::string& next);
    Result<LoginResult> FinishPasswordChange(const Actor& a, bool current_ok, const Result<std::string>& new_hash);
    Result<LoginResult> ChangePassword(const Actor& a, const std::string& current, const std::string& next);

    Result<std::vector<User>> ListUsers(const Actor& a, const std::string& after, int limit);
    Result<User> GetUser(const Actor& a, const std::string& id);
    // The operator's command line (no actor: whoever runs it holds the database): a user by login.
    Result<User> UserByLogin(const std::string& login) { return repo_.FindByLogin(login); }
    // Fields: username, phone, display_name, role, area_id (for officers/admins), team_id
    // (for leaders/members), password.
    Result<User> CreateUser(const Actor& a, const Fields& f);
    // Fields: display_name, disabled, password (reset by an officer).
    Result<User> UpdateUser(const Actor& a, const std::string& id, const Fields& f);

    // Builds the actor (with its scope) for a stored user.
    Result<Actor> ActorFor(const User& u, const std::string& remote);

  private:
    // A new session (token, CSRF token) for `u`, stored and audited as a login (`how`: detail).
    Result<LoginResult> OpenSession(const User& u, const std::string& remote, int64_t now, const std::string& how);
    // Live sessions recently seen, so a request costs no database round trip to authenticate.
    // Entries live kCacheSeconds at most: that bounds how long a change made by another
    // process (the CLI disabling a user) takes to show; changes made in this process (any of
    // its workers) evict at once.
    static constexpr int64_t kCacheSeconds = 30;
    static constexpr size_t kCacheMax = 20000;
    struct CachedSession {
        Actor actor;
        std::string csrf;
    };
    void EvictUser(const std::string& user_id);

    UserRepository& repo_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    RateCounter& limits_;
    TtlCache<std::string, CachedSession> sessions_;  // by token hash
    uint64_t seen_session_ends_ = 0;
};

// The actor used by command-line administration: province scope, no user id.
Actor SystemActor();

}  // namespace caunoi::auth
