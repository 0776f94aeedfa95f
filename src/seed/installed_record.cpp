// The RECORD of a wheel being installed: its rows gathered as views, written sorted.
#include "seed/installed_record.hpp"

#include "util/text.hpp"

#include <utility>

namespace cppvenv {

InstalledRecord::InstalledRecord(std::string root_dir, std::size_t expected_rows)
    : root_dir_(std::move(root_dir)) {
    rows_.reserve(expected_rows + 1);
}

std::string_view InstalledRecord::path_of(const std::string& destination, bool lives_on) {
    if (lives_on && !root_dir_.empty() && is_below(destination, root_dir_)) {
        return std::string_view(destination).substr(root_dir_.size() + 1);
    }
    return keep(record_path(root_dir_, destination));
}

void InstalledRecord::add(const std::string& destination, std::string_view hash,
                          std::optional<std::uint64_t> size) {
    rows_.push_back({path_of(destination, true), hash, size});
}

void InstalledRecord::add_files(const std::vector<WheelFile>& files,
                                const std::vector<WrittenFile>& scripts) {
    auto script = scripts.begin();
    for (const WheelFile& file : files) {
        if (file.is_script) {
            add(file.destination, script->hash, script->size);
            ++script;
        } else {
            // Its bytes are those of RECORD's hash: checked as it was placed, or
            // as it was put into the cache.
            add(file.destination, file.expected_hash, file.member->size);
        }
    }
}

void InstalledRecord::add_made(const std::string& destination, std::string hash,
                               std::uint64_t size) {
    rows_.push_back({path_of(destination, false), keep(std::move(hash)), size});
}

std::size_t InstalledRecord::write(TreeWriter& writer, const std::string& dist_info, unsigned mode,
                                   Existing existing) {
    const std::string record = dist_info + "/RECORD";
    rows_.push_back({path_of(record, false), {}, std::nullopt});
    const std::size_t count = rows_.size();
    TreeWriter::Output output = writer.open_file(record, mode, existing);
    write_record(std::move(rows_), [&output](std::string_view piece) { output.write(piece); });
    output.commit();
    return count;
}

} // namespace cppvenv
