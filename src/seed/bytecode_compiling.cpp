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
// module without its bytecode. Unchecked hash-based .pyc files (Python 3.7 and
// later): Python never compares them with the sources, which never change, so
// it never rewrites them, whatever the files' times or SOURCE_DATE_EPOCH. The
// .pyc files name the sources where the tree will be (argv[2]), not the
// staging folder. All cores (workers=0: compile_dir has taken it since 3.5).
// `python -I` still runs the interpreter's own site module, nothing of the user's.
constexpr const char* compile_script = R"(import compileall, os, py_compile, sys
top, final = sys.argv[1], sys.argv[2]
options = {}
if hasattr(py_compile, "PycInvalidationMode"):
    options["invalidation_mode"] = py_compile.PycInvalidationMode.UNCHECKED_HASH
ok = True
for level in (0, 1, 2):
    ok = compileall.compile_dir(top, maxlevels=64, ddir=final, quiet=1, optimize=level,
                                workers=0, **options) and ok
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

void compile_bytecode(const fs::path& python, const fs::path& folder,
                      const fs::path& final_folder) {
    const ProcessResult result = run_process(
        python, {isolated_flag, "-c", compile_script, folder.string(), final_folder.string()},
        python_child_options(folder.parent_path(), OutputHandling::Capture,
                             std::chrono::minutes(10)));
    if (result.exit_code != 0) {
        // compileall names what it could not compile on stdout; Python's own
        // errors go to stderr.
        std::string said = result.standard_output + result.standard_error;
        while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) {
            said.pop_back();
        }
        throw Error(fmt::format("{} could not compile the bytecode in {} (exit code {}){}{}",
                                python.string(), folder.string(), result.exit_code,
                                said.empty() ? "" : ": ", said));
    }
}

} // namespace cppvenv
