#pragma once
// The one Windows command-line quoting: Windows passes a program one string,
// which the C runtime (and CommandLineToArgvW) splits back into argv. Used
// where cppvenv starts a process on Windows through _spawnve, which joins its
// arguments with spaces and quotes nothing.

#include <string>
#include <string_view>

namespace cppvenv {

// `argument` as one word that the Microsoft C runtime splits back into exactly
// `argument`: as it is when it is not empty and holds no space, tab, newline or
// '"'; else in double quotes, with a '"' written as \" and the backslashes
// before a '"' (or before the closing quote) doubled.
std::string quote_windows_argument(std::string_view argument);

// `text` as one word of a command shown to a person at cmd: as it is when
// nothing in it is special there, else in double quotes (where cmd's & | < > ^
// ( ) are plain), quoted as quote_windows_argument does.
std::string cmd_word(std::string_view text);

} // namespace cppvenv
