#pragma once
// Filling {{PLACEHOLDER}}s of an embedded template with already-quoted values.

#include <map>
#include <string>
#include <string_view>

namespace cppvenv {

// Replaces every {{NAME}} in `template_text` with `values.at(NAME)`, inserted as
// is: each value is already a literal quoted for the template's shell. A
// placeholder without a value, or an unterminated one, is a bug in the template and
// throws Error naming `template_name`.
std::string fill_placeholders(std::string_view template_name, std::string_view template_text,
                              const std::map<std::string, std::string>& values);

// Line endings: LF only, or CRLF on every line (for cmd's .bat files).
enum class LineEndings { Lf, CrLf };
std::string with_line_endings(std::string_view text, LineEndings endings);

} // namespace cppvenv
