#pragma once
// Colour and bold on stdout, as colour_wanted decides (util/output.hpp).

#include "util/output.hpp"

#include <string>
#include <string_view>

namespace cppvenv {

// `text` in the palette's colour (or bold) when colour_wanted for stdout;
// otherwise `text` as it is.
std::string styled_for_stdout(std::string_view text, Tone tone);

// "12.3 MiB", "512 KiB", "900 B".
std::string human_size(unsigned long long bytes);

} // namespace cppvenv
