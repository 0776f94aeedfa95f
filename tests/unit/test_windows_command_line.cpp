// Windows command-line quoting: what `cppvenv run` passes through _spawnve must
// reach the child's argv unchanged (the C runtime's splitting rules).
#include "catch_compat.hpp"
#include "util/windows_command_line.hpp"

#include <vector>

using cppvenv::cmd_word;
using cppvenv::quote_windows_argument;

namespace {

// The Microsoft C runtime's argv splitting (parse_cmdline), for one word.
std::vector<std::string> split_like_the_c_runtime(const std::string& line) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < line.size()) {
        while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) {
            ++at;
        }
        if (at == line.size()) {
            break;
        }
        std::string word;
        bool quoted = false;
        for (; at < line.size() && (quoted || (line[at] != ' ' && line[at] != '\t')); ++at) {
            std::size_t backslashes = 0;
            while (at < line.size() && line[at] == '\\') {
                ++backslashes;
                ++at;
            }
            if (at < line.size() && line[at] == '"') {
                word.append(backslashes / 2, '\\');
                if (backslashes % 2 == 1) {
                    word += '"';
                } else if (quoted && at + 1 < line.size() && line[at + 1] == '"') {
                    word += '"';
                    ++at;
                } else {
                    quoted = !quoted;
                }
                continue;
            }
            word.append(backslashes, '\\');
            if (at < line.size()) {
                if (!quoted && (line[at] == ' ' || line[at] == '\t')) {
                    break;
                }
                word += line[at];
            } else {
                break;
            }
        }
        words.push_back(word);
    }
    return words;
}

} // namespace

TEST_CASE("Windows arguments: plain words stay, others are quoted so they split back") {
    CHECK(quote_windows_argument("python.exe") == "python.exe");
    CHECK(quote_windows_argument("C:\\a\\b") == "C:\\a\\b");
    CHECK(quote_windows_argument("") == "\"\"");
    CHECK(quote_windows_argument("a b") == "\"a b\"");
    CHECK(quote_windows_argument("C:\\my env\\") == "\"C:\\my env\\\\\"");
    CHECK(quote_windows_argument("say \"hi\"") == "\"say \\\"hi\\\"\"");
    CHECK(quote_windows_argument("a\\\"b") == "\"a\\\\\\\"b\"");
}

TEST_CASE("Windows arguments: every hostile word survives a round trip through the C runtime") {
    const std::vector<std::string> arguments = {"python.exe",
                                                "-c",
                                                "print(\"a b\")",
                                                "",
                                                "C:\\Program Files\\x\\",
                                                "\\\\server\\share",
                                                "tab\there",
                                                "\"",
                                                "\\\"",
                                                "a\\\\\"b c",
                                                "100%",
                                                "^&|<>",
                                                "new\nline",
                                                "end\\\\"};
    std::string line;
    for (const std::string& argument : arguments) {
        line += (line.empty() ? "" : " ") + quote_windows_argument(argument);
    }
    CHECK(split_like_the_c_runtime(line) == arguments);
}

TEST_CASE("commands shown for cmd quote words with spaces or cmd's special characters") {
    CHECK(cmd_word("C:\\envs\\env") == "C:\\envs\\env");
    CHECK(cmd_word("my env") == "\"my env\"");
    CHECK(cmd_word("a&b") == "\"a&b\"");
    CHECK(cmd_word("") == "\"\"");
}
