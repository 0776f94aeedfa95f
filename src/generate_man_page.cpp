// Prints cppvenv.1 (roff) for the CLI that cppvenv itself builds; run by the
// build (see CMakeLists.txt), so the page follows every change to --help.
#include "cli/command.hpp"
#include "cli/man_page.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

int main() {
    CLI::App app("", "cppvenv");
    cppvenv::GlobalOptions options;
    cppvenv::build_command_line(app, options);
    const std::string page = cppvenv::man_page(app);
    return std::fwrite(page.data(), 1, page.size(), stdout) == page.size() ? 0 : 1;
}
