#!/usr/bin/env bash
# Files a repository can plant never make cppvenv run a program: a
# .python-version that names a path, a pyvenv.cfg whose home points into the
# repository, a PATH entry that means the current folder. Interpreters that hang
# or print without end are stopped.
. "$(dirname "$0")/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
export PATH="$(dirname "$python"):/usr/bin:/bin"
unset PYENV_VERSION
export PYENV_ROOT="$WORK/pyenv"
mkdir -p "$PYENV_ROOT/versions"

plant_program() { # plant_program PATH: an executable that leaves a mark when run
    mkdir -p "$(dirname "$1")"
    printf '#!/bin/sh\ntouch "%s"\nexec "%s" "$@"\n' "$WORK/RAN" "$python" >"$1"
    chmod +x "$1"
}
ran() { test -e "$WORK/RAN"; }

# .python-version naming a path inside the repository.
mkdir -p repo && plant_program repo/tools/python3
printf 'tools/python3\n' >repo/.python-version
(cd repo && "$CPPVENV" create --without-pip .venv 2>"$WORK/err")
check "a .python-version naming tools/python3 runs nothing" test ! -e RAN
check "the error names the file and the ignored line" \
    grep -q "repo/.python-version names no version: ignored line 1: 'tools/python3'" err
(cd repo && "$CPPVENV" python list >/dev/null 2>&1)
check "python list runs nothing a .python-version names" test ! -e RAN

# Climbing out of $PYENV_ROOT/versions (pyenv's CVE-2022-35861).
plant_program evil/bin/python3
mkdir -p climb && printf '../../../../../../../../proc/self/cwd/evil\n' >climb/.python-version
(cd climb && "$CPPVENV" create --without-pip .venv 2>/dev/null)
check "a .python-version climbing out of PYENV_ROOT/versions runs nothing" test ! -e RAN

# An absolute path in a parent folder's .python-version (a shared /tmp).
mkdir -p shared/project && printf '%s\n' "$WORK/evil/bin/python3" >shared/.python-version
(cd shared/project && "$CPPVENV" create --without-pip .venv 2>/dev/null)
check "an absolute path in a parent's .python-version runs nothing" test ! -e RAN

# A path line before a version line: the version is used, the path is named.
mkdir -p mixed && printf 'tools/python3\nsystem\n' >mixed/.python-version
(cd mixed && "$CPPVENV" create --without-pip .venv 2>"$WORK/err")
check "a valid line after an ignored one is used" test -f mixed/.venv/pyvenv.cfg
check "the ignored line is named in a warning" grep -q "warning: .*mixed/.python-version: ignored line 1" err

# The current folder on PATH (an empty entry or '.') is not searched.
mkdir -p cwdpath && plant_program cwdpath/python3
(cd cwdpath && PATH=":.:/nonexistent" "$CPPVENV" create --without-pip .venv 2>/dev/null)
check "an empty or '.' PATH entry does not run the current folder's python3" test ! -e RAN

# list and check --fast only look at files: a pyvenv.cfg naming an interpreter
# in the repository does not make them run it.
mkdir -p clone/.venv/bin && plant_program clone/tools/python3
printf 'home = /proc/self/cwd/tools\nversion = 3.12.1\ninclude-system-site-packages = false\n' \
    >clone/.venv/pyvenv.cfg
ln -s /proc/self/cwd/tools/python3 clone/.venv/bin/python3
(cd clone && "$CPPVENV" list >/dev/null 2>&1)
check "list runs no interpreter a pyvenv.cfg names" test ! -e RAN
(cd clone && "$CPPVENV" list --json >/dev/null 2>&1)
check "list --json runs no interpreter a pyvenv.cfg names" test ! -e RAN
(cd clone && "$CPPVENV" check --fast .venv >/dev/null 2>&1)
check "check --fast runs no interpreter a pyvenv.cfg names" test ! -e RAN

# Escape sequences in folder names and pyvenv.cfg values reach no terminal raw.
mkdir -p escapes
escape_name=$(printf 'v\033]0;PWNED\007\033[2J')
"$CPPVENV" create --without-pip -p "$python" --prompt "$(printf 'p\033[31m')" "escapes/$escape_name"
"$CPPVENV" list escapes >list.out 2>&1
check "list prints no escape character from a folder name" sh -c '! grep -q "$(printf "\033")" list.out'
check "list shows it as \\x1b" grep -q 'v\\x1b]0;PWNED\\x07' list.out
"$CPPVENV" info "escapes/$escape_name" >info.out 2>&1
check "info prints no escape character from pyvenv.cfg or the path" sh -c '! grep -q "$(printf "\033")" info.out'
"$CPPVENV" check "escapes/$escape_name" >check.out 2>&1
check "check prints no escape character" sh -c '! grep -q "$(printf "\033")" check.out'
"$CPPVENV" info "escapes/$escape_name/missing" >err.out 2>&1
check "an error message prints no escape character" sh -c '! grep -q "$(printf "\033")" err.out'

# An interpreter that never answers, or answers without end, is stopped.
mkdir -p hang
printf '#!/bin/sh\nexec sleep 600\n' >hang/python3.77 && chmod +x hang/python3.77
CPPVENV_INTERPRETER_TIMEOUT=1 run_cppvenv create --without-pip -p "$WORK/hang/python3.77" hung
check "an interpreter that hangs is stopped, the error names it and the limit ($ERR)" \
    sh -c "printf '%s' \"\$1\" | grep -q 'hang/python3.77 did not finish within 1 s'" _ "$ERR"
printf '#!/bin/sh\nexec yes "endless output"\n' >hang/python3.78 && chmod +x hang/python3.78
/usr/bin/time -f '%M' -o rss "$CPPVENV" create --without-pip -p "$WORK/hang/python3.78" loud 2>err
check "an interpreter that prints without end is stopped ($(cat err))" grep -q "printed more than 16 MiB" err
check "cppvenv's memory stays bounded while it reads ($(cat rss) KiB)" test "$(tail -n 1 rss)" -lt 200000
check "the stopped interpreter leaves no venv" test ! -e loud
finish
