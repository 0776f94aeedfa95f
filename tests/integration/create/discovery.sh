#!/usr/bin/env bash
# -p/--python and .python-version pick the interpreter a user would expect.
# pyenv's rules run against a pyenv root made here (versions/NAME/bin linking to
# interpreters this machine has, and shims that must never run), so they are
# tested on a machine without pyenv too.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

minor_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
version_of() { "$1" -c 'import platform; print(platform.python_version())'; }

# Two interpreters of different minor versions: Debian's (on every machine the
# tests run on) first, then pyenv's.
first="" second=""
for candidate in /usr/bin/python3 /usr/bin/pypy3 ~/.pyenv/versions/3.*/bin/python3.[0-9]*; do
    case $candidate in *-config) continue ;; esac
    [ -x "$candidate" ] || continue
    if [ -z "$first" ]; then
        first=$candidate
    elif [ "$(minor_of "$candidate")" != "$(minor_of "$first")" ]; then
        second=$candidate
        break
    fi
done
if [ -z "$second" ]; then
    skip_suite "discovery needs two interpreters of different minor versions (have: ${first:-none})"
fi
note_interpreter "$first"
note_interpreter "$second"
first_minor=$(minor_of "$first") second_minor=$(minor_of "$second")
first_version=$(version_of "$first") second_version=$(version_of "$second")
if [ "$("$second" -c 'import sys; print(sys.implementation.name)')" = pypy ]; then
    second_name=pypy$second_minor-fake
else
    second_name=$second_version-fake
fi

# The pyenv root: one version per interpreter, under the names pyenv gives them.
export PYENV_ROOT="$WORK/pyenv"
for entry in "$first_version-fake:$first:$first_minor" "$second_name:$second:$second_minor"; do
    IFS=: read -r name target minor <<<"$entry"
    mkdir -p "$PYENV_ROOT/versions/$name/bin"
    for link in python3 "python$minor"; do ln -s "$target" "$PYENV_ROOT/versions/$name/bin/$link"; done
done
first_in_pyenv=$PYENV_ROOT/versions/$first_version-fake/bin/python$first_minor
second_in_pyenv=$PYENV_ROOT/versions/$second_name/bin/python$second_minor
# pyenv's shims pick a version each run: cppvenv must resolve them itself.
mkdir -p "$PYENV_ROOT/shims"
for shim in python python3 "python$first_minor" "python$second_minor"; do
    printf '#!/bin/sh\necho "$0" >>"%s/shim-runs"\nexit 99\n' "$WORK" >"$PYENV_ROOT/shims/$shim"
    chmod +x "$PYENV_ROOT/shims/$shim"
done
# No python3.X of these versions in the PATH folders but through the shims.
export PATH="$PYENV_ROOT/shims:/usr/bin:/bin"
unset PYENV_VERSION
links_to() { readlink "$1/bin/python$2"; }

"$CPPVENV" create --without-pip -p "$second_minor" v-second
check_equal "-p $second_minor finds Python $second_minor" "$second_minor" "$(minor_of v-second/bin/python)"
check_equal "-p $second_minor links to pyenv's $second_name" "$second_in_pyenv" "$(links_to v-second "$second_minor")"
"$CPPVENV" create --without-pip -p "python$first_minor" v-first
check_equal "-p python$first_minor finds Python $first_minor" "$first_minor" "$(minor_of v-first/bin/python)"
"$CPPVENV" create --without-pip -p "$first_in_pyenv" vpath
check_equal "-p PATH links to that file" "$first_in_pyenv" "$(links_to vpath "$first_minor")"
"$CPPVENV" create --without-pip -p "$WORK/v-second" vfromvenv
check_equal "-p VENV-FOLDER uses the venv's base interpreter" "$second_minor" "$(minor_of vfromvenv/bin/python)"
check_equal "a venv made from a venv's python links to the base installation" \
    "$(dirname "$second_in_pyenv")" "$(dirname "$(readlink vfromvenv/bin/python3)")"

mkdir -p project/src && printf '%s\n' "$first_minor" >project/.python-version
(cd project/src && "$CPPVENV" create --without-pip venv)
check_equal ".python-version in a parent folder picks the version" "$first_minor" "$(minor_of project/src/venv/bin/python)"
printf '%s\n' "$second_name" >project/.python-version
(cd project/src && "$CPPVENV" create --without-pip venv2)
check_equal ".python-version with a full pyenv version name picks that version" \
    "$PYENV_ROOT/versions/$second_name/bin/python3" "$(readlink project/src/venv2/bin/python3)"
printf '3.77\n' >project/.python-version
(cd project/src && "$CPPVENV" create --without-pip venv3 2>"$WORK/err")
check_equal "an unmatched .python-version fails" 1 "$?"
check "an unmatched .python-version is an error naming the file" grep -q "project/.python-version names 3.77" "$WORK/err"
check "an unmatched .python-version makes no venv" test ! -e project/src/venv3

# pyenv's global version file decides what the shims on PATH would run.
echo "$second_name" >"$PYENV_ROOT/version"
"$CPPVENV" create --without-pip vglobal
check_equal "python3 through pyenv's shims is the version in \$PYENV_ROOT/version" \
    "$PYENV_ROOT/versions/$second_name/bin/python3" "$(readlink vglobal/bin/python3)"
PYENV_VERSION="$first_version-fake" "$CPPVENV" create --without-pip venvvar
check_equal "PYENV_VERSION wins over \$PYENV_ROOT/version" \
    "$PYENV_ROOT/versions/$first_version-fake/bin/python3" "$(readlink venvvar/bin/python3)"
rm "$PYENV_ROOT/version"

if [ -x /usr/bin/python3 ]; then
    printf 'system\n' >project/.python-version
    (cd project/src && "$CPPVENV" create --without-pip venv4)
    check_equal ".python-version 'system' skips pyenv's shims" /usr/bin/python3 "$(readlink project/src/venv4/bin/python3)"
else
    echo "SKIPPED CHECK: .python-version 'system': no /usr/bin/python3"
fi
check_equal "pyenv's shims never ran" "" "$(cat "$WORK/shim-runs" 2>/dev/null)"
if [ -x /usr/bin/pypy3 ]; then
    "$CPPVENV" create --without-pip -p pypy3 vpypy
    check "-p pypy3 makes a PyPy venv" vpypy/bin/python -c 'import sys; assert sys.implementation.name == "pypy"'
else
    echo "SKIPPED CHECK: -p pypy3: pypy3 is not installed"
fi
finish
