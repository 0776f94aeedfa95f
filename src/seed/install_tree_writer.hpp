#pragma once

#include "seed/seed_layout.hpp"

#include <boost/filesystem/path.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

namespace cppvenv {

class AtomicFile;

// Writes files below a root folder, making parent folders as needed. With
// WriteMode::NewFiles a file or link that already exists is an error (a staging
// folder only holds what we made); with ReplaceAtomically each file is written
// under a temporary name and renamed over the old one. Never follows a symlink at
// the final name.
class InstallTreeWriter {
public:
    InstallTreeWriter(boost::filesystem::path root, WriteMode mode);

    // A file being written; commit() makes it visible.
    class Output {
    public:
        ~Output();
        Output(Output&&) noexcept;
        Output(const Output&) = delete;
        Output& operator=(const Output&) = delete;
        Output& operator=(Output&&) = delete;
        void write(std::string_view data);
        void commit();

    private:
        friend class InstallTreeWriter;
        Output() = default;
        boost::filesystem::path path_;
        int fd_ = -1;
        std::unique_ptr<AtomicFile> atomic_;
    };

    // `relative` is '/'-separated below the root. `mode` is filtered by the umask.
    Output open(const std::string& relative, unsigned mode);
    void write_file(const std::string& relative, std::string_view contents, unsigned mode);
    void make_symlink(const std::string& relative, const std::string& link_target);

private:
    void make_parents(const std::string& relative);

    boost::filesystem::path root_;
    WriteMode mode_;
    std::unordered_set<std::string> made_folders_;
};

} // namespace cppvenv
