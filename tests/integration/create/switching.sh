#!/usr/bin/env bash
# What people type when they come from venv, virtualenv or uv: errors in one
# voice with the likely command, the flags they bring along, the default .venv
# and its prompt, and every form of -p.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK"

# --- errors: one line, lowercase, the command they likely meant, exit 2 ---
check_fails "a folder name where the command belongs suggests create" 2 \
    "^cppvenv: error: unknown command 'myenv'; did you mean: cppvenv create myenv$" myenv
check_fails "python's -m venv suggests create" 2 \
    "did you mean: cppvenv create x$" -m venv x
check_fails "uv's venv command suggests create" 2 \
    "^cppvenv: error: unknown command 'venv'; did you mean: cppvenv create --clear x$" venv --clear x
check_fails "a misspelt command is corrected" 2 \
    "^cppvenv: error: unknown command 'crate'; did you mean: cppvenv create x$" crate x
check_fails "a misspelt option is corrected" 2 \
    "^cppvenv: error: unknown option '--clera' for cppvenv create; did you mean: cppvenv create --clear x$" create --clera x
check_fails "a misspelt long option is corrected" 2 \
    "did you mean: cppvenv create --system-site-packages x$" create --sytem-site-packages x
check_fails "a create option before the command suggests create" 2 \
    "did you mean: cppvenv create -p 3.12 x$" -p 3.12 x
check_fails "an unknown command far from any lists the commands" 2 \
    "^cppvenv: error: unknown command 'frobnicate'; the commands are create, info" frobnicate
check_fails "a value missing is named" 2 "^cppvenv: error: --prompt needs a value$" create x --prompt
check_fails "excluding options are named" 2 \
    "^cppvenv: error: --clear and --upgrade cannot be used together$" create --clear --upgrade x
check_fails "an extra argument is named" 2 "^cppvenv: error: unexpected argument b for cppvenv info" info a b
check_fails "a flag given a value is explained" 2 "^cppvenv: error: --clear is a flag" create --clear=maybe x
check_fails "a missing command of python is named" 2 "^cppvenv: error: cppvenv python needs a command: list$" python
check "no error line starts with a capital (CLI11's voice)" test -z "$(
    for words in "" "create --prompt" "info" "info a b" "list --depth 99" "completion tcsh" "-x" "create --nope"; do
        # shellcheck disable=SC2086
        "$CPPVENV" $words 2>&1 >/dev/null | grep '^cppvenv: error: [A-Z][a-z ]'
    done)"
"$CPPVENV" >out 2>err
check_equal "cppvenv alone is a usage error" 2 "$?"
check_equal "cppvenv alone prints the usage and one error line" \
    "usage: cppvenv [-v | -q] COMMAND [ARGS]...|commands: create, info, list, check, run, shell, remove, python, completion, config|cppvenv: error: a command is required (try: cppvenv create .venv)" \
    "$(tr '\n' '|' <err | sed 's/|$//')"
check "cppvenv alone prints nothing on stdout" test ! -s out
check "no venv was made by any refused command line" test -z "$(find . -name pyvenv.cfg)"

finish
