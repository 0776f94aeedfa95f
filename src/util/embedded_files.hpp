#pragma once
// The templates and scripts compiled into the binary.

#include <string_view>
#include <vector>

namespace cppvenv {

// Files compiled into the binary (templates/, python/inspect_interpreter.py),
// looked up by their path relative to the source folder they come from, e.g.
// "activate" or "inspect_interpreter.py". Empty when there is no such file.
std::string_view embedded_file(std::string_view name);
std::vector<std::string_view> embedded_file_names();

} // namespace cppvenv
