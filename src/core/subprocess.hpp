// Running another program (pg_dump, pg_restore) with its standard output or input piped through
// this process, without a shell: the arguments are passed as they are, never interpreted.
// Its standard error is this process's. Not for use from the server's request threads.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::subprocess {

// Runs argv (argv[0] looked up in PATH) and hands what it prints to `sink`, in pieces. Fails if
// it cannot start, if `sink` fails (the program is then stopped) or if it exits other than 0.
Status ReadFrom(const std::vector<std::string>& argv, const std::function<Status(std::string_view)>& sink);

// Runs argv and writes into its standard input whatever `feed` passes to the writer it is
// given, then closes it. Fails as ReadFrom does, or if `feed` fails.
using Feed = std::function<Status(std::string_view)>;
Status WriteTo(const std::vector<std::string>& argv, const std::function<Status(const Feed&)>& feed);

}  // namespace caunoi::subprocess
