// The one place where domain error codes become HTTP statuses.
#pragma once

#include "core/result.hpp"

namespace caunoi::http {
int StatusFor(ErrorCode code);
}
