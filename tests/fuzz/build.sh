#!/usr/bin/env bash
# Configures and builds the fuzz targets under BUILD_DIR with clang++ and
# libFuzzer; exits 77 (ctest: Skipped) when either is missing.
# Usage: build.sh CLANGXX BUILD_DIR
set -euo pipefail
clang=$1
build_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v "$clang" >/dev/null; then
    echo "SKIP: no clang++ (apt clang): the fuzz targets are not built"
    exit 77
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }' \
    >"$probe/probe.cpp"
if ! "$clang" -fsanitize=fuzzer "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/error"; then
    echo "SKIP: $clang cannot link libFuzzer (apt libclang-rt-14-dev): $(head -3 "$probe/error")"
    exit 77
fi
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER="$clang" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
fi
cmake --build "$build_dir"
