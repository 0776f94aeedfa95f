// `check`: everything wrong with a venv, each with its fix.
#include "venv/venv_health.hpp"

#include "python/inspection.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"
#include "util/posix_sh_quoting.hpp"
#include "util/process.hpp"
#include "util/text.hpp"
#include "util/windows_command_line.hpp"
#include "venv/recorded_paths.hpp"
#include "venv/target_state.hpp"
#include "venv/venv_info.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <fstream>
#include <optional>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// A word of a command shown to the user, for the shell of this system.
std::string shown_word(std::string_view text) {
    return host_platform() == Platform::Windows ? cmd_word(text) : posix_sh_word(text);
}

// Enough of a script to read a /bin/sh trampoline's first three lines.
constexpr std::size_t launcher_head_limit = 4096;

// The python a script starts by absolute path: its shebang's, or the one a
// /bin/sh trampoline execs (pip and cppvenv write one where the path holds a
// space or is too long for the kernel); "" for anything else.
std::string launcher_interpreter(const std::string& head) {
    const std::string interpreter = shebang_interpreter(head.substr(0, head.find('\n')));
    if (!interpreter.empty()) {
        return interpreter;
    }
    const std::optional<LauncherStart> start = read_launcher_start(head);
    const std::string name = start ? fs::path(start->python).filename().string() : "";
    return name.rfind("python", 0) == 0 || name.rfind("pypy", 0) == 0 ? start->python : "";
}

std::string short_version(const std::string& version) {
    std::string::size_type second_dot = version.find('.', version.find('.') + 1);
    return version.substr(0, second_dot);
}

struct Checker {
    const fs::path& venv;
    std::string name; // as a shell word, for the fixes
    const FactsCache& cache;
    std::vector<HealthProblem> problems;

    // Each fix is printed once: problems with the same fix become one.
    void add(std::string problem, std::string fix) {
        for (HealthProblem& known : problems) {
            if (known.fix == fix) {
                known.problem += "; " + problem;
                return;
            }
        }
        problems.push_back({std::move(problem), std::move(fix)});
    }

    // Whether `interpreter` (from a shebang) is a python of this venv itself.
    bool is_own(const fs::path& interpreter) const {
        return absolute_path(interpreter).parent_path().parent_path() == absolute_path(venv);
    }

    // The other venv `interpreter` belongs to, when it is another existing venv.
    fs::path other_venv_of(const fs::path& interpreter) const {
        const fs::path owner = absolute_path(interpreter).parent_path().parent_path();
        boost::system::error_code error;
        if (is_own(interpreter) || !fs::exists(owner / "pyvenv.cfg", error) ||
            fs::equivalent(owner, venv, error)) {
            return {};
        }
        return owner;
    }

    // The venv path bin/activate sets VIRTUAL_ENV to, when that is another venv.
    fs::path activated_elsewhere() const {
        std::ifstream script((venv_scripts_dir(venv) / "activate").string(), std::ios::binary);
        std::string line;
        while (script && std::getline(script, line)) {
            if (line.rfind("VIRTUAL_ENV='", 0) != 0 || line.size() < 14 || line.back() != '\'') {
                continue;
            }
            std::string value = line.substr(13, line.size() - 14);
            for (std::string::size_type at = value.find("'\\''"); at != std::string::npos;
                 at = value.find("'\\''", at + 1)) {
                value.replace(at, 4, "'");
            }
            return other_venv_of(fs::path(value) / venv_scripts_dir(venv).filename() / "python");
        }
        return {};
    }

    // A copied venv (cp -a orig copy): its scripts run, and its activation
    // activates, the original.
    // A relocatable venv's scripts find it from where they are (in the shells
    // that can tell): its activate names where it was made, not a copy's origin.
    void check_copy(const std::vector<std::string>& scripts, const fs::path& original,
                    const VenvConfig& config) {
        const fs::path activated = config.relocatable ? fs::path() : activated_elsewhere();
        const fs::path other = original.empty() ? activated : original;
        if (other.empty()) {
            return;
        }
        std::string how;
        if (!scripts.empty()) {
            how = fmt::format("{}{} start{} the python of {}", scripts.front(),
                              scripts.size() > 1
                                  ? fmt::format(" and {} more scripts", scripts.size() - 1)
                                  : std::string(),
                              scripts.size() > 1 ? "" : "s", other.string());
        }
        if (!activated.empty()) {
            how += fmt::format("{}{}/activate activates {}", how.empty() ? "" : ", and ",
                               venv_scripts_dir(venv).filename().string(), activated.string());
        }
        add(fmt::format("this venv is a copy of {}: {}, so pip installs into {}", other.string(),
                        how, other.string()),
            fmt::format("make the copy its own (its launchers, activation scripts and "
                        "pyvenv.cfg rewritten): cppvenv move {} {}",
                        name, name));
    }

    // lib/pythonX.Y of another minor version: packages this venv never loads.
    void check_orphaned_libraries(const VenvConfig& config) {
        if (config.version.empty()) {
            return;
        }
        const std::string minor = short_version(config.version);
        boost::system::error_code error;
        for (fs::directory_iterator it(venv / "lib", error), end; !error && it != end;
             it.increment(error)) {
            const std::string folder = it->path().filename().string();
            std::string version;
            for (const char* prefix : {"python", "pypy"}) {
                if (folder.rfind(prefix, 0) == 0) {
                    version = folder.substr(std::string(prefix).size());
                }
            }
            if (!version.empty() && version.back() == 't') {
                version.pop_back();
            }
            if (version.empty() || version == minor ||
                version.find_first_not_of("0123456789.") != std::string::npos) {
                continue;
            }
            add(fmt::format("lib/{} holds packages for Python {}, which this venv (Python {}) "
                            "never loads",
                            folder, version, minor),
                fmt::format("reinstall what you need from it into this venv, then delete it: rm "
                            "-r {}/lib/{}",
                            name, posix_sh_word(folder)));
        }
    }

    std::string recreate_fix(const std::string& python) const {
        return fmt::format("recreate it: cppvenv create --clear -p {} {} (then reinstall its "
                           "packages)",
                           shown_word(python), name);
    }

    // Returns whether the base interpreter is there and starts. With
    // HealthDepth::Fast nothing is started: the base is one a pyvenv.cfg names,
    // and a pyvenv.cfg may come from anyone (a cloned repository); only cached
    // facts of a file that was already inspected are used.
    bool check_base(const VenvConfig& config, HealthDepth depth) {
        const fs::path base = base_interpreter(venv, config);
        const std::string wanted =
            config.version.empty() ? std::string("3") : short_version(config.version);
        if (!is_executable_file(base)) {
            add(fmt::format("the base interpreter {} is gone (pyvenv.cfg home = {})", base.string(),
                            config.home),
                recreate_fix(wanted));
            return false;
        }
        InterpreterFacts facts;
        try {
            if (depth == HealthDepth::Fast) {
                std::optional<InterpreterFacts> cached = cached_interpreter_facts(base, cache);
                if (!cached) {
                    return true; // present; whether it runs is for a full check
                }
                facts = *cached;
            } else {
                facts = interpreter_facts(base, cache);
            }
        } catch (const Error& error) {
            add(fmt::format("the base interpreter {} does not run: {}", base.string(),
                            error.what()),
                recreate_fix(wanted));
            return false;
        }
        if (config.version.empty()) {
            add("pyvenv.cfg has no version",
                fmt::format("cppvenv create --upgrade -p {} {}", shown_word(base.string()), name));
        } else if (facts.version_string() != config.version) {
            if (facts.short_version() == short_version(config.version)) {
                add(fmt::format("pyvenv.cfg says Python {}, but {} is now {}", config.version,
                                base.string(), facts.version_string()),
                    fmt::format("cppvenv create --upgrade -p {} {}", shown_word(base.string()),
                                name));
            } else {
                add(fmt::format("pyvenv.cfg says Python {}, but {} is now {}: the installed "
                                "packages are for {}",
                                config.version, base.string(), facts.version_string(),
                                short_version(config.version)),
                    recreate_fix(short_version(config.version)));
            }
        }
        return true;
    }

    void check_links(bool base_ok, const VenvConfig& config) {
        const fs::path bin = venv_scripts_dir(venv);
        boost::system::error_code error;
        std::vector<std::string> moved_scripts;
        std::vector<std::string> copied_scripts;
        std::string old_interpreter;
        fs::path original;
        // Scripts are read from this descriptor: only regular files, never
        // blocking on a FIFO planted among them.
        const platform::OpenDirectory bin_folder(
            platform::open_directory(bin, platform::FinalSymlink::Follow));
        for (fs::directory_iterator it(bin, error), end; !error && it != end; it.increment(error)) {
            const fs::path& entry = it->path();
            const std::string relative = bin.filename().string() + "/" + entry.filename().string();
            boost::system::error_code ignored;
            if (fs::is_symlink(entry, ignored)) {
                if (!fs::exists(entry, ignored)) {
                    add(fmt::format("{} is a broken link (to {})", relative,
                                    fs::read_symlink(entry, ignored).string()),
                        base_ok
                            ? fmt::format("cppvenv create --upgrade -p {} {}",
                                          shown_word(base_interpreter(venv, config).string()), name)
                            : recreate_fix(config.version.empty() ? std::string("3")
                                                                  : short_version(config.version)));
                }
                continue;
            }
            std::string head;
            if (bin_folder && platform::read_file_at(bin_folder.get(), entry.filename().string(),
                                                     launcher_head_limit, head) == 0) {
                const std::string interpreter = launcher_interpreter(head);
                if (interpreter.empty() || is_own(interpreter)) {
                    continue; // a broken link of its own is reported above
                }
                if (!fs::exists(interpreter, ignored)) {
                    moved_scripts.push_back(relative);
                    old_interpreter = interpreter;
                } else if (!other_venv_of(interpreter).empty()) {
                    copied_scripts.push_back(relative);
                    original = other_venv_of(interpreter);
                }
            }
        }
        if (!moved_scripts.empty()) {
            add(fmt::format("{}{} start{} {}, which does not exist: the venv was moved or renamed",
                            moved_scripts.front(),
                            moved_scripts.size() > 1
                                ? fmt::format(" and {} more scripts", moved_scripts.size() - 1)
                                : std::string(),
                            moved_scripts.size() > 1 ? "" : "s", old_interpreter),
                fmt::format("rewrite its paths for where it is now: cppvenv move {} {} (or move it "
                            "back to {})",
                            name, name,
                            fs::path(old_interpreter).parent_path().parent_path().string()));
        }
        check_copy(copied_scripts, original, config);
    }

    void check_python_starts() {
        const fs::path python = venv_python(venv);
        if (python.empty()) {
            const bool windows = venv_layout(venv) == Platform::Windows;
            add(windows ? "the venv has no Scripts\\python.exe" : "the venv has no bin/python",
                fmt::format("cppvenv create --upgrade {}", name));
            return;
        }
        ProcessResult result = run_process(python, {"-I", "-c", "import sys; print(sys.prefix)"},
                                           OutputHandling::Capture);
        if (result.exit_code != 0) {
            const std::string reason(first_line(result.standard_error));
            add(fmt::format("{} does not start{}", python.string(),
                            reason.empty() ? std::string() : ": " + reason),
                fmt::format("cppvenv create --upgrade {}", name));
            return;
        }
        const std::string prefix(first_line(result.standard_output));
        boost::system::error_code error;
        if (fs::canonical(prefix, error) != fs::canonical(venv, error)) {
            add(fmt::format("{} runs outside the venv (its sys.prefix is {})", python.string(),
                            prefix),
                fmt::format("cppvenv create --upgrade {}", name));
        }
    }
};

// No pyvenv.cfg: what to do depends on what is there.
void add_not_a_venv(Checker& checker, const std::string& problem) {
    TargetState state;
    try {
        state = inspect_target(absolute_path(checker.venv));
    } catch (const Error&) {
        state.kind = TargetKind::OtherDirectory;
    }
    switch (state.kind) {
    case TargetKind::Missing:
    case TargetKind::EmptyDirectory:
        checker.add(problem, fmt::format("create one: cppvenv create {}", checker.name));
        return;
    case TargetKind::UnfinishedVenv:
        checker.add(fmt::format("{} is an unfinished venv: it has no pyvenv.cfg (a create was "
                                "interrupted)",
                                checker.name),
                    fmt::format("finish it: cppvenv create {}", checker.name));
        return;
    case TargetKind::NotADirectory:
        checker.add(problem, "name the venv's folder");
        return;
    case TargetKind::Venv:
    case TargetKind::OtherDirectory:
        break;
    }
    checker.add(problem + ", and it holds other files",
                fmt::format("name the venv's own folder; to make a venv among these files: "
                            "cppvenv create --allow-existing {}",
                            checker.name));
}

} // namespace

std::string shebang_interpreter(const std::string& first_line) {
    if (first_line.rfind("#!/", 0) != 0) {
        return "";
    }
    std::string rest = first_line.substr(2);
    if (!rest.empty() && rest.back() == '\r') {
        rest.pop_back();
    }
    std::string interpreter = rest.substr(0, rest.find_first_of(" \t"));
    std::string name = fs::path(interpreter).filename().string();
    if (name.rfind("python", 0) != 0 && name.rfind("pypy", 0) != 0) {
        return ""; // /bin/sh trampolines, /usr/bin/env, other programs
    }
    return interpreter;
}

std::vector<HealthProblem> check_venv_health(const fs::path& venv, const std::string& shown_name,
                                             HealthDepth depth, const FactsCache& cache) {
    Checker checker{venv, shown_word(shown_name), cache, {}};
    VenvConfig config;
    try {
        config = read_venv_config(venv);
    } catch (const Error& error) {
        add_not_a_venv(checker, error.what());
        return checker.problems;
    }
    if (config.home.empty()) {
        checker.add("pyvenv.cfg has no home key", checker.recreate_fix("3"));
        return checker.problems;
    }
    const bool base_ok = checker.check_base(config, depth);
    checker.check_links(base_ok, config);
    checker.check_orphaned_libraries(config);
    if (depth == HealthDepth::Full && base_ok && checker.problems.empty()) {
        checker.check_python_starts();
    }
    return checker.problems;
}

} // namespace cppvenv
