#include "cli/create_command.hpp"
#include "util/error.hpp"
#include "util/output.hpp"
#include "venv/create.hpp"

#include <CLI/CLI.hpp>
#include <exception>

int main(int argc, char** argv) {
    using namespace cppvenv;
    CLI::App app("cppvenv: create Python virtual environments, fast.", "cppvenv");
    app.set_version_flag("--version", std::string("cppvenv ") + CPPVENV_VERSION);
    app.require_subcommand(1);
    app.fallthrough(); // -v and -q also work after the subcommand
    int verbose = 0;
    bool quiet = false;
    app.add_flag("-v,--verbose", verbose, "Explain each step on stderr.");
    app.add_flag("-q,--quiet", quiet, "Print nothing but errors.");
    CreateOptions create_options;
    CLI::App* create = add_create_command(app, create_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        print_error(error.what());
        return 2; // as argparse does
    }

    set_verbosity(quiet ? -1 : verbose);
    try {
        if (create->parsed()) {
            validate_create_options(create_options);
            create_venvs(create_options);
        }
    } catch (const UsageError& error) {
        print_error(error.what());
        return 2;
    } catch (const Error& error) {
        print_error(error.what());
        return 1;
    } catch (const std::exception& error) {
        print_error(std::string("unexpected failure: ") + error.what());
        return 1;
    }
    return 0;
}
