// Runs an interpreter once with inspect_interpreter.py to learn its facts.
#include "python/inspection.hpp"

#include "python/facts_json.hpp"
#include "python/facts_validation.hpp"
#include "python/python_child.hpp"
#include "util/embedded_files.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"

#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

std::string inspection_script() {
    return std::string(embedded_file("inspect_interpreter.py"));
}

// -I: nothing from the current folder, PYTHONPATH or user site-packages can
// stand in for sysconfig or ensurepip; -S: no site (faster; nothing needs it).
const std::vector<std::string> inspection_flags = {isolated_flag, "-S", "-c"};

// Names the script and how it runs, so cached facts die with either.
std::string inspection_digest(const std::string& script) {
    std::string identity = script;
    for (const std::string& flag : inspection_flags) {
        identity += '\0' + flag;
    }
    return stable_digest(identity);
}

std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > 200) {
        line = line.substr(0, 200) + "...";
    }
    return line;
}

bool has_full_facts(const InterpreterFacts& facts) {
    return facts.major > 3 || (facts.major == 3 && facts.minor >= 7);
}

InterpreterFacts run_inspection(const fs::path& path, const std::string& script) {
    if (!is_executable_file(path)) {
        throw Error(fmt::format("{} is not an executable file", path.string()));
    }
    print_verbose(fmt::format("inspecting {}", path.string()));
    std::vector<std::string> arguments = inspection_flags;
    arguments.push_back(script);
    // From the user's folder, as a version manager's shim must see it to pick
    // the interpreter that folder asks for; -I keeps the folder off sys.path.
    ProcessResult result = run_process(
        path, arguments,
        python_child_options(fs::current_path(), OutputHandling::Capture, inspection_timeout()));
    if (result.exit_code != 0 && result.standard_error.rfind("Unknown option: -I", 0) == 0) {
        // Python 2 has no -I: ask it only for its version (to refuse it by
        // name), from its own folder so that nothing of the user's is imported.
        arguments = {"-E", "-s", "-S", "-c", script};
        result = run_process(path, arguments,
                             python_child_options(path.parent_path(), OutputHandling::Capture,
                                                  inspection_timeout()));
    }
    if (result.exit_code != 0 || result.standard_output.empty()) {
        std::string detail =
            result.standard_error.empty()
                ? fmt::format("it exited with status {} and printed no facts", result.exit_code)
                : "it said: " + first_line(result.standard_error);
        throw Error(
            fmt::format("{} is not a usable Python interpreter ({})", path.string(), detail));
    }
    InterpreterFacts facts;
    try {
        facts = facts_from_json(result.standard_output);
    } catch (const Error&) {
        throw Error(fmt::format("{} is not a Python interpreter (it printed: {})", path.string(),
                                first_line(result.standard_output)));
    }
    if (has_full_facts(facts)) {
        if (std::optional<std::string> problem = unsafe_fact(facts)) {
            throw Error(fmt::format("{} reported a layout cppvenv will not use: {}", path.string(),
                                    *problem));
        }
    }
    return facts;
}

// Whether the file at `path` is itself the interpreter that ran, rather than a
// shim or wrapper that started another one (pyenv, asdf, mise, a script that
// execs the Python the current folder names): only then may its facts be
// cached under its identity, since a wrapper may run another Python next time.
bool ran_itself(const fs::path& path, const InterpreterFacts& facts) {
    boost::system::error_code error;
    const fs::path real = fs::canonical(path, error);
    return !error && !facts.real_executable.empty() && real.string() == facts.real_executable;
}

std::optional<FactsCacheKey> cache_key(const fs::path& path, const std::string& script) {
    return facts_cache_key(path, inspection_digest(script));
}

} // namespace

std::optional<FactsCacheKey> inspection_cache_key(const fs::path& path) {
    return cache_key(path, inspection_script());
}

std::optional<InterpreterFacts> cached_interpreter_facts(const fs::path& path,
                                                         const FactsCache& cache) {
    std::optional<FactsCacheKey> key = cache_key(path, inspection_script());
    if (!key) {
        return std::nullopt;
    }
    std::optional<InterpreterFacts> cached = cache.load(*key);
    // A cache file is as untrusted as any file: checked like fresh facts.
    if (!cached || !has_full_facts(*cached) || unsafe_fact(*cached) || !ran_itself(path, *cached)) {
        return std::nullopt;
    }
    return cached;
}

InterpreterFacts interpreter_facts(const fs::path& path, const FactsCache& cache,
                                   FactsSource source) {
    if (source == FactsSource::CacheOrRun) {
        if (std::optional<InterpreterFacts> cached = cached_interpreter_facts(path, cache)) {
            return *cached;
        }
    }
    const std::string script = inspection_script();
    InterpreterFacts facts = run_inspection(path, script);
    if (has_full_facts(facts) && ran_itself(path, facts)) {
        if (std::optional<FactsCacheKey> key = cache_key(path, script)) {
            cache.store(*key, facts);
        }
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
