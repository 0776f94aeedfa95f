// How pip arrives in a new venv, top to bottom (see pip_arrival.hpp).
#include "venv/pip_arrival.hpp"

#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

SeedLayout seed_layout_for(const Plan& plan, const InterpreterFacts& facts,
                           const fs::path& build_root, WriteMode mode) {
    SeedLayout layout;
    layout.build_root = build_root;
    layout.final_root = plan.env_dir.str();
    layout.scripts_dir = plan.bin_dir;
    layout.purelib_dir = facts.purelib_dir;
    layout.platlib_dir = facts.platlib_dir.empty() ? facts.purelib_dir : facts.platlib_dir;
    layout.headers_dir = fmt::format("include/site/python{}", facts.short_version());
    layout.python_in_venv = plan.python_in_venv;
    layout.python_major = facts.major;
    layout.python_minor = facts.minor;
    layout.write_mode = mode;
    return layout;
}

} // namespace cppvenv
