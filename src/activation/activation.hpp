#pragma once
// Rendering every shell's activation script as plain {name, contents, mode} values.

#include "util/target_path.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// Whether the scripts find the venv from their own location (--relocatable) where
// the shell can tell it, or always use the path the venv was created at.
enum class Relocatable { No, Yes };

// The values every activation script needs. They are inserted into the
// templates already quoted for each shell by that shell's quoting function.
struct ActivationValues {
    TargetPath env_dir;  // absolute, final path of the venv
    std::string bin_dir; // "bin" or "Scripts"
    std::string prompt;  // shown as "(prompt) "
    Relocatable relocatable = Relocatable::No;
    // virtualenv's names of the scripts to write (--activators); nothing: all.
    std::optional<std::vector<std::string>> activators = std::nullopt;
};

// One rendered script: a plain value the plan wraps into its own entry.
struct ActivationScript {
    std::string relative_path; // below the venv root, '/'-separated: "bin/activate"
    std::string contents;
    unsigned mode = 0644;
};

// Renders every activation script for the platform of `values.env_dir`. Throws
// Error when a value cannot be held safely by some shell (a newline for csh, a
// NUL anywhere).
std::vector<ActivationScript> render_activation_scripts(const ActivationValues& values);

// virtualenv's names for the scripts, as --activators takes them: bash (the
// POSIX sh `activate`), fish, cshell, nushell, xonsh, powershell, batch
// (Windows only) and python (activate_this.py).
std::vector<std::string> activator_names();

// Throws UsageError naming the first of `activators` that is not one of
// activator_names(), with the known ones.
void check_activator_names(const std::vector<std::string>& activators);

// The names of the scripts render_activation_scripts() writes for `platform`.
std::vector<std::string> activation_script_names(Platform platform);

} // namespace cppvenv
