// The command table of `caunoi`: every subcommand's name, its line in the usage, its help and the
// function that runs it. The usage's command list is made from the table, and dispatch is one
// look-up in it.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"

namespace caunoi::cli {

struct Command {
    std::string_view name;     // the word after `caunoi`
    std::string_view words;    // what follows the name in the usage's command list ("" for nothing)
    std::string_view summary;  // one line, in the usage's command list
    std::string_view help;     // printed by `caunoi NAME --help`
    int (*run)(const Args&);   // prints on standard output and error; returns the exit status
};

// Every command, in the order the usage lists them.
std::span<const Command> Commands();

// The command called `name`, or nullptr.
const Command* FindCommand(std::string_view name);

// The text of `caunoi --help`.
std::string Usage();

// Runs the command line `words` (without the program name) and returns the exit status. The
// usage, a command's help and the errors of the dispatch itself (an unknown command, an exception
// out of a command) go to `out` and `err`; the command itself prints on std::cout and std::cerr.
int Run(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);

}  // namespace caunoi::cli
