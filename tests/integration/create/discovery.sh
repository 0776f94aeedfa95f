#!/usr/bin/env bash
# -p/--python and .python-version pick the interpreter a user would expect.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
py39=$(resolve_interpreter_or_skip "$HOME/.pyenv/versions/3.9.*/bin/python3.9")
py310=$(resolve_interpreter_or_skip "$HOME/.pyenv/versions/3.10.*/bin/python3.10")
export PYENV_ROOT="$HOME/.pyenv"
export PATH="$PYENV_ROOT/shims:/usr/local/bin:/usr/bin:/bin"
unset PYENV_VERSION

version_of() { "$1/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }

"$CPPVENV" create --without-pip -p 3.9 v39
check_equal "-p 3.9 finds Python 3.9" 3.9 "$(version_of v39)"
check_equal "-p 3.9 links to pyenv's 3.9" "$py39" "$(readlink v39/bin/python3.9)"
"$CPPVENV" create --without-pip -p python3.10 v310
check_equal "-p python3.10 finds Python 3.10" 3.10 "$(version_of v310)"
"$CPPVENV" create --without-pip -p "$py310" vpath
check_equal "-p PATH uses that file" "$py310" "$(readlink vpath/bin/python3.10)"
"$CPPVENV" create --without-pip -p "$WORK/v39" vfromvenv
check_equal "-p VENV-FOLDER uses the venv's base interpreter" 3.9 "$(version_of vfromvenv)"
check_equal "a venv made from a venv's python links to the base installation" "$(dirname "$py39")" "$(dirname "$(readlink vfromvenv/bin/python3)")"

mkdir -p project/src && printf '3.10\n' >project/.python-version
(cd project/src && "$CPPVENV" create --without-pip venv)
check_equal ".python-version in a parent folder picks the version" 3.10 "$(version_of project/src/venv)"
printf '%s\n' "$(basename "$(dirname "$(dirname "$py39")")")" >project/.python-version
(cd project/src && "$CPPVENV" create --without-pip venv2)
check_equal ".python-version with a full pyenv version name" 3.9 "$(version_of project/src/venv2)"
printf '3.77\n' >project/.python-version
(cd project/src && "$CPPVENV" create --without-pip venv3 2>"$WORK/err")
check "an unmatched .python-version is an error naming the file" grep -q "project/.python-version names 3.77" "$WORK/err"

if [ -x /usr/bin/python3 ]; then
    printf 'system\n' >project/.python-version
    (cd project/src && "$CPPVENV" create --without-pip venv4)
    check_equal ".python-version 'system' skips pyenv's shims" /usr/bin/python3 "$(readlink project/src/venv4/bin/python3)"
fi
if [ -x /usr/bin/pypy3 ]; then
    "$CPPVENV" create --without-pip -p pypy3 vpypy
    check "-p pypy3 makes a PyPy venv" vpypy/bin/python -c 'import sys; assert sys.implementation.name == "pypy"'
else
    echo "SKIPPED CHECK: pypy3 is not installed"
fi
finish
