// Installs a bundled wheel into a venv as pip would, with INSTALLER and RECORD.
#include "seed/install_wheels.hpp"

#include "seed/console_scripts.hpp"
#include "seed/installed_record.hpp"
#include "seed/package_folders.hpp"
#include "seed/package_linking.hpp"
#include "seed/parallel_placing.hpp"
#include "seed/previous_install.hpp"
#include "seed/record_hash.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_cache.hpp"
#include "seed/wheel_contents.hpp"
#include "seed/wheel_pack.hpp"
#include "seed/windows_launchers.hpp"
#include "util/cache_directory.hpp"
#include "util/error.hpp"
#include "util/host_platform.hpp"
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

// Package files straight from the wheel, each thread with a reader of its own
// (inflating is most of the work); their bytes also go to `also`, when given.
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

// What both sources share: the mapping, the uninstall of an older version, the
// files, then launchers, INSTALLER, REQUESTED and RECORD. The scripts' bytes
// also go to `scripts_also`, when given (the placer sends the other files').
InstalledWheel install_from(const WheelSource& wheel, const WheelContents& contents,
                            const SeedLayout& layout, const FilePlacer& placer,
                            MemberSink* scripts_also = nullptr,
                            const std::vector<LinkedFolder>& linked_folders = {}) {
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
    // A folder linked whole is one RECORD row, so pip's uninstall removes the
    // link and never what it points to (virtualenv's --symlink-app-data does the same).
    for (const LinkedFolder& folder : linked_folders) {
        writer.make_symlink(folder.destination, folder.target, existing);
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

} // namespace

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

namespace {

// The first create from a wheel, copying: installed straight from the wheel, and
// its bytes kept in the cache as they pass (no second pass over them). nullopt
// when the cache has the entry after all, or cannot make one.
std::optional<InstalledWheel> install_keeping_in_cache(const fs::path& wheel_path,
                                                       const std::string& sha256,
                                                       const SeedLayout& layout,
                                                       WheelCache& cache) {
    bool busy = false;
    std::unique_ptr<WheelCache::NewEntry> entry = cache.start_entry(wheel_path, sha256, busy);
    if (busy) {
        // Another create is making this entry: no waiting for it.
        print_verbose(fmt::format("another cppvenv is putting {} into the wheel cache; "
                                  "installing straight from the wheel",
                                  wheel_path.string()));
        return install_wheel(wheel_path, layout);
    }
    if (!entry) {
        return std::nullopt;
    }
    const WheelArchive wheel(wheel_path);
    WheelContents contents = map_wheel_contents(wheel, layout);
    entry->lay_out(wheel, contents);
    InstalledWheel installed =
        install_from(wheel, contents, layout, placer_from(wheel, entry.get()), entry.get());
    if (!entry->publish(wheel)) {
        print_warning(fmt::format("the wheel cache could not keep {} ({})", wheel_path.string(),
                                  entry->problem()));
    }
    return installed;
}

// Whether the venv's file system can share blocks with the cache's (a reflink
// on Btrfs, XFS, … on the same file system), tried once with the entry's pack.
bool venv_can_clone_from(const UnpackedWheel& unpacked, const fs::path& venv) {
    const platform::OpenDirectory folder(
        platform::open_directory(venv, platform::FinalSymlink::Follow));
    // With the first member that has bytes (a clone of length 0 means "to the end").
    for (const ArchiveMember& member : unpacked.members()) {
        if (member.size > 0) {
            return folder &&
                   platform::can_clone_into(unpacked.pack(), unpacked.range_of(member).clone_length,
                                            folder.get());
        }
    }
    return false;
}

// Symlink mode with whole package folders: each linked to the entry's compiled
// tree (the members and this Python's bytecode, compiled once), the other
// files one by one. std::nullopt, said under -v, when the tree cannot be made.
std::optional<InstalledWheel> install_with_folder_links(const fs::path& wheel_path,
                                                        const std::string& sha256,
                                                        const SeedLayout& layout,
                                                        WheelCache& cache) {
    std::optional<UnpackedWheel> compiled;
    try {
        compiled.emplace(cache.compiled_entry(wheel_path, sha256, *layout.bytecode_compiler));
    } catch (const Error& error) {
        print_verbose(fmt::format("cannot link the package folders of {} whole ({}); linking "
                                  "its files one by one",
                                  wheel_path.string(), error.what()));
        return std::nullopt;
    }
    WheelContents contents = map_wheel_contents(*compiled, layout);
    std::vector<LinkedFolder> folders = take_linkable_folders(contents);
    for (LinkedFolder& folder : folders) {
        folder.target = compiled->folder_path(folder.member_folder).string();
    }
    return install_from(*compiled, contents, layout,
                        placer_for(*compiled, PackageLinkMode::Symlink, layout.final_root, true),
                        nullptr, folders);
}

} // namespace

InstalledWheel install_wheel_through_cache(const fs::path& wheel_path, const std::string& sha256,
                                           const SeedLayout& layout, WheelCache& cache) {
    if (layout.link_package_folders && layout.bytecode_compiler) {
        if (std::optional<InstalledWheel> installed =
                install_with_folder_links(wheel_path, sha256, layout, cache)) {
            return *installed;
        }
    }
    MemberFiles files = layout.link_mode == PackageLinkMode::Hardlink ||
                                layout.link_mode == PackageLinkMode::Symlink
                            ? MemberFiles::Needed
                            : MemberFiles::NotNeeded;
    std::optional<UnpackedWheel> unpacked;
    try {
        if (std::optional<UnpackedWheel> found = cache.find(wheel_path, sha256, files)) {
            unpacked.emplace(std::move(*found));
        }
    } catch (const Error&) {
        // Looked at again, and said, by entry_for below.
    }
    // Only into a new tree: an upgrade in place may install nothing at all.
    if (!unpacked && files == MemberFiles::NotNeeded && layout.write_mode == WriteMode::NewFiles) {
        if (std::optional<InstalledWheel> installed =
                install_keeping_in_cache(wheel_path, sha256, layout, cache)) {
            return *installed;
        }
    }
    try {
        if (!unpacked) {
            unpacked.emplace(cache.entry_for(wheel_path, sha256, files));
        }
        // A clone shares every block only from a whole file: where the venv can
        // clone, the entry's members are wanted as files.
        if (layout.link_mode == PackageLinkMode::Clone) {
            if (venv_can_clone_from(*unpacked, layout.build_root)) {
                files = MemberFiles::Needed;
                std::string problem;
                if (!unpacked->has_member_files(problem)) {
                    unpacked = cache.entry_for(wheel_path, sha256, files);
                }
            } else {
                say_copying_instead_of_cloning(layout.final_root);
            }
        }
    } catch (const Error& cache_error) {
        // A broken wheel fails again here, with its own message alone; a full or
        // read-only cache must not stop a create.
        InstalledWheel installed = install_wheel(wheel_path, layout);
        print_warning(fmt::format("the wheel cache could not be used for {} ({}); installed "
                                  "straight from the wheel",
                                  wheel_path.string(), cache_error.what()));
        return installed;
    }
    WheelContents contents = map_wheel_contents(*unpacked, layout);
    return install_from(
        *unpacked, contents, layout,
        placer_for(*unpacked, layout.link_mode, layout.final_root, files == MemberFiles::Needed));
}

void install_wheels(const std::vector<BundledWheel>& wheels, const SeedLayout& layout) {
    std::optional<WheelCache> cache;
    // The cache is trusted by POSIX owners and modes (entries of this user,
    // read-only, writable by nobody else); Windows ACLs are not checked, so a
    // Windows build installs straight from the wheels.
    const bool cache_can_be_trusted = host_platform() == Platform::Posix;
    if (layout.wheel_cache == WheelCacheUse::Use && cache_can_be_trusted && !wheels.empty()) {
        cache.emplace(default_cache_directory());
        if (!cache->usable()) {
            print_warning(fmt::format("not using the wheel cache: {}; installing straight from "
                                      "the wheels",
                                      cache->problem()));
            cache.reset();
        }
    }
    if (!cache) {
        for (const BundledWheel& wheel : wheels) {
            install_wheel(wheel.path, layout);
        }
        return;
    }
    std::vector<std::string> sha256s;
    for (const BundledWheel& wheel : wheels) {
        sha256s.push_back(cache->wheel_sha256(wheel.path));
    }
    SeedLayout chosen = layout;
    chosen.link_package_folders = may_link_package_folders(wheels, sha256s, layout, *cache);
    for (std::size_t i = 0; i < wheels.size(); ++i) {
        install_wheel_through_cache(wheels[i].path, sha256s[i], chosen, *cache);
    }
}

} // namespace cppvenv
