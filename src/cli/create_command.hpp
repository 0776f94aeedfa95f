#pragma once
// The `create` subcommand's options and runner.

#include "venv/create_options.hpp"

#include <CLI/App.hpp>

namespace cppvenv {

// Adds `create` to `app`; the options land in `options`, and the command runs
// when main() sees the subcommand parsed.
CLI::App* add_create_command(CLI::App& app, CreateOptions& options);

// No ENV_DIR means `.venv`, as `uv venv` does.
void default_env_dir(CreateOptions& options);

// Checks combinations CLI11 cannot express; throws UsageError.
void validate_create_options(const CreateOptions& options);

} // namespace cppvenv
