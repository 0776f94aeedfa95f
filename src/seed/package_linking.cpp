// Puts a package file from the cache of unpacked wheels into a venv.
#include "seed/package_linking.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

constexpr unsigned file_mode = 0644;
constexpr unsigned executable_mode = 0755;

} // namespace

const char* package_link_mode_name(PackageLinkMode mode) {
    switch (mode) {
    case PackageLinkMode::Clone:
        return "clone";
    case PackageLinkMode::Copy:
        return "copy";
    case PackageLinkMode::Hardlink:
        return "hardlink";
    case PackageLinkMode::Symlink:
        return "symlink";
    }
    return "clone";
}

std::optional<PackageLinkMode> parse_package_link_mode(std::string_view name) {
    for (PackageLinkMode mode : {PackageLinkMode::Clone, PackageLinkMode::Copy,
                                 PackageLinkMode::Hardlink, PackageLinkMode::Symlink}) {
        if (name == package_link_mode_name(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

PackageLinker::PackageLinker(const UnpackedWheel& unpacked, PackageLinkMode mode,
                             const fs::path& venv)
    : unpacked_(unpacked), mode_(mode), venv_(venv), try_clone_(mode == PackageLinkMode::Clone) {}

void PackageLinker::place(const ArchiveMember& member, const std::string& destination,
                          TreeWriter& writer, Existing existing) {
    if (mode_ == PackageLinkMode::Symlink) {
        // Python writes a module's .pyc beside the link (in the venv), never
        // through it: each file is linked, each folder is the venv's own.
        writer.make_symlink(destination, unpacked_.file_path(member).string(), existing);
        return;
    }
    if (mode_ == PackageLinkMode::Hardlink) {
        const auto [folder, name] = unpacked_.locate(member);
        if (writer.link_file(destination, folder, name, existing)) {
            return;
        }
        static bool said_once = false;
        if (!std::exchange(said_once, true))
            print_verbose(fmt::format(
                "cannot hard-link from the wheel cache into {} ({}); copying "
                "instead",
                venv_.string(), errno == EXDEV ? "another file system" : std::strerror(errno)));
        mode_ = PackageLinkMode::Copy;
    }
    copy(member, destination, writer, existing);
}

void PackageLinker::copy(const ArchiveMember& member, const std::string& destination,
                         TreeWriter& writer, Existing existing) {
    const auto [folder, name] = unpacked_.locate(member);
    const int source = platform::open_file_at(folder, name);
    if (source < 0) {
        throw_system_error("cannot read the cached file", unpacked_.file_path(member));
    }
    try {
        TreeWriter::Output output = writer.open_file(
            destination, member.is_executable ? executable_mode : file_mode, existing);
        const bool cloned =
            output.fill_from(source, try_clone_ ? CopyContents::CloneOrCopy : CopyContents::Copy);
        static bool said_once = false; // for each wheel of this run
        if (try_clone_ && !cloned) {
            if (!std::exchange(said_once, true)) {
                print_verbose(fmt::format("the file system of {} cannot clone files from the "
                                          "wheel cache; copying instead",
                                          venv_.string()));
            }
            try_clone_ = false;
        }
        output.commit();
    } catch (...) {
        platform::close_file(source);
        throw;
    }
    platform::close_file(source);
}

} // namespace cppvenv
