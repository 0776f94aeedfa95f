#pragma once
// Colour and bold on a terminal, never with NO_COLOR.

#include <string>
#include <string_view>

namespace cppvenv {

enum class Tone { Good, Bad, Strong };

// `text` in a colour (or bold) when stdout is a terminal and NO_COLOR is unset;
// otherwise `text` as it is.
std::string styled_for_stdout(std::string_view text, Tone tone);

// "12.3 MiB", "512 KiB", "900 B".
std::string human_size(unsigned long long bytes);

} // namespace cppvenv
