#include "auth/auth.hpp"

#include <atomic>

#include "auth/password.hpp"
#include "core/crypto.hpp"
#include "core/ulid.hpp"

namespace caunoi::auth {
namespace {
// Counts sessions ended anywhere in this process; every AuthService (one per worker) compares it
// with the count it last saw and drops its cache when they differ.
std::atomic<uint64_t> g_session_ends{0};
}  // namespace

Actor SystemActor() {
    Actor a;
    a.user_id = "";
    a.display_name = "caunoi cli";
    a.role = Role::kProvinceAdmin;
    a.area_path = "40";
    a.scope.paths = {"40"};
    a.remote_addr = "cli";
    return a;
}

Result<Actor> AuthService::ActorFor(const User& u, const std::string& remote) {
    Actor a;
    a.user_id = u.id;
    a.display_name = u.display_name;
    a.role = u.role;
    a.area_path = u.area_path;
    a.team_id = u.team_id;
    a.remote_addr = remote;
    if (u.role == Role::kMember || u.role == Role::kTeamLeader) {
        CAUNOI_ASSIGN(a.scope.paths, repo_.TeamVillagePaths(u.team_id));
    } else {
        a.scope.paths = {u.area_path};
    }
    return a;
}

Result<LoginResult> AuthService::Login(const std::string& login, const std::string& password,
                                       const std::string& remote) {
    CAUNOI_ASSIGN(auto attempt, BeginLogin(login, remote));
    return FinishLogin(attempt, VerifyPassword(attempt.hash, password));
}

namespace {
std::string AddressKey(const std::string& remote) { return "login:" + remote; }
}  // namespace

Result<LoginAttempt> AuthService::BeginLogin(const std::string& login, const std::string& remote) {
    static const std::string kDummyHash = HashPassword("dummy password for timing").value();
    LoginAttempt a;
    a.remote = remote;
    a.now = clock_.NowSeconds();
    CAUNOI_ASSIGN(int64_t wait, limits_.WaitFor(AddressKey(remote), kFailuresPerAddress, kAddressWindow, a.now));
    if (wait > 0) {
        Error e{ErrorCode::kTooManyRequests,
                N_("Too many attempts; wait a moment"),
                "too many failed logins from this address",
                {}};
        e.retry_after = static_cast<int>(wait);
        return e;
    }
    auto found = repo_.FindByLogin(login);
    if (!found.ok()) {
        a.hash = kDummyHash;  // same cost as a real check: no user enumeration by timing
        return a;
    }
    if (found->locked_until > a.now) {
        // Attempts during a lock are refused without counting, so a stranger cannot extend it.
        Error e{ErrorCode::kTooManyRequests, N_("Too many attempts; wait a moment"), "account temporarily locked", {}};
        e.retry_after = static_cast<int>(found->locked_until - a.now);
        return e;
    }
    a.hash = found->password_hash;
    a.user = std::move(found).value();
    return a;
}

Result<LoginResult> AuthService::FinishLogin(const LoginAttempt& attempt, bool password_ok) {
    const Error wrong{ErrorCode::kUnauthorized, N_("Wrong login or password"), "wrong login or password", {}};
    if (!attempt.user || attempt.user->disabled || !password_ok) {
        CAUNOI_TRY(limits_.Hit(AddressKey(attempt.remote), kAddressWindow, attempt.now));
        if (!attempt.user) return wrong;
    }
    User u = *attempt.user;
    if (u.disabled || !password_ok) {
        u.failed_logins += 1;
        u.locked_until = attempt.now + LockSecondsAfter(u.failed_logins);
        CAUNOI_TRY(repo_.Update(u));
        Actor who;
        who.user_id = u.id;
        who.remote_addr = attempt.remote;
        CAUNOI_TRY(audit_.Record(who, "login_failed", "user", u.id, u.area_path));
        return wrong;
    }
    u.failed_logins = 0;
    u.locked_until = 0;
    CAUNOI_TRY(repo_.Update(u));
    return OpenSession(u, attempt.remote, attempt.now, "");
}

Result<LoginResult> AuthService::OpenSession(const User& u, const std::string& remote, int64_t now,
                                             const std::string& how) {
    LoginResult r;
    r.token = crypto::RandomToken(32);
    r.csrf = crypto::RandomToken(24);
    r.expires_at = now + kSessionSeconds;
    CAUNOI_TRY(repo_.InsertSession(crypto::HashHex(r.token), u.id, r.csrf, now, r.expires_at));
    CAUNOI_ASSIGN(r.actor, ActorFor(u, remote));
    CAUNOI_TRY(audit_.Record(r.actor, "login", "user", u.id, u.area_path, how));
    return r;
}

Result<std::pair<Actor, std::string>> AuthService::Authenticate(const std::string& token, const std::string& remote) {
    if (token.empty() || token.size() > 100) return Error::Unauthorized();
    const int64_t now = clock_.NowSeconds();
    std::string hash = crypto::HashHex(token);
    // A session ended by another worker of this process (logout, password change, a user
    // disabled) leaves this worker's cache at once, not after kCacheSeconds.
    if (const uint64_t g = g_session_ends.load(std::memory_order_acquire); g != seen_session_ends_) {
        sessions_.Clear();
        seen_session_ends_ = g;
    }
    const int64_t read_at = sessions_.Now();
    if (const CachedSession* cached = sessions_.Find(hash)) {
        Actor a = cached->actor;
        a.remote_addr = remote;
        return std::make_pair(std::move(a), cached->csrf);
    }
    auto s = repo_.FindSession(hash, now);
    if (!s.ok()) return Error::Unauthorized();
    auto u = repo_.FindById(s->first);
    if (!u.ok() || u->disabled) return Error::Unauthorized();
    CAUNOI_ASSIGN(auto actor, ActorFor(*u, remote));
    sessions_.Put(hash, {actor, s->second}, read_at);
    return std::make_pair(std::move(actor), s->second);
}

void AuthService::EvictUser(const std::string& user_id) {
    g_session_ends.fetch_add(1, std::memory_order_acq_rel);
    sessions_.EraseIf([&](const std::string&, const CachedSession& c) { return c.actor.user_id == user_id; });
}

Result<LoginResult> AuthService::IssueToken(const Actor& a, const std::string& remote) {
    CAUNOI_ASSIGN(auto u, repo_.FindById(a.user_id));
    if (u.disabled) return Error::Unauthorized();
    return OpenSession(u, remote, clock_.NowSeconds(), "field app, from the web session");
}

Status AuthService::Logout(const Actor& a, const std::string& token) {
    sessions_.Erase(crypto::HashHex(token));
    g_session_ends.fetch_add(1, std::memory_order_acq_rel);
    CAUNOI_TRY(repo_.DeleteSession(crypto::HashHex(token)));
    return audit_.Record(a, "logout", "user", a.user_id, a.area_path);
}

Result<std::string> AuthService::BeginPasswordChange(const Actor& a, const std::string& next) {
    CAUNOI_ASSIGN(auto u, repo_.FindById(a.user_id));
    CAUNOI_TRY(CheckPasswordPolicy(next, u.username.empty() ? u.phone : u.username));
    return u.password_hash;
}

Result<LoginResult> AuthService::FinishPasswordChange(const Actor& a, bool current_ok,
                                                      const Result<std::string>& new_hash) {
    if (!current_ok)
        return Error::Invalid("current_password", "current password is wrong", N_("Current password is wrong"));
    CAUNOI_TRY(new_hash);
    CAUNOI_ASSIGN(auto u, repo_.FindById(a.user_id));
    u.password_hash = new_hash.value();
    CAUNOI_TRY(repo_.Update(u));
    // Whoever else holds a session of this user (a stolen token, a lost phone) is out now.
    CAUNOI_TRY(repo_.DeleteUserSessions(u.id));
    EvictUser(u.id);
    CAUNOI_TRY(audit_.Record(a, "password", "user", u.id, u.area_path));
    return OpenSession(u, a.remote_addr, clock_.NowSeconds(), "password changed");
}

Result<LoginResult> AuthService::ChangePassword(const Actor& a, const std::string& current, const std::string& next) {
    CAUNOI_ASSIGN(auto hash, BeginPasswordChange(a, next));
    bool ok = VerifyPassword(hash, current);
    return FinishPasswordChange(a, ok, ok ? HashPassword(next) : Result<std::string>(std::string()));
}

Result<std::vector<User>> AuthService::ListUsers(const Actor& a, const std::string& after, int limit) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::Forbidden("only officers manage users");
    if (limit <= 0 || limit > 200) limit = 50;
    return repo_.List(a.scope, after, limit);
}

Result<User> AuthService::GetUser(const Actor& a, const std::string& id) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    return repo_.FindScoped(a.scope, id);
}

Result<User> AuthService::CreateUser(const Actor& a, const Fields& f) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::Forbidden("only officers manage users");
    CAUNOI_TRY(f.OnlyKnown({"username", "phone", "display_name", "role", "area_id", "team_id", "password"}));
    User u;
    u.id = NewUlid();
    CAUNOI_ASSIGN(auto username, f.Text("username", 40, false));
    CAUNOI_ASSIGN(auto phone, f.Text("phone", 16, false));
    CAUNOI_ASSIGN(auto name, f.Text("display_name", 100, true));
    CAUNOI_ASSIGN(auto role, f.Choice("role", {"member", "team_leader", "commune_officer", "province_admin"}));
    if (!username && !phone)
        return Error::Invalid("username", "a username or a phone number is needed", N_("This field is required"));
    if (username) {
        for (char c : *username)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
                return Error::Invalid("username", "letters, digits, . _ - only", N_("Invalid value"));
        u.username = *username;
    }
    if (phone) {
        bool ok = phone->size() == 10 && (*phone)[0] == '0';
        for (char c : *phone) ok = ok && c >= '0' && c <= '9';
        if (!ok) return Error::Invalid("phone", "not a Vietnamese phone number", N_("Invalid phone number"));
        u.phone = *phone;
    }
    if (!role) return Error::Invalid("role", "required", N_("This field is required"));
    u.role = static_cast<Role>(*role);
    if (!a.AtLeast(u.role)) return Error::Forbidden("cannot create a user with a higher role than yours");
    u.display_name = *name;
    if (u.role == Role::kMember || u.role == Role::kTeamLeader) {
        CAUNOI_ASSIGN(auto team, f.Text("team_id", 26, true));
        CAUNOI_ASSIGN(u.area_path, repo_.TeamAreaPath(a.scope, *team));
        u.team_id = *team;
    } else {
        CAUNOI_ASSIGN(auto area, f.Text("area_id", 26, true));
        CAUNOI_ASSIGN(u.area_path, repo_.AreaPath(a.scope, *area));
        bool province = u.area_path.find('/') == std::string::npos;
        if (province != (u.role == Role::kProvinceAdmin))
            return Error::Invalid("area_id", "officers belong to a commune, admins to the province",
                                  N_("Invalid value"));
    }
    CAUNOI_ASSIGN(auto pw, f.Secret("password", 128, true));
    CAUNOI_TRY(CheckPasswordPolicy(*pw, u.username.empty() ? u.phone : u.username));
    CAUNOI_ASSIGN(u.password_hash, HashPassword(*pw));
    u.created_at = clock_.NowSeconds();
    CAUNOI_TRY(repo_.Insert(u));
    CAUNOI_TRY(audit_.Record(a, "create", "user", u.id, u.area_path, std::string(RoleName(u.role))));
    return u;
}

Result<User> AuthService::UpdateUser(const Actor& a, const std::string& id, const Fields& f) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    CAUNOI_TRY(f.OnlyKnown({"display_name", "disabled", "password"}));
    CAUNOI_ASSIGN(auto u, repo_.FindScoped(a.scope, id));
    if (!a.AtLeast(u.role)) return Error::NotFound();
    CAUNOI_ASSIGN(auto name, f.Text("display_name", 100, false));
    CAUNOI_ASSIGN(auto disabled, f.Bool("disabled"));
    CAUNOI_ASSIGN(auto pw, f.Secret("password", 128, false));
    if (name) u.display_name = *name;
    if (disabled) {
        if (*disabled && u.id == a.user_id)
            return Error::Invalid("disabled", "you cannot disable yourself", N_("Invalid value"));
        u.disabled = *disabled;
    }
    if (pw) {
        CAUNOI_TRY(CheckPasswordPolicy(*pw, u.username.empty() ? u.phone : u.username));
        CAUNOI_ASSIGN(u.password_hash, HashPassword(*pw));
        u.failed_logins = 0;
        u.locked_until = 0;
    }
    CAUNOI_TRY(repo_.Update(u));
    EvictUser(u.id);
    if (u.disabled || pw) CAUNOI_TRY(repo_.DeleteUserSessions(u.id));
    CAUNOI_TRY(audit_.Record(a, "update", "user", u.id, u.area_path));
    return u;
}

}  // namespace caunoi::auth
