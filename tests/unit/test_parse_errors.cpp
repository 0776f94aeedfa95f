// The command line's errors: cppvenv's voice, with the command the user likely meant.
#include "catch_compat.hpp"
#include "cli/command.hpp"
#include "cli/parse_errors.hpp"
#include "util/word_suggestions.hpp"

#include <CLI/CLI.hpp>

using namespace cppvenv;

namespace {

// What cppvenv says for `cppvenv WORDS...` (usage line, if any, then the error).
std::string refusal(const std::vector<std::string>& arguments) {
    CLI::App app;
    GlobalOptions options;
    build_command_line(app, options);
    try {
        std::vector<std::string> last_first(arguments.rbegin(), arguments.rend());
        app.parse(last_first);
    } catch (const CLI::ParseError& error) {
        const ParseFailure failure = describe_parse_error(app, arguments, error);
        return failure.usage.empty() ? failure.message : failure.usage + "\n" + failure.message;
    }
    return "(accepted)";
}

} // namespace

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
    CHECK(edit_distance("clera", "clear") == 1);
    CHECK(edit_distance("crate", "create") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("a suggestion is only made for a close word") {
    const std::vector<std::string> commands = {"create", "info", "list", "check", "remove"};
    CHECK(closest_word("crate", commands) == std::optional<std::string>("create"));
    CHECK(closest_word("lst", commands) == std::optional<std::string>("list"));
    CHECK(closest_word("myenv", commands) == std::nullopt);
    CHECK(closest_word("x", commands) == std::nullopt);
    CHECK(closest_word("--sytem-site-packages", {"--system-site-packages", "--symlinks"}) ==
          std::optional<std::string>("--system-site-packages"));
}

TEST_CASE("an unknown command gets the likely command line") {
    CHECK(refusal({"myenv"}) == "unknown command 'myenv'; did you mean: cppvenv create myenv");
    CHECK(refusal({"crate", "x"}) == "unknown command 'crate'; did you mean: cppvenv create x");
    CHECK(refusal({"venv", "x"}) == "unknown command 'venv'; did you mean: cppvenv create x");
    CHECK(refusal({"-m", "venv", "x"}) ==
          "unknown option '-m' (cppvenv is not Python); did you mean: cppvenv create x");
    CHECK(refusal({"-v", "python", "lsit"}) ==
          "unknown command 'lsit' for cppvenv python; did you mean: cppvenv -v python list");
    CHECK(refusal({"frobnicate"}) ==
          "unknown command 'frobnicate'; the commands are create, info, list, check, run, shell, "
          "remove, python, completion, config, move, cache (see `cppvenv --help`)");
    CHECK(refusal({"my env"}) == "unknown command 'my env'; did you mean: cppvenv create 'my env'");
}

TEST_CASE("an unknown option gets the likely option") {
    CHECK(refusal({"create", "--clera", "x"}) ==
          "unknown option '--clera' for cppvenv create; did you mean: cppvenv create --clear x");
    CHECK(refusal({"create", "--sytem-site-packages", "x"}) ==
          "unknown option '--sytem-site-packages' for cppvenv create; did you mean: cppvenv "
          "create --system-site-packages x");
    CHECK(refusal({"create", "--promt=p", "x"}) ==
          "unknown option '--promt' for cppvenv create; did you mean: cppvenv create --prompt=p x");
    CHECK(refusal({"-p", "3.12", "x"}) ==
          "unknown option '-p' for cppvenv; did you mean: cppvenv create -p 3.12 x");
    CHECK(refusal({"-p", "3.12", "create", "x"}) ==
          "unknown option '-p' for cppvenv; did you mean: cppvenv create -p 3.12 x");
    CHECK(refusal({"--clear", "create", "x"}) ==
          "unknown option '--clear' for cppvenv; did you mean: cppvenv create --clear x");
    CHECK(refusal({"--json", "-v", "info", "x"}) ==
          "unknown option '--json' for cppvenv; did you mean: cppvenv -v info --json x");
    CHECK(refusal({"create", "-Z", "x"}) ==
          "unknown option '-Z' for cppvenv create (see `cppvenv create --help`)");
    CHECK(refusal({"create", "--never-download", "x"}) ==
          "--never-download is not a cppvenv option: cppvenv never downloads while creating (drop "
          "the flag)");
    CHECK(refusal({"create", "--always-copy", "x"}) == "(accepted)"); // an alias of --copies
}

TEST_CASE("CLI11's own errors are reworded, lowercase, once") {
    CHECK(refusal({}) == "usage: cppvenv [-v | -q] COMMAND [ARGS]...\n"
                         "commands: create, info, list, check, run, shell, remove, python, "
                         "completion, config, move, cache\n"
                         "a command is required (try: cppvenv create .venv)");
    CHECK(refusal({"python"}) == "cppvenv python needs a command: list");
    CHECK(refusal({"info"}) == "cppvenv info needs ENV_DIR (see `cppvenv info --help`)");
    CHECK(refusal({"info", "a", "b"}) ==
          "unexpected argument b for cppvenv info (see `cppvenv info --help`)");
    CHECK(refusal({"create", "--prompt"}) == "--prompt needs a value");
    CHECK(refusal({"create", "--clear", "--upgrade", "x"}) ==
          "--clear and --upgrade cannot be used together");
    CHECK(refusal({"list", "--depth", "99"}) == "--depth: '99' is not a number from 0 to 64");
    CHECK(refusal({"completion", "tcsh"}) == "SHELL: 'tcsh' is not one of bash, zsh, fish");
}
