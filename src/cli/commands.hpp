// The functions the command table (cli/table.cpp) runs, one per subcommand: serve in
// cli/serve.cpp, the others in cli/commands.cpp. Each prints on standard output and error and
// returns the exit status; one may throw std::exception, which the dispatcher reports.
#pragma once

#include <string>

#include "cli/args.hpp"

namespace caunoi::cli {

// Prints "caunoi: MSG" on standard error; returns 1, the status of a failed command.
int Fail(const std::string& msg);

int Serve(const Args& a);
int Demo(const Args& a);
int Migrate(const Args& a);
int User(const Args& a);
int Import(const Args& a);
int Backup(const Args& a);
int MigrateData(const Args& a);
int Outbox(const Args& a);
int CitusSql(const Args& a);
int Routes(const Args& a);
int Alert(const Args& a);
int Weather(const Args& a);
int Indicators(const Args& a);  // indicators_cmd.cpp
int Audit(const Args& a);       // audit_cmd.cpp
int Retention(const Args& a);   // retention_cmd.cpp

}  // namespace caunoi::cli
