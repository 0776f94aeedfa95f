#pragma once
// Reading and writing RECORD files (PEP 376 / PEP 427).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// One row of a RECORD file (PEP 376 / PEP 427): a '/'-separated path relative to
// the folder holding the .dist-info, "algorithm=digest" (may be empty) and the size
// in bytes (may be empty).
struct RecordRow {
    std::string path;
    std::string hash;
    std::string size;
};

// Parses RECORD's CSV (commas, double quotes as Python's csv module writes them).
// Throws Error naming `origin` on a malformed row.
std::vector<RecordRow> parse_record(std::string_view text, std::string_view origin);

// RECORD text as pip writes it: one row a line ending in CRLF (csv.writer's
// default), sorted by path, quoted where csv would quote.
std::string format_record(std::vector<RecordRow> rows);

} // namespace cppvenv
