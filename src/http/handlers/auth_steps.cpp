#include "http/handlers/auth_steps.hpp"

#include <memory>

#include "auth/auth.hpp"
#include "auth/password.hpp"

namespace caunoi::http {

Result<Response> OffloadedLogin(App& app, const std::string& login, const std::string& password,
                                const std::string& remote, RenderSession render) {
    auto attempt = app.auth.BeginLogin(login, remote);
    if (!attempt.ok()) return render(attempt.error());
    struct State {
        auth::LoginAttempt attempt;
        std::string password;
        bool ok = false;
    };
    auto st = std::make_shared<State>(State{std::move(attempt).value(), password});
    return Response::Offload([st] { st->ok = auth::VerifyPassword(st->attempt.hash, st->password); },
                             [&app, st, render] { return render(app.auth.FinishLogin(st->attempt, st->ok)); });
}

Result<Response> OffloadedPasswordChange(App& app, const Request& r, const std::string& current,
                                         const std::string& next, RenderSession render) {
    const Actor actor = *r.actor;
    auto stored = app.auth.BeginPasswordChange(actor, next);
    if (!stored.ok()) return render(stored.error());
    struct State {
        std::string stored, current, next;
        bool ok = false;
        Result<std::string> hash = std::string();
    };
    auto st = std::make_shared<State>(State{std::move(stored).value(), current, next});
    return Response::Offload(
        [st] {
            st->ok = auth::VerifyPassword(st->stored, st->current);
            if (st->ok) st->hash = auth::HashPassword(st->next);
        },
        [&app, st, actor, render] { return render(app.auth.FinishPasswordChange(actor, st->ok, st->hash)); });
}

}  // namespace caunoi::http
