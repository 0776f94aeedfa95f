#!/usr/bin/env bash
# `--help` of cppvenv and of every (sub)subcommand, compared exactly with the
# committed texts in tests/help/ (one file per command: cppvenv_python_list.txt
# is `cppvenv python list --help`), and what every help must show.
#
# After a deliberate change to the CLI, regenerate the texts and review the diff:
#   CPPVENV=build/cppvenv UPDATE_HELP_SNAPSHOTS=1 bash tests/integration/daily/help_snapshots.sh
#   git diff tests/help
. "$(dirname "$0")/../create/lib.sh"
: "${CPPVENV_SOURCE_DIR:?CPPVENV_SOURCE_DIR must name the source tree}"
snapshots=$CPPVENV_SOURCE_DIR/tests/help

# The commands under "Subcommands:" in a help text (first name of "remove, rm").
subcommands_in() {
    printf '%s\n' "$1" | sed -n '/^Subcommands:$/,/^$/{/^  [a-z]/{s/^  \([a-z][a-z-]*\).*/\1/;p}}'
}

# Every command line that has a help: "", "create", "python list", ...
commands=()
walk() { # walk PREFIX-WORDS...
    local text sub
    commands+=("$*")
    text=$("$CPPVENV" "$@" --help)
    for sub in $(subcommands_in "$text"); do
        walk "$@" "$sub"
    done
}
walk

check "found the subcommands (create, run, python list, config show)" \
    sh -c 'printf "%s\n" "$@" | grep -qx "python list" && printf "%s\n" "$@" | grep -qx run &&
           printf "%s\n" "$@" | grep -qx "config show" && printf "%s\n" "$@" | grep -qx create' \
    _ "${commands[@]}"

for command in "${commands[@]}"; do
    # shellcheck disable=SC2086 # the words of the command, split on purpose
    text=$("$CPPVENV" $command --help)
    status=$?
    name=cppvenv${command:+ $command}
    file=$snapshots/$(printf '%s' "$name" | tr ' ' _).txt
    check_equal "$name --help exits 0" 0 "$status"
    if [ "${UPDATE_HELP_SNAPSHOTS:-}" = 1 ]; then
        printf '%s\n' "$text" >"$file"
    fi
    check_equal "$name --help is the committed text ($file; see this script to regenerate)" \
        "$(cat "$file" 2>/dev/null)" "$text"
    check "$name --help has an Examples section" grep -q '^Examples' <<<"$text"
    check "$name --help has no CLI11 Excludes:/Needs: notes" \
        sh -c '! grep -q "Excludes:\|Needs:" <<EOT
$1
EOT' _ "$text"
    if [ -n "$command" ]; then
        for option in "-v,--verbose" "-q,--quiet" "--color WHEN"; do
            check "$name --help shows the global $option" grep -q -- "^  $option " <<<"$text"
        done
        check "$name --help does not repeat the top-level footer" \
            sh -c '! grep -q "for one command.s options" <<EOT
$1
EOT' _ "$text"
    fi
done
# Every committed text is still a command's help (none left from a removed one).
for file in "$snapshots"/*.txt; do
    name=$(basename "$file" .txt | tr _ ' ')
    check "$(basename "$file") belongs to a command" \
        sh -c 'printf "cppvenv %s\n" "$@" | sed "s/ \$//" | grep -qxF "$0"' "$name" "${commands[@]}"
done

check "run --help shows the command after ENV_DIR" \
    grep -q '^Usage: cppvenv run \[OPTIONS\] ENV_DIR \[COMMAND \[ARGS\.\.\.\]\]$' \
    <<<"$("$CPPVENV" run --help)"
check_fails "completion without a shell names the shells it knows" 2 \
    "completion needs a shell: one of bash, zsh, fish" completion
finish
