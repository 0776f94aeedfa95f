// The Windows interpreters and launchers of a venv, for the plan.
#include "venv/windows_layout.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace cppvenv {

namespace {

// Windows compares file names without regard to (ASCII) case.
std::string folded(std::string_view name) {
    std::string result(name);
    for (char& c : result) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
}

bool holds_name(const std::vector<std::string>& names, std::string_view name) {
    const std::string wanted = folded(name);
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& candidate) { return folded(candidate) == wanted; });
}

std::string join(const std::string& folder, std::string_view name) {
    if (folder.empty() || folder.back() == '\\' || folder.back() == '/') {
        return folder + std::string(name);
    }
    return folder + "\\" + std::string(name);
}

std::string folder_of(const std::string& path) {
    const std::string::size_type cut = path.find_last_of("\\/");
    return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

std::string name_of(const std::string& path) {
    const std::string::size_type cut = path.find_last_of("\\/");
    return cut == std::string::npos ? path : path.substr(cut + 1);
}

// splitext: the extension starts at the last dot that is not the first character.
std::pair<std::string, std::string> split_extension(const std::string& name) {
    const std::string::size_type dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) {
        return {name, ""};
    }
    return {name.substr(0, dot), name.substr(dot)};
}

// What an interpreter's venv module reads, gathered in one place.
struct Sources {
    std::string executable_dir; // context.python_dir
    std::string launcher_dir;   // the venv module's scripts\nt
    const WindowsLayoutFacts& layout;
    bool is_pypy;

    bool beside_executable(std::string_view name) const {
        return holds_name(layout.executable_files, name);
    }
};

void add_copy(Plan& plan, const std::string& relative, const std::string& source) {
    if (!find_entry(plan, relative)) {
        plan.entries.push_back({EntryKind::Copy, relative, "", 0755, "", source});
    }
}

void add_link(Plan& plan, const std::string& relative, const std::string& source) {
    if (!find_entry(plan, relative)) {
        plan.entries.push_back({EntryKind::Symlink, relative, "", 0777, source, ""});
    }
}

// venv's symlink_or_copy() when it copies (3.8 to 3.12, PyPy): the launcher of
// the same name in scripts\nt, else venvlauncher/venvwlauncher beside `name`;
// nothing when that source does not exist.
std::optional<std::string> copy_source_before_313(const Sources& sources, const std::string& name) {
    if (!sources.layout.is_python_build && holds_name(sources.layout.venv_launchers, name)) {
        return join(sources.launcher_dir, name);
    }
    auto [stem, extension] = split_extension(name);
    if (ends_with(stem, "_d")) {
        extension = "_d" + extension;
        stem.resize(stem.size() - 2);
    }
    if (!sources.is_pypy && stem == "python") {
        stem = "venvlauncher";
    } else if (!sources.is_pypy && stem == "pythonw") {
        stem = "venvwlauncher";
    }
    const std::string source_name = stem + extension;
    if (!sources.beside_executable(source_name)) {
        return std::nullopt;
    }
    return join(sources.executable_dir, source_name);
}

bool is_program_or_library(const std::string& name) {
    const std::string extension = folded(split_extension(name).second);
    return extension == ".exe" || extension == ".dll";
}

void add_interpreters_before_313(Plan& plan, const PlanRequest& request, const Sources& sources) {
    const InterpreterFacts& facts = request.facts;
    const std::string& bin = facts.scripts_dir;
    const std::string exe_name = name_of(facts.executable);
    plan.python_in_venv = bin + "/" + exe_name;

    std::vector<std::string> names;
    const bool symlinks = request.options.link_mode == LinkMode::Symlinks;
    if (symlinks || sources.is_pypy) {
        // Every program and DLL beside the executable (a source build: only its own).
        for (const std::string& name : sources.layout.executable_files) {
            const std::string lower = folded(name);
            if (is_program_or_library(name) &&
                (!sources.layout.is_python_build || starts_with(lower, "python") ||
                 starts_with(lower, "vcruntime"))) {
                names.push_back(name);
            }
        }
    } else {
        names = {"python.exe", "python_d.exe", "pythonw.exe", "pythonw_d.exe"};
        if (facts.minor >= 9) {
            names.push_back(exe_name);
        }
    }
    for (const std::string& name : names) {
        if (!sources.beside_executable(name)) {
            continue; // venv checks os.path.lexists(src) first
        }
        const std::string relative = bin + "/" + name;
        if (symlinks) {
            add_link(plan, relative, join(sources.executable_dir, name));
        } else if (std::optional<std::string> source = copy_source_before_313(sources, name)) {
            add_copy(plan, relative, *source);
        }
    }
}

void add_interpreters_313(Plan& plan, const PlanRequest& request, const Sources& sources) {
    const InterpreterFacts& facts = request.facts;
    const std::string& bin = facts.scripts_dir;
    const std::string exe_stem = split_extension(name_of(facts.executable)).first;
    const std::string d = ends_with(folded(exe_stem), "_d") ? "_d" : "";
    plan.python_in_venv = bin + "/python" + d + ".exe";

    const std::string t =
        facts.free_threaded ? fmt::format("{}.{}t", facts.major, facts.minor) : "";
    std::vector<std::string> console_names = {"python.exe", "python" + d + ".exe"};
    std::vector<std::string> window_names = {"pythonw.exe", "pythonw" + d + ".exe"};
    if (facts.free_threaded) {
        console_names.push_back("python" + t + ".exe");
        console_names.push_back("python" + t + d + ".exe");
        window_names.push_back("pythonw" + t + ".exe");
        window_names.push_back("pythonw" + t + d + ".exe");
    }
    const std::string free_threaded_mark = facts.free_threaded ? "t" : "";

    if (request.options.link_mode == LinkMode::Symlinks) {
        const std::string console = join(sources.executable_dir, "python" + t + d + ".exe");
        const std::string window = join(sources.executable_dir, "pythonw" + t + d + ".exe");
        for (const std::string& name : console_names) {
            add_link(plan, bin + "/" + name, console);
        }
        for (const std::string& name : window_names) {
            add_link(plan, bin + "/" + name, window);
        }
        for (const std::string& name : sources.layout.executable_files) {
            const std::string lower = folded(name);
            if ((starts_with(lower, "python") || starts_with(lower, "vcruntime")) &&
                split_extension(lower).second == ".dll") {
                add_link(plan, bin + "/" + name, join(sources.executable_dir, name));
            }
        }
        return;
    }

    // Launchers come from scripts\nt, or from beside the executable in a build.
    const bool from_build = sources.layout.is_python_build;
    const std::string& launcher_dir = from_build ? sources.executable_dir : sources.launcher_dir;
    const auto launcher = [&](const std::string& stem) -> std::optional<std::string> {
        const std::string name = stem + free_threaded_mark + d + ".exe";
        const bool exists = from_build ? sources.beside_executable(name)
                                       : holds_name(sources.layout.venv_launchers, name);
        return exists ? std::optional<std::string>(join(launcher_dir, name)) : std::nullopt;
    };
    // A missing launcher is skipped: venv warns "Unable to copy" and goes on.
    if (std::optional<std::string> console = launcher("venvlauncher")) {
        for (const std::string& name : console_names) {
            add_copy(plan, bin + "/" + name, *console);
        }
    }
    if (std::optional<std::string> window = launcher("venvwlauncher")) {
        for (const std::string& name : window_names) {
            add_copy(plan, bin + "/" + name, *window);
        }
    }
}

// A source build's Tcl needs its init.tcl in Lib\<tcl folder>\ of the venv.
void add_build_init_tcl(Plan& plan, const WindowsLayoutFacts& layout) {
    if (!layout.is_python_build || layout.init_tcl.empty()) {
        return;
    }
    const std::string tcl_folder = "Lib/" + name_of(folder_of(layout.init_tcl));
    if (!find_entry(plan, tcl_folder)) {
        plan.entries.push_back({EntryKind::Directory, tcl_folder, "", 0755, "", ""});
    }
    plan.entries.push_back(
        {EntryKind::Copy, tcl_folder + "/init.tcl", "", 0644, "", layout.init_tcl});
}

} // namespace

void add_windows_interpreters(Plan& plan, const PlanRequest& request) {
    const InterpreterFacts& facts = request.facts;
    const WindowsLayoutFacts& layout = facts.windows;
    const Sources sources{folder_of(facts.executable),
                          join(join(layout.venv_module_dir, "scripts"), "nt"), layout,
                          facts.implementation == "pypy"};
    if (!sources.is_pypy && (facts.major > 3 || (facts.major == 3 && facts.minor >= 13))) {
        add_interpreters_313(plan, request, sources);
    } else {
        add_interpreters_before_313(plan, request, sources);
    }
    add_build_init_tcl(plan, layout);
}

} // namespace cppvenv
