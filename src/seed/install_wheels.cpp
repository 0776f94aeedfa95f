// Installs a bundled wheel into a venv as pip would, with INSTALLER and RECORD.
#include "seed/install_wheels.hpp"

#include "seed/console_scripts.hpp"
#include "seed/install_from.hpp"
#include "seed/installed_record.hpp"
#include "seed/previous_install.hpp"
#include "seed/record_hash.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_contents.hpp"
#include "seed/windows_launchers.hpp"
#include "util/error.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"
#include "util/tree_writer.hpp"

#include <fmt/format.h>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

constexpr unsigned file_mode = 0644;
constexpr unsigned executable_mode = 0755;

void require_hash(const std::string& actual, const WheelFile& file, const fs::path& wheel) {
    if (actual != file.expected_hash) {
        throw Error(fmt::format("{}: {} does not match its hash in RECORD (expected {}, got {})",
                                wheel.string(), file.member->name, file.expected_hash, actual));
    }
}

// The venv's python as launchers in the scripts folder name it relative to
// themselves: its file name (the plan puts it in that folder).
std::string python_beside_scripts(const SeedLayout& layout) {
    const std::string prefix = layout.scripts_dir + "/";
    if (layout.python_in_venv.compare(0, prefix.size(), prefix) != 0 ||
        layout.python_in_venv.find('/', prefix.size()) != std::string::npos) {
        throw Error(fmt::format("cannot write relocatable launchers: the venv's python {} is not "
                                "in its {} folder",
                                layout.python_in_venv, layout.scripts_dir));
    }
    return layout.python_in_venv.substr(prefix.size());
}

// A .data/scripts member: "#!python" becomes a shebang to the venv's python.
std::string script_with_shebang(const std::string& contents, const SeedLayout& layout) {
    if (contents.compare(0, 8, "#!python") != 0) {
        return contents;
    }
    const size_t end_of_line = contents.find('\n');
    const std::string rest =
        end_of_line == std::string::npos ? std::string() : contents.substr(end_of_line + 1);
    return layout.launcher_shebang() + rest;
}

// A script holds the venv's path: always written into the venv, never linked.
WrittenFile install_script(const WheelSource& wheel, const WheelFile& file,
                           const SeedLayout& layout, TreeWriter& writer, Existing existing,
                           MemberSink* also) {
    const std::string contents = wheel.read_all(*file.member);
    if (also != nullptr) {
        also->write(*file.member, 0, contents);
    }
    RecordHasher hasher(hash_algorithm_of(file.expected_hash));
    hasher.update(contents);
    require_hash(hasher.finish(), file, wheel.path());
    const std::string script = script_with_shebang(contents, layout);
    writer.write_file(file.destination, script, executable_mode, existing);
    return {record_hash_of(script), script.size()};
}

void extract_member(const ArchiveReader& reader, const fs::path& wheel, const WheelFile& file,
                    TreeWriter& writer, Existing existing, MemberSink* also) {
    const ArchiveMember& member = *file.member;
    RecordHasher hasher(hash_algorithm_of(file.expected_hash));
    // Written under a temporary name (in place) and published by commit() only
    // once its hash matched; an uncommitted file is removed.
    TreeWriter::Output output = writer.open_file(
        file.destination, member.is_executable ? executable_mode : file_mode, existing);
    std::uint64_t offset = 0;
    reader.read(member, [&](std::string_view chunk) {
        hasher.update(chunk);
        output.write(chunk);
        if (also != nullptr) {
            also->write(member, offset, chunk);
        }
        offset += chunk.size();
    });
    require_hash(hasher.finish(), file, wheel);
    output.commit();
}

// Every member of `files` read and hashed, nothing written: a wheel is whole
// before an install in place changes anything.
void check_every_member(const ArchiveReader& reader, const fs::path& wheel,
                        const std::vector<WheelFile>& files) {
    for (const WheelFile& file : files) {
        RecordHasher hasher(hash_algorithm_of(file.expected_hash));
        reader.read(*file.member, [&](std::string_view chunk) { hasher.update(chunk); });
        require_hash(hasher.finish(), file, wheel);
    }
}

// A name an install writes into the venv, and what it would hold where that
// is known before it is written: a package file's RECORD hash, a launcher's text.
struct Destination {
    std::string path;
    std::string_view expected_hash;
    const std::string* expected_text = nullptr;
};

// A written launcher: where, and its text.
struct Launcher {
    std::string path;
    std::string text;
};

// The names an install writes: the folders linked whole, the files, the
// launchers, and the .dist-info's INSTALLER, REQUESTED and RECORD.
std::vector<Destination> destinations_of(const WheelContents& contents,
                                         const std::vector<LinkedFolder>& linked_folders,
                                         const std::vector<Launcher>& launchers,
                                         const std::string& dist_info) {
    std::vector<Destination> names;
    names.reserve(linked_folders.size() + contents.files.size() + launchers.size() + 3);
    for (const LinkedFolder& folder : linked_folders) {
        names.push_back({folder.destination, {}, nullptr});
    }
    for (const WheelFile& file : contents.files) {
        names.push_back({file.destination, file.is_script ? "" : file.expected_hash, nullptr});
    }
    for (const Launcher& launcher : launchers) {
        names.push_back({launcher.path, {}, &launcher.text});
    }
    for (const char* marker : {"INSTALLER", "REQUESTED", "RECORD"}) {
        names.push_back({dist_info + "/" + marker, {}, nullptr});
    }
    return names;
}

// Whether the file at `destination` already holds what the install would
// write there: what an install of this very wheel left when it was killed
// before its RECORD was written (a re-run finishes it).
bool holds_what_would_be_written(TreeWriter& tree, const Destination& destination) {
    if (destination.expected_hash.empty() && destination.expected_text == nullptr) {
        return false;
    }
    const std::optional<std::string> held = tree.read_file(destination.path);
    if (!held) {
        return false; // not a regular file reached without links
    }
    if (destination.expected_text != nullptr) {
        return *held == *destination.expected_text;
    }
    RecordHasher hasher(hash_algorithm_of(destination.expected_hash));
    hasher.update(*held);
    return hasher.finish() == destination.expected_hash;
}

// In place, a wheel may replace only what the older install of its project
// owns (which is uninstalled first), or a file that already holds the very
// bytes it would write: the venv's python, its activation scripts or another
// package's files are refused, as a fresh create refuses them, and so is a
// folder on the way that is a link or a file the older install does not own —
// checked before anything changes, so nothing is half done.
void refuse_replacing_others(const std::vector<Destination>& destinations,
                             const PreviousInstall& previous, const SeedLayout& layout,
                             const fs::path& wheel) {
    TreeWriter tree(layout.build_root); // its own: the uninstall removes folders
    std::set<std::string> real_folders;
    for (const Destination& destination : destinations) {
        const std::string& path = destination.path;
        // The folders on the way, deepest first, up to one that is a real folder
        // (reached without links, so the rest of the way is real folders too).
        for (std::string::size_type slash = path.rfind('/');
             slash != std::string::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
            const std::string folder = path.substr(0, slash);
            if (real_folders.count(folder) != 0) {
                break;
            }
            const platform::PathType type = tree.type_of(folder);
            if (type == platform::PathType::Directory) {
                real_folders.insert(folder);
                break;
            }
            if (type != platform::PathType::Missing) {
                if (previous.owns(folder)) {
                    break; // a link of the older install's: uninstalled first
                }
                throw Error(fmt::format("refusing to install {} in place: {} is not a folder",
                                        wheel.string(), tree.shown_path(folder).string()));
            }
        }
        if (!previous.owns(path) && tree.type_of(path) != platform::PathType::Missing &&
            !holds_what_would_be_written(tree, destination)) {
            throw Error(fmt::format("{}: refusing to replace {}, which the wheel does not own "
                                    "(it is not in the RECORD of an older install of the same "
                                    "project)",
                                    wheel.string(), tree.shown_path(path).string()));
        }
    }
}

} // namespace

FilePlacer placer_from(const WheelArchive& wheel, MemberSink* also) {
    return {[&wheel, also](const WheelFile& file, TreeWriter& writer, Existing existing) {
                extract_member(wheel.reader(), wheel.path(), file, writer, existing, also);
            },
            [&wheel, also]() -> PlaceFile {
                std::shared_ptr<const ArchiveReader> reader = wheel.another_reader();
                return [reader, &wheel, also](const WheelFile& file, TreeWriter& writer,
                                              Existing existing) {
                    extract_member(*reader, wheel.path(), file, writer, existing, also);
                };
            },
            [&wheel](const std::vector<WheelFile>& files) {
                check_every_member(wheel.reader(), wheel.path(), files);
            }};
}

InstalledWheel install_from(const WheelSource& wheel, const WheelContents& contents,
                            const SeedLayout& layout, const FilePlacer& placer,
                            MemberSink* scripts_also,
                            const std::vector<LinkedFolder>& linked_folders) {
    const fs::path& wheel_path = wheel.path();
    const std::string dist_info = contents.root_dir + "/" + contents.dist_info_dir;
    const std::vector<ConsoleScript> scripts = console_scripts_from_entry_points(
        contents.entry_points, layout.python_major, layout.python_minor, wheel_path.string());
    if (layout.script_form == ConsoleScriptForm::WindowsLauncher &&
        layout.windows_launcher.empty() && !scripts.empty()) {
        throw Error("this cppvenv cannot write Windows console scripts: their launcher is built "
                    "into cppvenv.exe only");
    }
    const bool windows = layout.script_form == ConsoleScriptForm::WindowsLauncher;
    const std::string python = layout.final_python();
    std::vector<Launcher> launchers;
    for (const ConsoleScript& script : scripts) {
        launchers.push_back(
            {layout.scripts_dir + "/" + script.name + (windows ? ".exe" : ""),
             windows ? render_windows_console_launcher(script, python, layout.windows_launcher)
             : layout.launcher_python == LauncherPython::BesideScript
                 ? render_relocatable_console_script(script, python_beside_scripts(layout))
                 : render_console_script(script, python)});
    }
    if (layout.write_mode == WriteMode::ReplaceAtomically) {
        // Everything that can refuse the wheel comes before the uninstall: a
        // refused wheel leaves the older install whole and the venv usable.
        const PreviousInstall previous =
            find_previous_install(layout, contents.root_dir, contents.dist_info_dir);
        if (previous.state == PreviousInstall::State::SameOrNewer) {
            return {dist_info, 0};
        }
        if (placer.check_all) {
            placer.check_all(contents.files);
        }
        refuse_replacing_others(destinations_of(contents, linked_folders, launchers, dist_info),
                                previous, layout, wheel_path);
        remove_previous_install(layout, contents.root_dir, previous);
    }

    TreeWriter writer(layout.build_root);
    const Existing existing =
        layout.write_mode == WriteMode::NewFiles ? Existing::Refuse : Existing::Replace;
    // A folder linked whole, and symlink mode's anchor, are one RECORD row each,
    // so pip's uninstall removes the link and never what it points to
    // (virtualenv's --symlink-app-data does the same).
    for (const LinkedFolder& folder : linked_folders) {
        if (!folder.made_by_placer) {
            writer.make_symlink(folder.destination, folder.target, existing);
        }
    }
    const std::vector<WheelFile>& files = contents.files;
    // Scripts hold the venv's path and are few: written here, the package files
    // then on several threads where the placer allows.
    std::vector<WrittenFile> written_scripts;
    for (const WheelFile& file : files) {
        if (file.is_script) {
            written_scripts.push_back(
                install_script(wheel, file, layout, writer, existing, scripts_also));
        }
    }
    const unsigned threads =
        place_package_files(files, placer, writer, existing,
                            placing_threads(files.size(), platform::available_cores()));
    InstalledRecord record(contents.root_dir,
                           linked_folders.size() + files.size() + scripts.size() + 2);
    for (const LinkedFolder& folder : linked_folders) {
        record.add(folder.destination, {}, std::nullopt);
    }
    record.add_files(files, written_scripts);
    for (const Launcher& launcher : launchers) {
        writer.write_file(launcher.path, launcher.text, executable_mode, existing);
        record.add_made(launcher.path, record_hash_of(launcher.text), launcher.text.size());
    }
    const std::vector<std::pair<std::string, std::string>> markers = {{"INSTALLER", "pip\n"},
                                                                      {"REQUESTED", ""}};
    for (const auto& [name, text] : markers) {
        writer.write_file(dist_info + "/" + name, text, file_mode, existing);
        record.add_made(dist_info + "/" + name, record_hash_of(text), text.size());
    }
    const std::size_t file_count = record.write(writer, dist_info, file_mode, existing);
    print_verbose(fmt::format("installed {} ({} files, {} launchers{})", wheel_path.string(),
                              file_count, scripts.size(),
                              threads > 1 ? fmt::format("; placed on {} threads", threads) : ""));
    return {dist_info, file_count};
}

std::string SeedLayout::launcher_shebang() const {
    return launcher_python == LauncherPython::BesideScript
               ? relative_python_shebang(python_beside_scripts(*this))
               : python_shebang(final_python());
}

std::vector<std::string> console_script_names(const fs::path& wheel_path, int python_major,
                                              int python_minor) {
    const WheelArchive wheel(wheel_path);
    const ArchiveMember* entry_points = wheel.find(find_dist_info_dir(wheel) + "/entry_points.txt");
    std::vector<std::string> names;
    if (entry_points != nullptr) {
        for (const ConsoleScript& script : console_scripts_from_entry_points(
                 wheel.read_all(*entry_points), python_major, python_minor, wheel_path.string())) {
            names.push_back(script.name);
        }
    }
    return names;
}

InstalledWheel install_wheel(const fs::path& wheel_path, const SeedLayout& layout) {
    const WheelArchive wheel(wheel_path);
    WheelContents contents = map_wheel_contents(wheel, layout);
    return install_from(wheel, contents, layout, placer_from(wheel, nullptr));
}

} // namespace cppvenv
