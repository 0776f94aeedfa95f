#!/usr/bin/env bash
# Compiles every source file under src/ for a Windows target with Debian's
# mingw-w64 (syntax only), so POSIX-only calls cannot creep into shared code.
#
#   check_windows_compile.sh SOURCE_DIR BUILD_DIR
#
# Exits 77 (ctest: Skipped) when the cross compiler is not installed. The
# header-only libraries (CLI11, fmt, nlohmann-json, Boost) and the libzip,
# libdeflate and OpenSSL headers come from the host's /usr/include, through a
# folder of links to just those, so mingw's own C library headers are never mixed with glibc's.
set -u

source_dir=${1:?usage: check_windows_compile.sh SOURCE_DIR BUILD_DIR}
build_dir=${2:?usage: check_windows_compile.sh SOURCE_DIR BUILD_DIR}

compiler=""
# The posix thread model: std::thread and std::future, which Boost.Process uses.
for candidate in x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-g++; do
    if command -v "$candidate" >/dev/null; then
        compiler=$candidate
        break
    fi
done
if [ -z "$compiler" ]; then
    echo "SKIPPED: no mingw-w64 C++ compiler (apt-get install g++-mingw-w64-x86-64-posix)"
    exit 77
fi

shim=$build_dir/mingw-include
rm -rf "$shim"
mkdir -p "$shim/openssl"
for name in CLI fmt nlohmann boost toml++ zip.h zipconf.h libdeflate.h; do
    if [ ! -e "/usr/include/$name" ]; then
        echo "FAIL: /usr/include/$name is missing (run scripts/setup)"
        exit 1
    fi
    ln -s "/usr/include/$name" "$shim/$name"
done
# OpenSSL keeps its configuration headers in the multiarch folder.
for header in /usr/include/openssl/* /usr/include/*-linux-gnu/openssl/*; do
    [ -e "$header" ] && ln -sf "$header" "$shim/openssl/"
done

flags=(
    -std=c++17 -fsyntax-only -Wall -Wextra -Werror
    -DFMT_HEADER_ONLY -DBOOST_FILESYSTEM_NO_DEPRECATED '-DCPPVENV_VERSION="0"'
    # Boost 1.74's Boost.Process names __kernel_entry, which only the Windows
    # SDK's headers define; mingw's do not (a Boost bug, not ours).
    -D__kernel_entry=
    -I "$source_dir/src" -isystem "$shim"
)

failures=0
checked=0
while IFS= read -r -d '' file; do
    checked=$((checked + 1))
    if ! output=$("$compiler" "${flags[@]}" "$file" 2>&1); then
        failures=$((failures + 1))
        echo "FAIL ${file#"$source_dir"/}"
        printf '%s\n' "$output" | grep -E 'error' | head -20
    fi
done < <(find "$source_dir/src" -name '*.cpp' -print0 | sort -z)

# And what a Windows build must choose (host_platform() and what follows from it).
for file in "$source_dir"/tests/windows/*_is_windows.cpp; do
    checked=$((checked + 1))
    if ! output=$("$compiler" "${flags[@]}" "$file" 2>&1); then
        failures=$((failures + 1))
        echo "FAIL ${file#"$source_dir"/}"
        printf '%s\n' "$output" | grep -E 'error' | head -20
    fi
done

echo "$((checked - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
