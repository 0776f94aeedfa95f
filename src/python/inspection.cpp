#include "python/inspection.hpp"

#include "python/facts_json.hpp"
#include "util/embedded_files.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/process.hpp"

#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

std::string inspection_script() {
    return std::string(embedded_file("inspect_interpreter.py"));
}

std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > 200) {
        line = line.substr(0, 200) + "...";
    }
    return line;
}

InterpreterFacts run_inspection(const fs::path& path, const std::string& script) {
    if (!is_executable_file(path)) {
        throw Error(fmt::format("{} is not an executable file", path.string()));
    }
    // -E: ignore PYTHON* variables; -S: skip site (faster, and nothing needs it).
    ProcessResult result = run_process(path, {"-E", "-S", "-c", script}, OutputHandling::Capture);
    if (result.exit_code != 0 || result.standard_output.empty()) {
        std::string detail =
            result.standard_error.empty()
                ? fmt::format("it exited with status {} and printed no facts", result.exit_code)
                : "it said: " + first_line(result.standard_error);
        throw Error(
            fmt::format("{} is not a usable Python interpreter ({})", path.string(), detail));
    }
    try {
        return facts_from_json(result.standard_output);
    } catch (const Error&) {
        throw Error(fmt::format("{} is not a Python interpreter (it printed: {})", path.string(),
                                first_line(result.standard_output)));
    }
}

} // namespace

InterpreterFacts interpreter_facts(const fs::path& path, const FactsCache& cache) {
    const std::string script = inspection_script();
    std::optional<FactsCacheKey> key = facts_cache_key(path, stable_digest(script));
    if (key) {
        if (std::optional<InterpreterFacts> cached = cache.load(*key)) {
            return *cached;
        }
    }
    InterpreterFacts facts = run_inspection(path, script);
    if (key && !facts.executable.empty()) {
        cache.store(*key, facts);
    }
    return facts;
}

void require_supported_interpreter(const InterpreterFacts& facts, const fs::path& path) {
    if (facts.major < 3 || (facts.major == 3 && facts.minor < 7)) {
        throw Error(fmt::format("{} is Python {}; cppvenv needs Python 3.7 or newer", path.string(),
                                facts.version_string()));
    }
    if (facts.executable.empty() || facts.scripts_dir.empty() || facts.purelib_dir.empty()) {
        throw Error(fmt::format("{} did not report where a venv's files go", path.string()));
    }
}

} // namespace cppvenv
