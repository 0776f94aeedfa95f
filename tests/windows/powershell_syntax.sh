#!/usr/bin/env bash
# Syntax-checks every rendered Activate.ps1 (Windows and POSIX layouts, hostile
# paths and prompts) with the tree-sitter PowerShell grammar in node: an ERROR
# or MISSING node fails the test. No PowerShell binary can be had here.
#
#   powershell_syntax.sh RENDER_ACTIVATION GRAMMAR_DIR
#
# GRAMMAR_DIR is where scripts/setup installed tree-sitter-powershell and
# web-tree-sitter from npm; exits 77 (ctest: Skipped) without node or them.
set -u
render=${1:?usage: powershell_syntax.sh RENDER_ACTIVATION GRAMMAR_DIR}
grammar=${2:?usage: powershell_syntax.sh RENDER_ACTIVATION GRAMMAR_DIR}
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v node >/dev/null ||
    [ ! -f "$grammar/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm" ] ||
    [ ! -f "$grammar/node_modules/web-tree-sitter/web-tree-sitter.cjs" ]; then
    echo "SKIPPED: node, tree-sitter-powershell or web-tree-sitter missing (run scripts/setup)"
    exit 77
fi
echo "exercised shell: PowerShell (syntax only, tree-sitter grammar)"

work=$(mktemp -d "${TMPDIR:-/tmp}/cppvenv-ps1-syntax.XXXXXX")
trap 'rm -rf "$work"' EXIT
files=()
case_number=0
render_case() { # ENV_DIR PROMPT [--windows]
    local bin=bin kind
    [ "${3:-}" = --windows ] && bin=Scripts
    for kind in fixed relocatable; do
        case_number=$((case_number + 1))
        local out=$work/$case_number
        mkdir -p "$out/$bin"
        local options=("${@:3}")
        [ $kind = relocatable ] && options+=(--relocatable)
        if ! "$render" "$out" "$1" "$bin" "$2" "${options[@]}"; then
            echo "FAIL: cannot render the scripts for $1"
            exit 1
        fi
        files+=("$out/$bin/Activate.ps1")
    done
}

# A double quote cannot be in a Windows path (and cmd cannot hold it): POSIX only.
hostile="it's \$(Get-Date) \`n %PATH% !x! ^ & | ( ) ; # @{a} \$env:X"
typographic=$'\xe2\x80\x98single\xe2\x80\x99 \xe2\x80\x9cdouble\xe2\x80\x9d \xe2\x80\x9a\xe2\x80\x9b'
render_case 'C:\Users\me\env' env --windows
render_case "C:\\Users\\$hostile" "$hostile" --windows
render_case "C:\\Users\\$typographic" "$typographic" --windows
render_case $'C:\\Users\\\xc3\xa9\xe4\xb8\xad\xf0\x9f\x90\x8d' $'\xc3\xa9\xe4\xb8\xad\xf0\x9f\x90\x8d' --windows
render_case "/home/me/$hostile \"q\"" "$hostile \"q\""
render_case "/srv/$typographic" ''

# A control: the checker must reject a broken script.
printf '$x = (1 +\nfunction f( {\n' > "$work/broken.ps1"
if node --liftoff-only "$here/check_powershell_syntax.cjs" "$grammar" "$work/broken.ps1" >/dev/null; then
    echo "FAIL: the syntax checker accepted a broken script"
    exit 1
fi

node --liftoff-only "$here/check_powershell_syntax.cjs" "$grammar" "${files[@]}"
