#!/usr/bin/env bash
# Runs one fuzz target for a bounded time from its committed seed corpus
# (tests/fuzz/corpus/TARGET, read only: new inputs go to a scratch folder).
# A crash, a leak, undefined behaviour or an exception other than cppvenv's
# Error fails the test and prints the input, to turn into a unit regression test.
# Usage: run.sh BUILD_DIR TARGET SECONDS
set -euo pipefail
build_dir=$1
target=$2
seconds=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
binary=$build_dir/fuzz_$target
if [ ! -x "$binary" ]; then
    echo "SKIP: $binary is not built (no clang++ or libFuzzer; see 'fuzz: build the targets')"
    exit 77
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cppvenv-fuzz-$target.XXXXXX")
status=0
"$binary" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$scratch/" \
    "$scratch" "$here/corpus/$target" >"$scratch/log" 2>&1 || status=$?
tail -15 "$scratch/log"
if [ "$status" -ne 0 ]; then
    for artifact in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*; do
        [ -f "$artifact" ] || continue
        echo "FAIL: $target: $artifact, input as hex:"
        od -An -tx1 -v "$artifact" | head -20
    done
    echo "(scratch folder kept: $scratch)"
    exit 1
fi
rm -rf "$scratch"
echo "PASS: $target ran ${seconds}s without a crash"
