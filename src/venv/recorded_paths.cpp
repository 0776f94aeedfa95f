// Pure: reading and rewriting the text in a venv that records where it was made.
#include "venv/recorded_paths.hpp"

#include "seed/console_scripts.hpp"
#include "util/text.hpp"

namespace cppvenv {

namespace {

constexpr std::string_view trampoline_first_line = "#!/bin/sh\n";
constexpr std::string_view trampoline_exec = "'''exec' ";
constexpr std::string_view trampoline_arguments = " \"$0\" \"$@\"\n";
constexpr std::string_view trampoline_last_line = "' '''\n";

// One /bin/sh word made of '...' and "..." parts and plain characters, read
// from the start of `text`; nothing when it holds anything a shell would
// expand (a relocatable launcher's "$(dirname ...)") or is not closed.
std::optional<std::string> read_sh_word(std::string_view text, std::size_t& length) {
    std::string word;
    std::size_t at = 0;
    while (at < text.size() && text[at] != ' ' && text[at] != '\n') {
        const char c = text[at];
        if (c == '\'' || c == '"') {
            const std::size_t close = text.find(c, at + 1);
            if (close == std::string_view::npos) {
                return std::nullopt;
            }
            const std::string_view part = text.substr(at + 1, close - at - 1);
            if (c == '"' && part.find_first_of("$`\\") != std::string_view::npos) {
                return std::nullopt;
            }
            word += part;
            at = close + 1;
            continue;
        }
        if (c == '\\' && at + 1 < text.size() && text[at + 1] != '\n') {
            word += text[at + 1]; // 'it'\''s': the usual way to quote a '
            at += 2;
            continue;
        }
        if (std::string_view("$`\\;&|<>()\t*?[~#").find(c) != std::string_view::npos) {
            return std::nullopt;
        }
        word += c;
        ++at;
    }
    length = at;
    return word;
}

bool is_path_boundary(char c) {
    return c == '/' || c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '\n' || c == '\r';
}

// The keys that never name the venv itself: the base interpreter's, and the
// prompt (text, even when it looks like the path).
bool is_kept_key(std::string_view key) {
    return key == "home" || key == "executable" || key == "prompt" || key.rfind("base-", 0) == 0 ||
           key.rfind("base_", 0) == 0;
}

// `text` with each whole-path `old_root` replaced by `new_root`.
std::string replace_root(std::string_view text, std::string_view old_root,
                         std::string_view new_root) {
    std::string result;
    std::size_t from = 0;
    for (std::size_t at = text.find(old_root); at != std::string_view::npos;
         at = text.find(old_root, at + 1)) {
        const std::size_t end = at + old_root.size();
        const bool starts = at == 0 || text[at - 1] == ' ' || text[at - 1] == '=' ||
                            text[at - 1] == '\'' || text[at - 1] == '"';
        const bool ends = end == text.size() || is_path_boundary(text[end]);
        if (at < from || !starts || !ends) {
            continue;
        }
        result += text.substr(from, at - from);
        result += new_root;
        from = end;
    }
    result += text.substr(from);
    return result;
}

} // namespace

std::optional<LauncherStart> read_launcher_start(std::string_view text) {
    if (text.rfind(trampoline_first_line, 0) == 0) {
        std::string_view rest = text.substr(trampoline_first_line.size());
        if (rest.rfind(trampoline_exec, 0) != 0) {
            return std::nullopt;
        }
        rest.remove_prefix(trampoline_exec.size());
        std::size_t word_length = 0;
        std::optional<std::string> python = read_sh_word(rest, word_length);
        rest.remove_prefix(word_length);
        if (!python || python->empty() || python->front() != '/' ||
            rest.rfind(trampoline_arguments, 0) != 0) {
            return std::nullopt;
        }
        rest.remove_prefix(trampoline_arguments.size());
        if (rest.rfind(trampoline_last_line, 0) != 0) {
            return std::nullopt;
        }
        rest.remove_prefix(trampoline_last_line.size());
        return LauncherStart{std::move(*python), text.size() - rest.size()};
    }
    if (text.rfind("#!/", 0) != 0) {
        return std::nullopt;
    }
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view python = text.substr(2, end - 2);
    if (python.find_first_of(" \t\r") != std::string_view::npos) {
        return std::nullopt; // arguments: not a launcher pip or cppvenv writes
    }
    return LauncherStart{std::string(python), end + 1};
}

std::string with_launcher_python(std::string_view text, const LauncherStart& start,
                                 std::string_view python) {
    return python_shebang(python) + std::string(text.substr(start.length));
}

bool names_path(std::string_view text, std::string_view root) {
    for (std::size_t at = text.find(root); at != std::string_view::npos;
         at = text.find(root, at + 1)) {
        const std::size_t end = at + root.size();
        if (end == text.size() || is_path_boundary(text[end])) {
            return true;
        }
    }
    return false;
}

std::string pyvenv_cfg_with_root(std::string_view text, std::string_view old_root,
                                 std::string_view new_root,
                                 std::vector<std::string>& changed_keys) {
    std::string result;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line =
            text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
        text.remove_prefix(line.size());
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos || is_kept_key(trimmed(line.substr(0, equals)))) {
            result += line;
            continue;
        }
        const std::string key(trimmed(line.substr(0, equals)));
        const std::string value = replace_root(line.substr(equals + 1), old_root, new_root);
        if (value != line.substr(equals + 1)) {
            changed_keys.push_back(key);
        }
        result += std::string(line.substr(0, equals + 1)) + value;
    }
    return result;
}

} // namespace cppvenv
