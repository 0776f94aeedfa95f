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
            }};
}

InstalledWheel install_from(const WheelSource& wheel, const WheelContents& contents,
                            const SeedLayout& layout, const FilePlacer& placer,
                            MemberSink* scripts_also,
                            const std::vector<LinkedFolder>& linked_folders) {
    const fs::path& wheel_path = wheel.path();
    const std::string dist_info = contents.root_dir + "/" + contents.dist_info_dir;
    if (layout.write_mode == WriteMode::ReplaceAtomically &&
        remove_older_install(layout, contents.root_dir, contents.dist_info_dir) ==
            PreviousInstall::SameOrNewer) {
        return {dist_info, 0};
    }
    const std::vector<ConsoleScript> scripts = console_scripts_from_entry_points(
        contents.entry_points, layout.python_major, layout.python_minor, wheel_path.string());

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
    const std::string python = layout.final_python();
    if (layout.script_form == ConsoleScriptForm::WindowsLauncher &&
        layout.windows_launcher.empty() && !scripts.empty()) {
        throw Error("this cppvenv cannot write Windows console scripts: their launcher is built "
                    "into cppvenv.exe only");
    }
    InstalledRecord record(contents.root_dir,
                           linked_folders.size() + files.size() + scripts.size() + 2);
    for (const LinkedFolder& folder : linked_folders) {
        record.add(folder.destination, {}, std::nullopt);
    }
    record.add_files(files, written_scripts);
    for (const ConsoleScript& script : scripts) {
        const bool windows = layout.script_form == ConsoleScriptForm::WindowsLauncher;
        const std::string relative =
            layout.scripts_dir + "/" + script.name + (windows ? ".exe" : "");
        const std::string text =
            windows ? render_windows_console_launcher(script, python, layout.windows_launcher)
            : layout.launcher_python == LauncherPython::BesideScript
                ? render_relocatable_console_script(script, python_beside_scripts(layout))
                : render_console_script(script, python);
        writer.write_file(relative, text, executable_mode, existing);
        record.add_made(relative, record_hash_of(text), text.size());
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
