#pragma once
// The one POSIX sh quoting: a text as a single-quoted word that sh reads back
// as exactly that text. Used by activation/ (bin/activate), seed/ (launcher
// trampolines) and venv/ (commands shown to the user).

#include <string>
#include <string_view>

namespace cppvenv {

// How a ' inside the text is written.
enum class SingleQuoteEscape {
    Backslash,    // '\'' (the usual form)
    DoubleQuoted, // '"'"' : never three ' in a row, so the word can sit in a Python ''' string
};

// 'text', with every ' written as `escape` says. Nothing inside single quotes is
// expanded by sh; a NUL cannot be held by any shell and is the caller's to refuse.
std::string single_quote_for_posix_sh(std::string_view text,
                                      SingleQuoteEscape escape = SingleQuoteEscape::Backslash);

// `text` as it is when it holds only characters no shell treats specially (and
// is not empty), else single_quote_for_posix_sh(text): for commands shown to a person.
std::string posix_sh_word(std::string_view text);

} // namespace cppvenv
