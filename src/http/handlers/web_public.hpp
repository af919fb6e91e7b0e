// The public side of the site, for residents who have no login.
#pragma once

#include "http/app.hpp"

namespace caunoi::http::web {

// The front page for someone not logged in: find a procedure, follow a dossier, and a small way
// in for staff (handlers/procedures.cpp).
Result<Response> FrontPage(App& app, Request& r);

}  // namespace caunoi::http::web
