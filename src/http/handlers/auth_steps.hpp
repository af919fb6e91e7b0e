// Login and password change with their password hashing off the io thread (Response::Offload):
// the cheap checks here, argon2id on the server's hashing pool, the session opened back here.
// `render` turns the outcome (a new session, or why not) into the route's response.
#pragma once

#include "auth/auth.hpp"
#include "http/app.hpp"

namespace caunoi::http {

using RenderSession = std::function<Result<Response>(Result<auth::LoginResult>)>;

Result<Response> OffloadedLogin(App& app, const std::string& login, const std::string& password, const std::string& remote,
                        RenderSession render);
// For `r.actor`; the new session is the caller's, every other session of the user is ended.
Result<Response> OffloadedPasswordChange(App& app, const Request& r, const std::string& current, const std::string& next,
                                 RenderSession render);

}  // namespace caunoi::http
