#!/usr/bin/env bash
# Includes point one way (see src/ARCHITECTURE.md):
#   util <- python <- seed;  activation <- venv <- cli <- main
# Each folder of src/ may include only the folders listed for it below; a file
# that includes a higher (or sideways) layer is named, and the check fails.
# Usage: check_include_layers.sh SRC_DIR
set -u
src_dir=${1:?usage: check_include_layers.sh SRC_DIR}

allowed_for() {
    case "$1" in
        util) echo "util" ;;
        python) echo "util python" ;;
        seed) echo "util python seed" ;;
        activation) echo "util activation" ;;
        venv) echo "util python seed activation venv" ;;
        cli) echo "util python seed activation venv cli" ;;
        main | generate_man_page) echo "util python seed activation venv cli" ;;
        *) echo "" ;;
    esac
}

violations=0
checked=0
while IFS= read -r -d '' file; do
    relative=${file#"$src_dir"/}
    if [[ $relative == */* ]]; then
        layer=${relative%%/*}
    else
        layer=${relative%.*} # main.cpp
    fi
    allowed=" $(allowed_for "$layer") "
    if [[ $allowed == "  " ]]; then
        echo "src/$relative: folder '$layer' has no layer; add it to $0 and src/ARCHITECTURE.md"
        violations=$((violations + 1))
        continue
    fi
    checked=$((checked + 1))
    line_number=0
    while IFS= read -r line; do
        line_number=$((line_number + 1))
        if [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([A-Za-z_]+)/ ]]; then
            included=${BASH_REMATCH[1]}
            if [[ $allowed != *" $included "* ]]; then
                echo "src/$relative:$line_number: $layer/ must not include $included/ ($line)"
                violations=$((violations + 1))
            fi
        fi
    done <"$file"
done < <(find "$src_dir" -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0)

if ((checked == 0)); then
    echo "no source files found under $src_dir"
    exit 1
fi
if ((violations > 0)); then
    echo "$violations include(s) point the wrong way"
    exit 1
fi
echo "includes point one way in $checked files"
