// Compiling a compiled tree's bytecode with the venv's Python.
#include "seed/bytecode_compiling.hpp"

#include "python/python_child.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

#include <chrono>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// Every optimization level, so neither `python -O` nor `python -OO` finds a
// module without its bytecode (as root, where read-only does not stop it, it
// would write it into the cache). All cores (workers=0); compile_dir has taken
// these arguments since Python 3.5. Nothing but the tree is read or run.
constexpr const char* compile_script = R"(import compileall, os, sys
top = sys.argv[1]
ok = True
for level in (0, 1, 2):
    ok = compileall.compile_dir(top, maxlevels=64, quiet=1, optimize=level, workers=0) and ok
for folder, _, names in os.walk(top):
    if os.path.basename(folder) == "__pycache__":
        for name in names:
            os.chmod(os.path.join(folder, name), 0o444)
sys.exit(0 if ok else 1)
)";

bool is_tag_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

} // namespace

std::optional<std::string> bytecode_tag(const std::string& implementation, int major, int minor) {
    if (implementation.empty() || major < 0 || minor < 0) {
        return std::nullopt;
    }
    for (const char c : implementation) {
        if (!is_tag_character(c)) {
            return std::nullopt;
        }
    }
    return fmt::format("{}-{}.{}", implementation, major, minor);
}

void compile_bytecode(const fs::path& python, const fs::path& folder) {
    const ProcessResult result =
        run_process(python, {isolated_flag, "-c", compile_script, folder.string()},
                    python_child_options(folder.parent_path(), OutputHandling::Capture,
                                         std::chrono::minutes(10)));
    if (result.exit_code != 0) {
        std::string said =
            result.standard_error.empty() ? result.standard_output : result.standard_error;
        while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) {
            said.pop_back();
        }
        throw Error(fmt::format("{} could not compile the bytecode in {} (exit code {}){}{}",
                                python.string(), folder.string(), result.exit_code,
                                said.empty() ? "" : ": ", said));
    }
}

} // namespace cppvenv
