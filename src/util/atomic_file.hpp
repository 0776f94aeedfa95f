#pragma once
// AtomicFile: write a file under a temporary name, rename on commit.

#include <boost/filesystem/path.hpp>
#include <string_view>

namespace cppvenv {

// Writes a file under a temporary name in the same folder; commit() renames it
// into place, so readers see the old file or the whole new one, never a part.
// An uncommitted temporary is removed by the destructor. `mode` is filtered by
// the umask, as for any new file.
class AtomicFile {
public:
    AtomicFile(boost::filesystem::path final_path, unsigned mode);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view data);
    void commit();

private:
    boost::filesystem::path final_path_;
    boost::filesystem::path temporary_path_;
    int fd_ = -1;
    bool committed_ = false;
};

void write_file_atomically(const boost::filesystem::path& path, std::string_view contents,
                           unsigned mode = 0644);

} // namespace cppvenv
