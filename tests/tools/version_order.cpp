// Reads one version per line and prints, for each, a line of '<', '=' or '>'
// comparing it with every line (in order), or "invalid" for a text that is not
// a PEP 440 version. tests/versions/compare_with_packaging.sh prints the same
// with pip's packaging.version and compares the two.
#include "util/package_version.hpp"

#include <iostream>
#include <string>
#include <vector>

int main() {
    std::vector<std::string> versions;
    for (std::string line; std::getline(std::cin, line);) {
        versions.push_back(line);
    }
    for (const std::string& a : versions) {
        if (!cppvenv::parse_package_version(a)) {
            std::cout << "invalid\n";
            continue;
        }
        std::string row;
        for (const std::string& b : versions) {
            if (!cppvenv::parse_package_version(b)) {
                row += 'x';
                continue;
            }
            const int order = cppvenv::compare_versions(a, b);
            row += order < 0 ? '<' : order > 0 ? '>' : '=';
        }
        std::cout << row << '\n';
    }
}
