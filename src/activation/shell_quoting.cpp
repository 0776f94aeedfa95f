// One quoting function per shell: any text as a literal that shell reads back unchanged.
#include "activation/shell_quoting.hpp"

#include "util/error.hpp"
#include "util/posix_sh_quoting.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

namespace cppvenv {

namespace {

// Shows a value in an error message: printable ASCII as is, anything else as \xNN,
// so a newline or a NUL in the value cannot garble the message itself.
std::string printable(std::string_view text) {
    std::string shown = "'";
    for (unsigned char c : text) {
        if (c >= 0x20 && c < 0x7f) {
            shown += static_cast<char>(c);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            shown += escaped;
        }
    }
    return shown + "'";
}

[[noreturn]] void refuse(std::string_view shell, std::string_view text, std::string_view why) {
    throw Error("cannot write the " + std::string(shell) + " activation script: the value " +
                printable(text) + " " + std::string(why));
}

void refuse_nul(std::string_view shell, std::string_view text) {
    if (text.find('\0') != std::string_view::npos) {
        refuse(shell, text, "contains a NUL byte");
    }
}

// Decodes one UTF-8 character at `text[at]` strictly (no overlong forms, no
// surrogates, nothing above U+10FFFF), as Python's decoder does. Returns the code
// point and advances `at`, or nothing (leaving `at` alone) for an invalid byte.
std::optional<std::uint32_t> decode_utf8(std::string_view text, std::size_t& at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) {
        ++at;
        return lead;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    std::uint32_t minimum = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2, code = lead & 0x1f, minimum = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3, code = lead & 0x0f, minimum = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4, code = lead & 0x07, minimum = 0x10000;
    } else {
        return std::nullopt;
    }
    if (at + length > text.size()) {
        return std::nullopt;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xc0) != 0x80) {
            return std::nullopt;
        }
        code = (code << 6) | (byte(at + i) & 0x3f);
    }
    if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return std::nullopt;
    }
    at += length;
    return code;
}

void refuse_non_utf8(std::string_view shell, std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        if (!decode_utf8(text, at)) {
            refuse(shell, text, "is not valid UTF-8");
        }
    }
}

std::string hex(std::uint32_t value, int digits) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", digits, static_cast<unsigned>(value));
    return buffer;
}

} // namespace

std::string quote_for_posix_sh(std::string_view text) {
    refuse_nul("POSIX sh", text);
    return single_quote_for_posix_sh(text);
}

std::string quote_for_fish(std::string_view text) {
    refuse_nul("fish", text);
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "'";
}

std::string quote_for_csh(std::string_view text) {
    refuse_nul("csh", text);
    if (text.find_first_of("\n\r") != std::string_view::npos) {
        refuse("csh", text, "contains a line break, which csh cannot quote");
    }
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') {
            quoted += "'\\''";
        } else if (c == '!') {
            quoted += "\\!";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

std::string quote_for_nushell(std::string_view text) {
    refuse_nul("nushell", text);
    refuse_non_utf8("nushell", text);
    // The raw string ends at the first ' followed by as many # as it opened with,
    // and nushell's lexer also misreads a # right after the opening quote when
    // the string opened with no more # than that: more # than any run in the text.
    std::size_t longest_run = 0;
    std::size_t run = 0;
    for (char c : text) {
        run = c == '#' ? run + 1 : 0;
        longest_run = std::max(longest_run, run);
    }
    const std::string hashes(longest_run + 1, '#');
    return "r" + hashes + "'" + std::string(text) + "'" + hashes;
}

std::string quote_for_powershell(std::string_view text) {
    refuse_nul("PowerShell", text);
    refuse_non_utf8("PowerShell", text);
    std::string expression;
    std::string run;
    bool has_non_ascii = false;
    const auto close_run = [&] {
        if (!run.empty()) {
            expression += (expression.empty() ? "" : " + ") + ("'" + run + "'");
            run.clear();
        }
    };
    for (std::size_t at = 0; at < text.size();) {
        const std::uint32_t code = *decode_utf8(text, at);
        if (code < 0x80) {
            run += static_cast<char>(code);
            if (code == '\'') {
                run += '\'';
            }
        } else {
            has_non_ascii = true;
            close_run();
            expression += (expression.empty() ? "" : " + ") +
                          ("[char]::ConvertFromUtf32(0x" + hex(code, 4) + ")");
        }
    }
    close_run();
    if (expression.empty()) {
        return "''";
    }
    return has_non_ascii ? "(" + expression + ")" : expression;
}

std::string quote_for_cmd(std::string_view name, std::string_view text, CmdExpansion expansion) {
    refuse_nul("cmd", text);
    refuse_non_utf8("cmd", text);
    if (text.find_first_of("\n\r") != std::string_view::npos) {
        refuse("cmd", text, "contains a line break, which cmd cannot quote");
    }
    if (text.find('"') != std::string_view::npos) {
        refuse("cmd", text, "contains a double quote, which cmd cannot quote");
    }
    // With delayed expansion on, carets are only consumed on a line that holds a !.
    const bool escape_for_delayed =
        expansion == CmdExpansion::Delayed && text.find('!') != std::string_view::npos;
    std::string quoted = "\"" + std::string(name) + "=";
    for (char c : text) {
        if (c == '%') {
            quoted += "%%";
        } else if (escape_for_delayed && (c == '^' || c == '!')) {
            quoted += '^';
            quoted += c;
        } else {
            quoted += c;
        }
    }
    return quoted + "\"";
}

std::string quote_for_python(std::string_view text) {
    refuse_nul("Python", text);
    std::string quoted = "'";
    for (std::size_t at = 0; at < text.size();) {
        const std::optional<std::uint32_t> code = decode_utf8(text, at);
        if (!code) {
            // Python's surrogateescape maps an undecodable byte to U+DC00 + byte.
            quoted += "\\udc" + hex(static_cast<unsigned char>(text[at]), 2);
            ++at;
        } else if (*code == '\\' || *code == '\'') {
            quoted += '\\';
            quoted += static_cast<char>(*code);
        } else if (*code >= 0x20 && *code < 0x7f) {
            quoted += static_cast<char>(*code);
        } else if (*code < 0x100) {
            quoted += "\\x" + hex(*code, 2);
        } else if (*code < 0x10000) {
            quoted += "\\u" + hex(*code, 4);
        } else {
            quoted += "\\U" + hex(*code, 8);
        }
    }
    return quoted + "'";
}

} // namespace cppvenv
