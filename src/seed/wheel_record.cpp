// Reading and writing RECORD files (PEP 376 / PEP 427).
#include "seed/wheel_record.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

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

bool needs_quotes(std::string_view value) {
    return contains_any_of(value, ",\"\r\n");
}

// Appends `value` to `text` as one CSV field, quoted only where it must be.
void append_csv_field(std::string& text, std::string_view value) {
    if (!needs_quotes(value)) {
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

std::vector<RecordRow> RecordText::rows(std::string_view origin) & {
    std::string_view rest = text_;
    std::vector<RecordRow> rows;
    rows.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1);
    size_t line_number = 0;
    while (!rest.empty()) {
        const size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
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
                rows.push_back({line.substr(0, first), line.substr(first + 1, second - first - 1),
                                line.substr(second + 1)});
                continue;
            }
        }
        auto fields = split_csv_line(line);
        if (!fields || fields->size() != 3 || (*fields)[0].empty()) {
            throw Error(
                fmt::format("{}: line {} of RECORD is malformed: {}", origin, line_number, line));
        }
        // A braced list is evaluated in order: path, hash, size.
        std::vector<std::string>& parts = *fields;
        rows.push_back({unquoted_.emplace_back(std::move(parts[0])),
                        unquoted_.emplace_back(std::move(parts[1])),
                        unquoted_.emplace_back(std::move(parts[2]))});
    }
    return rows;
}

void write_record(std::vector<RecordEntry> rows,
                  const std::function<void(std::string_view)>& sink) {
    // A merge sort: rows come in runs already sorted (a wheel's members, folder
    // by folder), where it compares least.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const RecordEntry& a, const RecordEntry& b) { return a.path < b.path; });
    constexpr std::size_t piece = 16 * 1024;
    std::string text;
    text.reserve(piece);
    for (const RecordEntry& row : rows) {
        append_csv_field(text, row.path);
        text += ',';
        text += row.hash;
        text += ',';
        if (row.size) {
            const fmt::format_int digits(*row.size);
            text.append(digits.data(), digits.size());
        }
        text += "\r\n";
        if (text.size() >= piece - 1024) {
            sink(text);
            text.clear();
        }
    }
    if (!text.empty()) {
        sink(text);
    }
}

} // namespace cppvenv
