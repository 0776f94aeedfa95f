// Filling {{PLACEHOLDER}}s of an embedded template with already-quoted values.
#include "activation/template_rendering.hpp"

#include "util/error.hpp"

namespace cppvenv {

std::string fill_placeholders(std::string_view template_name, std::string_view template_text,
                              const std::map<std::string, std::string>& values) {
    static constexpr std::string_view open = "{{";
    static constexpr std::string_view close = "}}";
    std::string filled;
    filled.reserve(template_text.size());
    std::size_t from = 0;
    for (;;) {
        const std::size_t start = template_text.find(open, from);
        if (start == std::string_view::npos) {
            filled.append(template_text.substr(from));
            return filled;
        }
        const std::size_t end = template_text.find(close, start + open.size());
        if (end == std::string_view::npos) {
            throw Error("activation template " + std::string(template_name) +
                        " has an unterminated placeholder");
        }
        const std::string name(
            template_text.substr(start + open.size(), end - start - open.size()));
        const auto value = values.find(name);
        if (value == values.end()) {
            throw Error("activation template " + std::string(template_name) +
                        " uses the unknown placeholder {{" + name + "}}");
        }
        filled.append(template_text.substr(from, start - from));
        filled.append(value->second);
        from = end + close.size();
    }
}

std::string with_line_endings(std::string_view text, LineEndings endings) {
    const std::string_view line_end = endings == LineEndings::CrLf ? "\r\n" : "\n";
    std::string converted;
    converted.reserve(text.size() + (endings == LineEndings::CrLf ? text.size() / 16 : 0));
    // Line by line: a line's own \r before its \n is dropped and the wanted
    // ending written; a lone \r and a last line without \n stay as they are.
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        if (newline == std::string_view::npos) {
            converted.append(text);
            break;
        }
        std::string_view line = text.substr(0, newline);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        converted.append(line).append(line_end);
        text.remove_prefix(newline + 1);
    }
    return converted;
}

} // namespace cppvenv
