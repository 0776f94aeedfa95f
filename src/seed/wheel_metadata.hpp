#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cppvenv {

// Whether a wheel's .dist-info/WHEEL says "Root-Is-Purelib: true" (header name
// and value in any case, as pip's email parser reads them); true when it says
// nothing. Never throws: any text is a WHEEL file with or without that header.
bool wheel_root_is_purelib(std::string_view wheel_metadata);

// The value of the first header `name` (any case) of a WHEEL or METADATA file,
// trimmed; nothing when the headers (which end at the first empty line) lack it.
std::optional<std::string> metadata_header(std::string_view metadata, std::string_view name);

} // namespace cppvenv
