#pragma once
// Reading and writing RECORD files (PEP 376 / PEP 427).

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// One row of a RECORD file (PEP 376 / PEP 427): a '/'-separated path relative to
// the folder holding the .dist-info, "algorithm=digest" (may be empty) and the size
// in bytes (may be empty). Views into a RecordText: valid as long as it is.
struct RecordRow {
    std::string_view path;
    std::string_view hash;
    std::string_view size;
};

// A RECORD's text, which its rows point into. Neither copied nor moved (the
// views would be left behind): hold one where it lives, or in a unique_ptr.
class RecordText {
public:
    explicit RecordText(std::string text) : text_(std::move(text)) {}
    RecordText(const RecordText&) = delete;
    RecordText& operator=(const RecordText&) = delete;

    // Parses RECORD's CSV (commas, double quotes as Python's csv module writes
    // them). Throws Error naming `origin` on a malformed row.
    std::vector<RecordRow> rows(std::string_view origin) &;
    void rows(std::string_view origin) && = delete; // its rows would outlive it

private:
    std::string text_;
    std::deque<std::string> unquoted_; // quoted fields, unquoted (a deque never moves them)
};

// One row to write: its path (relative to the folder holding the .dist-info),
// hash and size; RECORD's own row, and a folder linked whole, have neither.
struct RecordEntry {
    std::string_view path;
    std::string_view hash;
    std::optional<std::uint64_t> size;
};

// RECORD text as pip writes it: one row a line ending in CRLF (csv.writer's
// default), sorted by path, quoted where csv would quote. Given to `sink` in
// pieces of about 16 KiB, never held whole (pip's RECORD is some 50 KB).
void write_record(std::vector<RecordEntry> rows, const std::function<void(std::string_view)>& sink);

} // namespace cppvenv
