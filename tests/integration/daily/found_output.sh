#!/usr/bin/env bash
# Output that says what it found: `list` with nothing found, a missing folder,
# `info`'s prompt (the one activation really draws), `create --dry-run`'s
# launchers and wheels.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3
cd "$WORK" || exit 1

# list: nothing found is said on stderr (exit 0); -q and --json say nothing.
mkdir -p empty/a/b
"$CPPVENV" list empty >list.out 2>list.err
check_equal "list with no venvs: exit 0" 0 "$?"
check_equal "list with no venvs: nothing on stdout" "" "$(cat list.out)"
check_equal "list with no venvs: one line on stderr" "cppvenv: no venvs under empty (3 levels deep)" \
    "$(cat list.err)"
(cd empty && "$CPPVENV" list --depth 1 >../dot.out 2>&1)
check_equal "list (the current folder) with no venvs" "cppvenv: no venvs under . (1 level deep)" \
    "$(cat dot.out)"
check_equal "-q list with no venvs prints nothing" "" "$("$CPPVENV" -q list empty 2>&1)"
check_equal "list --json with no venvs prints [] only" "[]" "$("$CPPVENV" list --json empty 2>&1)"
check_fails "list on a missing folder says so" 1 "^cppvenv: error: cannot list venvs in missing: no such folder$" \
    list missing
touch a-file
check_fails "list on a file says it is not a folder" 1 "cannot list venvs in a-file: not a folder$" \
    list a-file

# info's prompt is what bin/activate sets: the folder's name, or --prompt.
prompt_of_activation() { # the VIRTUAL_ENV_PROMPT bin/activate sets, without "(...) "
    bash --norc -c '. "$1/bin/activate" && printf %s "$VIRTUAL_ENV_PROMPT"' _ "$1" |
        sed 's/^(\(.*\)) $/\1/'
}
info_prompt() {
    "$CPPVENV" info "$1" | sed -n 's/^Prompt  *//p'
}
mkdir -p proj
"$CPPVENV" create --without-pip -p "$python" proj/.venv
check_equal "info on proj/.venv shows the prompt activation draws" \
    "$(prompt_of_activation proj/.venv)" "$(info_prompt proj/.venv)"
check_equal "info on proj/.venv/ (a trailing slash) too" \
    "$(prompt_of_activation proj/.venv)" "$(info_prompt proj/.venv/)"
"$CPPVENV" create --without-pip -p "$python" --prompt "my \$(prompt)" prompted
check_equal "info shows --prompt as activation draws it" \
    "my \$(prompt)" "$(info_prompt prompted)"
check_equal "activation draws the same" "my \$(prompt)" "$(prompt_of_activation prompted)"
"$python" -m venv --without-pip made-by-venv
check_equal "info on a python -m venv venv shows the prompt its activate draws" \
    "$(prompt_of_activation made-by-venv)" "$(info_prompt made-by-venv)"

# --dry-run lists the launchers each wheel would write, and the upgrade.
"$CPPVENV" create --dry-run --upgrade-deps -p "$python" dry >dry.out
check "--dry-run writes nothing" test ! -e dry
pip_wheel=$(sed -n 's/^  install  pip [^ ]* from //p' dry.out)
if [ -n "$pip_wheel" ]; then
    pip_version=$(sed -n 's/^  install  pip \([^ ]*\) from .*/\1/p' dry.out)
    minor=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    check_equal "--dry-run lists pip's launchers" \
        "$(printf '  script   %s  (pip %s)\n' "$WORK/dry/bin/pip" "$pip_version" "$WORK/dry/bin/pip3" "$pip_version" "$WORK/dry/bin/pip$minor" "$pip_version")" \
        "$(grep '^  script .*(pip ' dry.out)"
    check "--dry-run --upgrade-deps says which pip command runs" \
        grep -q "^  run      $WORK/dry/bin/python3 -m pip install --upgrade pip" dry.out
    # What a real create writes is what the dry run listed.
    "$CPPVENV" create -p "$python" real
    check_equal "the launchers a real create writes are the listed ones" \
        "$(sed -n 's|^  script   '"$WORK"'/dry/bin/\([^ ]*\)  .*|\1|p' dry.out | sort)" \
        "$(cd real/bin && for f in *; do head -c 2 "$f" | grep -q '#!' && grep -q 'import sys' "$f" && echo "$f"; done | grep -v '^activate' | sort)"
else
    echo "SKIPPED CHECK: --dry-run launchers: $python seeds pip with ensurepip here"
fi
finish
