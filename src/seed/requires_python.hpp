#pragma once
// Whether a Python version satisfies a wheel's Requires-Python, as pip decides
// it: a wheelhouse shared by several Pythons must not seed a pip that the new
// venv's Python cannot run.

#include <optional>
#include <string_view>

namespace cppvenv {

// Whether `python_version` ("3.8.18") satisfies the PEP 440 specifier set
// `specifiers` (">=3.8", ">=2.7,!=3.0.*,!=3.1.*", "~=3.9"); an empty set is
// satisfied by every version. Nothing when the text is no specifier set:
// pip ignores such a Requires-Python, and so does the seed.
std::optional<bool> python_satisfies(std::string_view specifiers, std::string_view python_version);

} // namespace cppvenv
