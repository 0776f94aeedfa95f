// Writes the activation scripts for one venv into a folder, so the shell suites
// can test them without the rest of `cppvenv create`.
//
//   render_activation OUT_DIR ENV_DIR BIN_DIR PROMPT [--relocatable] [--windows]
//
// Scripts go to OUT_DIR/BIN_DIR/NAME. A value that some shell cannot hold is
// reported as "render_activation: error: MESSAGE" with exit status 1.
#include "activation/activation.hpp"
#include "util/error.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 5) {
        std::cerr << "usage: render_activation OUT_DIR ENV_DIR BIN_DIR PROMPT "
                     "[--relocatable] [--windows]\n";
        return 2;
    }
    cppvenv::ActivationValues values;
    cppvenv::Platform platform = cppvenv::Platform::Posix;
    for (int i = 5; i < argc; ++i) {
        if (std::strcmp(argv[i], "--relocatable") == 0) {
            values.relocatable = cppvenv::Relocatable::Yes;
        } else if (std::strcmp(argv[i], "--windows") == 0) {
            platform = cppvenv::Platform::Windows;
        } else {
            std::cerr << "render_activation: unknown option " << argv[i] << "\n";
            return 2;
        }
    }
    values.env_dir = cppvenv::TargetPath(argv[2], platform);
    values.bin_dir = argv[3];
    values.prompt = argv[4];
    try {
        for (const cppvenv::ActivationScript& entry : cppvenv::render_activation_scripts(values)) {
            const std::string path = std::string(argv[1]) + "/" + entry.relative_path;
            std::ofstream out(path, std::ios::binary);
            out << entry.contents;
            if (!out.flush()) {
                std::cerr << "render_activation: cannot write " << path << "\n";
                return 1;
            }
        }
    } catch (const cppvenv::Error& error) {
        std::cerr << "render_activation: error: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
