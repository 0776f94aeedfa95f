#!/usr/bin/env bash
# The include check must fail, naming the file, when a lower layer includes a
# higher one: plant such includes in a copy of src/ and expect each to be caught.
set -u
src_dir=${1:?usage: check_include_layers_catches.sh SRC_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
for planted in "activation/activation.hpp:venv/plan.hpp" "seed/install_wheels.cpp:venv/plan.hpp" \
               "python/discovery.cpp:venv/plan.hpp" "util/tree_writer.cpp:python/inspection.hpp" \
               "venv/create.cpp:cli/command.hpp"; do
    file=${planted%%:*}
    include=${planted#*:}
    rm -rf "$work/src" && cp -r "$src_dir" "$work/src"
    printf '#include "%s"\n' "$include" >>"$work/src/$file"
    if output=$(bash "$here/check_include_layers.sh" "$work/src"); then
        echo "not caught: #include \"$include\" in src/$file"
        failures=$((failures + 1))
    elif [[ $output != *"src/$file:"* ]]; then
        echo "caught but the file is not named: src/$file"; echo "$output"
        failures=$((failures + 1))
    fi
done
if ! bash "$here/check_include_layers.sh" "$src_dir" >/dev/null; then
    echo "the real src/ does not pass, so this self-check shows nothing"
    failures=$((failures + 1))
fi
((failures == 0)) && echo "every planted wrong-way include was caught"
exit $((failures > 0))
