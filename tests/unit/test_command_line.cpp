// Building one subcommand alone: chosen only when it parses as the whole tree does.
#include "catch_compat.hpp"
#include "cli/command.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

using namespace cppvenv;

namespace {

std::string alone(const std::vector<std::string>& arguments) {
    const char* name = subcommand_to_build_alone(arguments);
    return name == nullptr ? "(whole tree)" : name;
}

void parse(CLI::App& app, const std::vector<std::string>& arguments) {
    std::vector<std::string> last_first(arguments.rbegin(), arguments.rend());
    app.parse(last_first);
}

// "python list": the words that reach the innermost parsed command.
std::string command_path(const Command* command) {
    std::string path;
    for (const CLI::App* app = command->app; app->get_parent() != nullptr;
         app = app->get_parent()) {
        path = app->get_name() + (path.empty() ? "" : " " + path);
    }
    return path;
}

// Every (sub)subcommand's help, as `cppvenv ... --help` prints it.
void collect_help(const CLI::App* app, std::vector<std::string>& helps) {
    helps.push_back(app->help());
    for (const CLI::App* sub : app->get_subcommands({})) {
        collect_help(sub, helps);
    }
}

} // namespace

TEST_CASE("command line: a subcommand is built alone only after cppvenv's own options") {
    CHECK(alone({"create", ".venv"}) == "create");
    CHECK(alone({"-v", "-q", "-vv", "--verbose", "--quiet", "info", "x"}) == "info");
    CHECK(alone({"--color", "never", "list"}) == "list");
    CHECK(alone({"--color=never", "cache", "dir"}) == "cache");
    CHECK(alone({"rm", "x"}) == "remove");
    // --color takes the next word as its value, whatever it is.
    CHECK(alone({"--color", "create", "x"}) == "(whole tree)");
    CHECK(alone({"--color"}) == "(whole tree)");
    CHECK(alone({}) == "(whole tree)");
    CHECK(alone({"-v"}) == "(whole tree)");
    CHECK(alone({"--help", "create"}) == "(whole tree)");
    CHECK(alone({"--version"}) == "(whole tree)");
    CHECK(alone({"-p", "3.12", "create"}) == "(whole tree)");
    CHECK(alone({"--", "create"}) == "(whole tree)");
    CHECK(alone({"crate", "x"}) == "(whole tree)");
    CHECK(alone({"completion", "bash"}) == "(whole tree)");
    // Help is the whole tree's, wherever it is asked for.
    CHECK(alone({"create", "--help"}) == "(whole tree)");
    CHECK(alone({"cache", "info", "-h"}) == "(whole tree)");
}

TEST_CASE("command line: each subcommand built alone has the whole tree's options and help") {
    CLI::App whole;
    GlobalOptions whole_options;
    build_command_line(whole, whole_options);
    for (const CLI::App* sub : whole.get_subcommands({})) {
        std::vector<std::string> names = sub->get_aliases();
        names.insert(names.begin(), sub->get_name());
        for (const std::string& name : names) {
            INFO(name);
            const char* built = subcommand_to_build_alone({name});
            if (name == "completion") {
                CHECK(built == nullptr);
                continue;
            }
            REQUIRE(built != nullptr);
            CLI::App app;
            GlobalOptions options;
            build_command_line_for(app, options, built);
            REQUIRE(app.get_subcommands({}).size() == 1);
            std::vector<std::string> expected;
            std::vector<std::string> actual;
            collect_help(sub, expected);
            collect_help(app.get_subcommands({}).front(), actual);
            CHECK(actual == expected);
            CHECK(app.get_options({}).size() == whole.get_options({}).size());
        }
    }
}

TEST_CASE("command line: a subcommand alone parses as the whole tree does") {
    const std::vector<std::vector<std::string>> command_lines = {
        {"create"},
        {"-q", "create", "-p", "3.12", "--clear", "a", "b", "-v"},
        {"create", "--color", "never", "--", "--odd-name"},
        {"--color=always", "info", "--json", "x"},
        {"list", "--depth", "3", "."},
        {"check", "--fast", "x"},
        {"run", "x", "python", "-c", "pass", "-v"},
        {"-v", "rm", "a", "b"},
        {"python", "list", "--json"},
        {"cache", "info", "--json", "-q"},
        {"config", "show"},
        {"move", "a", "b"},
    };
    for (const std::vector<std::string>& arguments : command_lines) {
        INFO(arguments.front() + " " + arguments.back());
        const char* built = subcommand_to_build_alone(arguments);
        REQUIRE(built != nullptr);
        CLI::App whole;
        GlobalOptions whole_options;
        const std::vector<Command> whole_commands = build_command_line(whole, whole_options);
        parse(whole, arguments);
        CLI::App app;
        GlobalOptions options;
        const std::vector<Command> commands = build_command_line_for(app, options, built);
        parse(app, arguments);
        REQUIRE(parsed_command(commands) != nullptr);
        CHECK(command_path(parsed_command(commands)) ==
              command_path(parsed_command(whole_commands)));
        CHECK(parsed_command(commands)->app->remaining() ==
              parsed_command(whole_commands)->app->remaining());
        CHECK(options.verbose == whole_options.verbose);
        CHECK(options.quiet == whole_options.quiet);
        CHECK(options.color == whole_options.color);
    }
}
