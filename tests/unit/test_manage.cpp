#include "activation/activation.hpp"
#include "catch_compat.hpp"
#include "cli/command.hpp"
#include "cli/completion_model.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/platform.hpp"
#include "venv/aside_folder.hpp"
#include "venv/remove.hpp"
#include "venv/run_in_venv.hpp"
#include "venv/venv_health.hpp"
#include "venv/venv_search.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

using cppvenv::testing::write_text;

TEST_CASE("run: the environment is the activated one, PYTHONHOME removed") {
    std::map<std::string, std::string> environment = {
        {"PATH", "/usr/bin:/bin"}, {"PYTHONHOME", "/x"}, {"HOME", "/root"}};
    auto activated = activated_environment(environment, "/w/env", "bin", "env");
    CHECK(activated["PATH"] == "/w/env/bin:/usr/bin:/bin");
    CHECK(activated["VIRTUAL_ENV"] == "/w/env");
    CHECK(activated["VIRTUAL_ENV_PROMPT"] == "env");
    CHECK(activated.count("PYTHONHOME") == 0);
    CHECK(activated["HOME"] == "/root");
    CHECK(activated_environment({}, "/e", "bin", "e")["PATH"] == "/e/bin");
}

TEST_CASE("run: a command name is looked up on the new PATH, a path is used as it is") {
    TemporaryDirectory dir;
    write_text(dir.path() / "bin/tool", "#!/bin/sh\n", 0755);
    write_text(dir.path() / "other/tool", "#!/bin/sh\n", 0755);
    write_text(dir.path() / "other/plain", "not executable\n", 0644);
    const std::string path = (dir.path() / "bin").string() + ":" + (dir.path() / "other").string();
    CHECK(find_program("tool", path) == dir.path() / "bin/tool");
    CHECK_FALSE(find_program("plain", path).has_value());
    CHECK_FALSE(find_program("missing", path).has_value());
    CHECK(find_program("./x/y", path) == fs::path("./x/y"));
}

TEST_CASE("run on Windows: Scripts first on Path with ';', names matched without case") {
    std::map<std::string, std::string> environment = {
        {"Path", "C:\\Windows;C:\\Tools"}, {"PythonHome", "C:\\x"}, {"virtual_env", "C:\\old"}};
    auto activated =
        activated_environment(environment, "C:\\w\\env", "Scripts", "env", Platform::Windows);
    CHECK(activated.count("PATH") == 0);
    CHECK(activated["Path"] ==
          (fs::path("C:\\w\\env") / "Scripts").string() + ";C:\\Windows;C:\\Tools");
    CHECK(activated.count("PythonHome") == 0);
    CHECK(activated.count("virtual_env") == 0);
    CHECK(activated["VIRTUAL_ENV"] == "C:\\w\\env");
    CHECK(activated["PROMPT"] == "(env) $P$G");
    environment["prompt"] = "$N$G";
    CHECK(activated_environment(environment, "C:\\e", "Scripts", "a$b", Platform::Windows)
              .at("prompt") == "(a$$b) $N$G");
    CHECK(activated_environment({}, "/e", "bin", "e").count("PROMPT") == 0);
}

TEST_CASE("run on Windows: PATH is split on ';' and a name means NAME.exe") {
    TemporaryDirectory dir;
    write_text(dir.path() / "a:b/pip", "not this one\n", 0755);
    write_text(dir.path() / "Scripts/pip.exe", "MZ", 0755);
    write_text(dir.path() / "Scripts/python", "no extension\n", 0755);
    const std::string path =
        (dir.path() / "a:b").string() + ";" + (dir.path() / "Scripts").string();
    CHECK(find_program("pip", path, Platform::Windows) == dir.path() / "Scripts/pip.exe");
    CHECK(find_program("pip.exe", path, Platform::Windows) == dir.path() / "Scripts/pip.exe");
    CHECK_FALSE(find_program("python", path, Platform::Windows).has_value());
    CHECK(find_program("C:python.exe", path, Platform::Windows) == fs::path("C:python.exe"));
    CHECK(find_program("py\\python.exe", path, Platform::Windows) == fs::path("py\\python.exe"));
    // The POSIX rules split the same text on ':' and find nothing.
    CHECK_FALSE(find_program("pip", path, Platform::Posix).has_value());
}

TEST_CASE("check: shebangs naming a python are read, trampolines and env are not") {
    CHECK(shebang_interpreter("#!/w/env/bin/python") == "/w/env/bin/python");
    CHECK(shebang_interpreter("#!/w/env/bin/python3.12 -E\r") == "/w/env/bin/python3.12");
    CHECK(shebang_interpreter("#!/w/env/bin/pypy3") == "/w/env/bin/pypy3");
    CHECK(shebang_interpreter("#!/bin/sh").empty());
    CHECK(shebang_interpreter("#!/usr/bin/env python3").empty());
    CHECK(shebang_interpreter("import sys").empty());
}

TEST_CASE("check: a folder without pyvenv.cfg is one problem, with a fix") {
    TemporaryDirectory dir;
    auto problems = check_venv_health(dir.path(), "my env", HealthDepth::Fast,
                                      FactsCache(dir.path() / "cache"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].fix == "create one: cppvenv create 'my env'");
}

TEST_CASE("check: a base interpreter that is gone is reported with a recreate fix") {
    TemporaryDirectory dir;
    const fs::path venv = dir.path() / "env";
    write_text(venv / "pyvenv.cfg", "home = /nonexistent/bin\nversion = 3.12.1\n");
    fs::create_directories(venv / "bin");
    fs::create_symlink("/nonexistent/bin/python3.12", venv / "bin/python");
    auto problems =
        check_venv_health(venv, "env", HealthDepth::Full, FactsCache(dir.path() / "cache"));
    REQUIRE(problems.size() == 1); // one fix, printed once
    CHECK(problems[0].problem.find("/nonexistent/bin/python3.12 is gone") != std::string::npos);
    CHECK(problems[0].fix.find("cppvenv create --clear -p 3.12 env") != std::string::npos);
    CHECK(problems[0].problem.find("bin/python is a broken link") != std::string::npos);
}

TEST_CASE("list: venvs are found to the given depth, never inside a venv or node_modules") {
    TemporaryDirectory root;
    write_text(root.path() / "a/.venv/pyvenv.cfg", "home = /x\n");
    write_text(root.path() / "a/.venv/inner/pyvenv.cfg", "home = /x\n");
    write_text(root.path() / "b/c/d/env/pyvenv.cfg", "home = /x\n");
    write_text(root.path() / "node_modules/env/pyvenv.cfg", "home = /x\n");
    fs::create_directory_symlink(root.path() / "a", root.path() / "link");
    auto found = find_venvs(root.path(), 2);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == root.path() / "a/.venv");
    CHECK(find_venvs(root.path(), 4).size() == 2);
    CHECK(find_venvs(root.path() / "a/.venv", 0).size() == 1);
}

TEST_CASE("remove: only venvs are removed, and nothing is left beside them") {
    TemporaryDirectory root;
    write_text(root.path() / "env/pyvenv.cfg", "home = /x\n");
    write_text(root.path() / "env/lib/file", "x");
    write_text(root.path() / "mine/file", "x");
    CHECK_THROWS_AS(remove_venv(root.path() / "mine"), Error);
    CHECK(fs::exists(root.path() / "mine/file"));
    CHECK_THROWS_AS(remove_venv(root.path() / "missing"), Error);
    fs::create_directory_symlink(root.path() / "env", root.path() / "link");
    CHECK_THROWS_AS(remove_venv(root.path() / "link"), Error);
    remove_venv(root.path() / "env");
    CHECK_FALSE(fs::exists(root.path() / "env"));
    fs::remove(root.path() / "link");
    CHECK(std::distance(fs::directory_iterator(root.path()), fs::directory_iterator()) == 1);
    CHECK(aside_name("env", AsideKind::Removing, 42, 0xbeef) ==
          ".env.cppvenv-removing-42-0000beef");
    const std::string long_name(240, 'n');
    CHECK(aside_name(long_name, AsideKind::Staging, 4194304, 0xffffffff).size() < 255);
}

TEST_CASE("completion: every subcommand and option of the CLI is in every script") {
    CLI::App app;
    GlobalOptions options;
    std::vector<Command> commands = build_command_line(app, options);
    std::vector<CompletionCommand> model = completion_model(app);
    const std::string scripts[] = {bash_completion_script(model), zsh_completion_script(model),
                                   fish_completion_script(model)};
    for (const std::string& script : scripts) {
        const bool fish = &script == &scripts[2];
        for (const char* word :
             {"create", "info", "list", "check", "run", "remove", "python", "completion"}) {
            INFO(word);
            CHECK(script.find(word) != std::string::npos);
        }
        for (const std::string name :
             {"python", "json", "fast", "depth", "without-pip", "verbose"}) {
            const std::string spelled = fish ? "-l " + name : "--" + name;
            INFO(spelled);
            CHECK(script.find(spelled) != std::string::npos);
        }
    }
    // Only options that take a value swallow the next word.
    CHECK(scripts[0].find(
              "--depth|--link-mode|--pip|--prompt|--python|--seed-from|--setuptools|--wheel|-p)") !=
          std::string::npos);
    auto run = std::find_if(model.begin(), model.end(), [](const CompletionCommand& command) {
        return command.path == std::vector<std::string>{"run"};
    });
    REQUIRE(run != model.end());
    CHECK(run->arguments == ArgumentKind::Command);
}

TEST_CASE("completion: what each option's value offers comes from the command line's own "
          "knowledge") {
    CLI::App app;
    GlobalOptions options;
    std::vector<Command> commands = build_command_line(app, options);
    const std::vector<CompletionCommand> model = completion_model(app);
    const auto option_of = [&](const std::vector<std::string>& path, const std::string& name) {
        for (const CompletionCommand& command : model) {
            for (const CompletionOption& option : command.options) {
                if (command.path == path && option.names.back() == name) {
                    return option;
                }
            }
        }
        FAIL("no " << name);
        return CompletionOption();
    };
    const CompletionOption link_mode = option_of({"create"}, "--link-mode");
    CHECK(link_mode.value_kind == ValueKind::Words);
    CHECK(link_mode.value_words ==
          std::vector<std::string>{"clone", "copy", "hardlink", "symlink"});
    CHECK(option_of({}, "--color").value_words ==
          std::vector<std::string>{"auto", "always", "never"});
    CHECK(option_of({"create"}, "--seed-from").value_kind == ValueKind::Directories);
    CHECK(option_of({"create"}, "--pip").value_words == std::vector<std::string>{"bundle", "none"});
    CHECK(option_of({"create"}, "--activators").value_kind == ValueKind::WordList);
    CHECK(option_of({"create"}, "--activators").value_words == activator_names());
    CHECK(option_of({"create"}, "--python").value_kind == ValueKind::Files);
    CHECK(option_of({"create"}, "--prompt").value_kind == ValueKind::Anything);
    CHECK(option_of({"list"}, "--depth").value_kind == ValueKind::Anything);
    CHECK(option_of({"create"}, "--seed-from").repeatable);
    CHECK_FALSE(option_of({"create"}, "--link-mode").repeatable);
    CHECK_FALSE(option_of({"create"}, "--python").repeatable);
    // Every script offers the modes, and no longer files, after --link-mode.
    CHECK(bash_completion_script(model).find("compgen -W 'clone copy hardlink symlink'") !=
          std::string::npos);
    CHECK(zsh_completion_script(model).find(":value:(clone copy hardlink symlink)'") !=
          std::string::npos);
    CHECK(fish_completion_script(model).find("-l link-mode -x -a 'clone copy hardlink symlink'") !=
          std::string::npos);
}

TEST_CASE("the command line: parse errors are CLI11's, subcommands are found by name") {
    CLI::App app;
    GlobalOptions options;
    std::vector<Command> commands = build_command_line(app, options);
    const char* argv[] = {"cppvenv", "-q", "python", "list", "--json"};
    app.parse(5, const_cast<char**>(argv));
    const Command* parsed = parsed_command(commands);
    REQUIRE(parsed != nullptr);
    CHECK(parsed->app->get_name() == "list");
    CHECK(parsed->app->get_parent()->get_name() == "python");
    CHECK(options.quiet);
    CLI::App other;
    build_command_line(other, options);
    const char* bad[] = {"cppvenv", "info", "--no-such-option", "x"};
    CHECK_THROWS_AS(other.parse(4, const_cast<char**>(bad)), CLI::ParseError);
}

TEST_CASE("run: the `--` after ENV_DIR is dropped, everything else is kept as given") {
    auto prepared = [](std::vector<const char*> argv) {
        argv.insert(argv.begin(), "cppvenv");
        return prepare_arguments(static_cast<int>(argv.size()), argv.data());
    };
    using Words = std::vector<std::string>;
    CHECK(prepared({"-v", "run", "env", "--", "python", "--", "-c"}) ==
          Words{"-v", "run", "env", "python", "--", "-c"});
    CHECK(prepared({"run", "env", "python", "--"}) == Words{"run", "env", "python", "--"});
    CHECK(prepared({"create", "env", "--", "x"}) == Words{"create", "env", "--", "x"});
    CHECK(prepared({"run", "--", "env"}) == Words{"run", "--", "env"});
    CHECK(prepared({"run", "-v", "-h", "--quiet", "env", "-v"}) ==
          Words{"-v", "--quiet", "run", "-h", "env", "-v"});
}

TEST_CASE("a process id in a leftover's name is 1 to 9 digits, never an exception") {
    CHECK(platform::parse_process_id("12345") == 12345L);
    CHECK_FALSE(platform::parse_process_id(""));
    CHECK_FALSE(platform::parse_process_id("99999999999999999999")); // std::stol threw here
    CHECK_FALSE(platform::parse_process_id("-1"));                   // kill(-1, 0): every process
    CHECK_FALSE(platform::parse_process_id("12x"));                  // std::stol read 12
    CHECK_FALSE(platform::parse_process_id(" 12"));
}
