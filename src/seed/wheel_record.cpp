// Reading and writing RECORD files (PEP 376 / PEP 427).
#include "seed/wheel_record.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace cppvenv {

namespace {

// Splits one CSV line into fields. Returns std::nullopt when a quote is unbalanced.
std::optional<std::vector<std::string>> split_csv_line(std::string_view line) {
    std::vector<std::string> fields;
    fields.emplace_back();
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) {
        return std::nullopt;
    }
    return fields;
}

// Appends `value` to `text` as one CSV field, quoted only where it must be.
void append_csv_field(std::string& text, const std::string& value) {
    if (!contains_any_of(value, ",\"\r\n")) {
        text += value;
        return;
    }
    text += '"';
    for (char c : value) {
        text += c;
        if (c == '"') {
            text += '"';
        }
    }
    text += '"';
}

} // namespace

std::vector<RecordRow> parse_record(std::string_view text, std::string_view origin) {
    std::vector<RecordRow> rows;
    size_t line_number = 0;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            continue;
        }
        // Nearly every row: no quoting, two commas, the path first.
        if (line.find('"') == std::string_view::npos) {
            const size_t first = line.find(',');
            const size_t second =
                first == std::string_view::npos ? first : line.find(',', first + 1);
            if (first != 0 && second != std::string_view::npos &&
                line.find(',', second + 1) == std::string_view::npos) {
                rows.push_back({std::string(line.substr(0, first)),
                                std::string(line.substr(first + 1, second - first - 1)),
                                std::string(line.substr(second + 1))});
                continue;
            }
        }
        auto fields = split_csv_line(line);
        if (!fields || fields->size() != 3 || (*fields)[0].empty()) {
            throw Error(
                fmt::format("{}: line {} of RECORD is malformed: {}", origin, line_number, line));
        }
        rows.push_back({std::move((*fields)[0]), std::move((*fields)[1]), std::move((*fields)[2])});
    }
    return rows;
}

std::string format_record(std::vector<RecordRow> rows) {
    // Sorted by pointer: moving rows (three strings each) cost more than comparing.
    // A merge sort: rows come in runs already sorted (a wheel's members, folder
    // by folder), where it compares least.
    std::vector<const RecordRow*> sorted;
    sorted.reserve(rows.size());
    for (const RecordRow& row : rows) {
        sorted.push_back(&row);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RecordRow* a, const RecordRow* b) { return a->path < b->path; });
    std::string text;
    text.reserve(rows.size() * 128);
    for (const RecordRow* pointer : sorted) {
        const RecordRow& row = *pointer;
        append_csv_field(text, row.path);
        text += ',';
        text += row.hash;
        text += ',';
        text += row.size;
        text += "\r\n";
    }
    return text;
}

} // namespace cppvenv
