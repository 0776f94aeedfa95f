#pragma once
// One quoting function per shell: any text as a literal that shell reads back unchanged.

#include <string>
#include <string_view>

namespace cppvenv {

// One function per shell turns any text into a literal that the shell reads back
// as exactly that text, with no expansion of any kind. Each throws Error (naming
// the shell and the value) when the shell cannot hold the text safely. None of
// them accepts a NUL byte.

// sh, bash, zsh, ksh, dash, busybox: '...' with ' written as '\''.
std::string quote_for_posix_sh(std::string_view text);

// fish: '...' with \ and ' escaped by a backslash (fish reads \\ and \' inside
// single quotes).
std::string quote_for_fish(std::string_view text);

// csh and tcsh: '...' with ' written as '\'' and ! as \! (history substitution
// happens even inside single quotes). A newline cannot be quoted: refused.
std::string quote_for_csh(std::string_view text);

// nushell: a raw string r#'...'# with one more # than any run of # in the text.
std::string quote_for_nushell(std::string_view text);

// PowerShell: an expression made only of ASCII: '...' runs (a ' doubled) joined
// with [char]::ConvertFromUtf32(0x...) for every non-ASCII character, so the
// script means the same whatever encoding Windows PowerShell reads it with (and
// the typographic quotes PowerShell treats as ' never appear in it). Text that is
// not UTF-8 is refused.
std::string quote_for_powershell(std::string_view text);

// cmd.exe: the argument of `set`, "NAME=value" with % written as %%. `set` runs
// with delayed expansion either off or on; with CmdExpansion::Delayed the value is
// also escaped for the !VAR! pass (^ as ^^ and ! as ^!, when it holds a !).
// A double quote, a newline or a carriage return cannot be held: refused.
enum class CmdExpansion { Immediate, Delayed };
std::string quote_for_cmd(std::string_view name, std::string_view text, CmdExpansion expansion);

// Python (activate_this.py, xonsh): a str literal '...' that escapes \, ', control
// characters and DEL; bytes that are not UTF-8 become \udcXX, which os.fsencode()
// and os.environ turn back into the original bytes (surrogateescape).
std::string quote_for_python(std::string_view text);

} // namespace cppvenv
