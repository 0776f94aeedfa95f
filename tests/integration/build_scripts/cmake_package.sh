#!/usr/bin/env bash
# find_package(cppvenv) from a `cmake --install` prefix: the README's sample
# project creates its venv at build time, installs a wheel offline with the
# venv's pip, generates a source file with it; a second build does nothing; a
# changed requirements.txt makes the venv again and regenerates the file.
. "$(dirname "$0")/../create/lib.sh"
. "$(dirname "$0")/sample.sh"
: "${CPPVENV_BUILD_DIR:?CPPVENV_BUILD_DIR must name the build folder}"
for tool in cmake ninja cc; do
    command -v "$tool" >/dev/null || skip_suite "$tool is not installed"
done
require_any_python
export XDG_CONFIG_HOME="$WORK/config" # no user config.toml
cd "$WORK" || exit 1

check "cmake --install puts cppvenv and its package config in a prefix" \
    sh -c "cmake --install '$CPPVENV_BUILD_DIR' --prefix '$WORK/prefix' >install.log 2>&1"
check "the package config is installed" test -f prefix/share/cmake/cppvenv/cppvenvConfig.cmake
check "the version file is installed" test -f prefix/share/cmake/cppvenv/cppvenvConfigVersion.cmake
write_sample_project project CMakeLists.txt

export CPPVENV_PYTHON="$python"
check "the sample project configures with find_package(cppvenv)" \
    sh -c "cmake -S project -B build -G Ninja -DCMAKE_PREFIX_PATH='$WORK/prefix' >configure.log 2>&1"
check "the first build succeeds" sh -c "cmake --build build >build1.log 2>&1"
check "the first build made the venv" grep -q "Creating the Python venv" build1.log
check_equal "the program says what the wheel's package gave the generator" \
    "Hello from greeting 1.0" "$(build/greeter 2>&1)"
check "the venv's interpreter is the one asked for" \
    grep -q "^home = $(dirname "$(readlink -f "$python")")\$" build/venv/pyvenv.cfg
check "the package is in the venv, installed by the venv's pip" \
    build/venv/bin/python -c "import greeting, sys; sys.exit(greeting.MESSAGE != 'Hello from greeting 1.0')"
echo "--- first build:"; tail -5 build1.log

check "the second build succeeds" sh -c "cmake --build build >build2.log 2>&1"
check "the second build does nothing" grep -q "ninja: no work to do" build2.log
echo "--- second build:"; cat build2.log

inode_before=$(stat -c %i build/venv/pyvenv.cfg)
sleep 1 # a newer mtime than the stamp, on file systems with 1 s resolution
echo "greeting==2.0" >project/requirements.txt
check "the build after requirements.txt changed succeeds" sh -c "cmake --build build >build3.log 2>&1"
check "...made the venv again" grep -q "Creating the Python venv" build3.log
check "...as a new venv (--clear)" test "$(stat -c %i build/venv/pyvenv.cfg)" != "$inode_before"
check_equal "...and regenerated the source with the new package" \
    "Hello from greeting 2.0" "$(build/greeter 2>&1)"
check "the build after that does nothing" sh -c "cmake --build build 2>&1 | grep -q 'ninja: no work to do'"

touch prefix/bin/cppvenv
check "a newer cppvenv makes the venv again" \
    sh -c "cmake --build build 2>&1 | grep -q 'Creating the Python venv'"

# Without pip from the environment or a config file, the requirements still install.
mkdir -p "$XDG_CONFIG_HOME/cppvenv"
echo "without-pip = true" >"$XDG_CONFIG_HOME/cppvenv/config.toml"
rm -rf build
check "a config.toml with without-pip = true does not break the build" \
    sh -c "cmake -S project -B build -G Ninja -DCMAKE_PREFIX_PATH='$WORK/prefix' >/dev/null 2>&1 && cmake --build build >build4.log 2>&1"
check_equal "...whose program still works" "Hello from greeting 2.0" "$(build/greeter 2>&1)"
finish
