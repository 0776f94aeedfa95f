#pragma once
// The RECORD of a wheel being installed: its rows gathered as views, written sorted.

#include "seed/wheel_contents.hpp"
#include "seed/wheel_record.hpp"
#include "util/tree_writer.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// A file as the installer wrote it, when its bytes are not the wheel's (a
// script from .data/scripts, its shebang the venv's): its hash and size.
struct WrittenFile {
    std::string hash;
    std::uint64_t size = 0;
};

// The rows of an installed wheel's RECORD, their paths relative to `root_dir`
// (the folder holding its .dist-info, relative to the venv root, as are the
// destinations given). A row holds views: what add() is given must outlive
// this, what add_made() is given is kept here. pip's RECORD has some 500 rows,
// and a copy of each path and hash would be most of what a create allocates.
class InstalledRecord {
public:
    InstalledRecord(std::string root_dir, std::size_t expected_rows);
    InstalledRecord(const InstalledRecord&) = delete; // a copy's rows would point into this
    InstalledRecord& operator=(const InstalledRecord&) = delete;

    // A file whose destination and hash live on elsewhere (a wheel member's);
    // a folder linked whole has neither hash nor size.
    void add(const std::string& destination, std::string_view hash,
             std::optional<std::uint64_t> size);
    void add(std::string&& destination, std::string_view hash,
             std::optional<std::uint64_t> size) = delete; // gone before the row
    // The wheel's files in order: each package file with the wheel's hash and
    // size (its bytes), each script with the next of `scripts`.
    void add_files(const std::vector<WheelFile>& files, const std::vector<WrittenFile>& scripts);
    // A file made by the installer (a launcher, INSTALLER): its path and hash kept.
    void add_made(const std::string& destination, std::string hash, std::uint64_t size);

    // Writes `dist_info`/RECORD (relative to the venv root), its own row added;
    // returns the rows it has.
    std::size_t write(TreeWriter& writer, const std::string& dist_info, unsigned mode,
                      Existing existing);

private:
    // `destination`'s path in RECORD: most files are below root_dir, their
    // path the rest of theirs (a view); the others' is made and kept.
    std::string_view path_of(const std::string& destination, bool lives_on);
    std::string_view keep(std::string text) { return kept_.emplace_back(std::move(text)); }

    std::string root_dir_;
    std::deque<std::string> kept_; // a deque never moves what it holds
    std::vector<RecordEntry> rows_;
};

} // namespace cppvenv
