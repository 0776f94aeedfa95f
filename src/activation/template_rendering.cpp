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
    std::string converted;
    converted.reserve(text.size() + text.size() / 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue; // the \n that follows writes the line ending
        }
        if (text[i] == '\n' && endings == LineEndings::CrLf) {
            converted += '\r';
        }
        converted += text[i];
    }
    return converted;
}

} // namespace cppvenv
