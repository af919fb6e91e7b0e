// caunoi: the one binary. Its subcommands (serve, demo, migrate, user, import, backup,
// migrate-data, outbox, citus-sql, routes) are the table of cli/table.cpp.
#include <iostream>
#include <string>
#include <vector>

#include "cli/table.hpp"
#include "core/crypto.hpp"

int main(int argc, char** argv) {
    caunoi::crypto::InitCrypto();
    return caunoi::cli::Run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
