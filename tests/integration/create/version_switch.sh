#!/usr/bin/env bash
# Re-creating a venv for another minor version or implementation is refused
# with one line that says why and what to do; --upgrade keeps CPython's meaning.
. "$(dirname "$0")/lib.sh"
py311=$(find_interpreter "~/.pyenv/versions/3.11.*/bin/python3.11" /usr/bin/python3.11) ||
    skip_suite "no Python 3.11 (pyenv's or Debian's)"
py312=$(find_interpreter "~/.pyenv/versions/3.12.*/bin/python3.12") || py312=""
note_interpreter "$py311"
cd "$WORK" || exit 1
if [ -z "$py312" ]; then
    # A machine with one CPython (a fresh Debian): the switch to PyPy is the test.
    pypy=$(find_interpreter /usr/bin/pypy3) || skip_suite "no second CPython minor version and no PyPy"
    note_interpreter "$pypy"
    "$CPPVENV" create --without-pip -p "$py311" mm
    before=$(cat mm/pyvenv.cfg)
    check_fails "another implementation is refused, naming --clear" 1 "mm is a venv for CPython 3.11, not PyPy.*--clear" create --without-pip -p "$pypy" mm
    check_equal "the refused venv is unchanged" "$before" "$(cat mm/pyvenv.cfg)"
    check "--clear switches the implementation" "$CPPVENV" create --without-pip --clear -p "$pypy" mm
    echo "SKIPPED CHECK: switching between CPython minor versions needs pyenv's 3.12"
    finish
fi

"$CPPVENV" create --without-pip -p "$py311" mm
mkdir -p mm/lib/python3.11/site-packages/mine
before=$(cat mm/pyvenv.cfg)
check_fails "another minor version is refused, naming --clear" 1 "mm is a venv for CPython 3.11, not CPython 3.12.*--clear" create --without-pip -p "$py312" mm
check_fails "...with --upgrade too" 1 "mm is a venv for CPython 3.11, not CPython 3.12" create --without-pip --upgrade -p "$py312" mm
check_equal "the refused venv is unchanged" "$before" "$(cat mm/pyvenv.cfg)"
check "no lib/python3.12 was added" test ! -e mm/lib/python3.12
check "--clear switches the version" "$CPPVENV" create --without-pip --clear -p "$py312" mm
check "...leaving no lib/python3.11" test ! -e mm/lib/python3.11
check "--upgrade with the same minor version works" "$CPPVENV" create --without-pip --upgrade -p "$py312" mm
check "a plain refresh with the same version works" "$CPPVENV" create --without-pip -p "$py312" mm
if [ -x /usr/bin/pypy3 ]; then
    check_fails "another implementation is refused" 1 "mm is a venv for CPython 3.12, not PyPy" create --without-pip -p /usr/bin/pypy3 mm
fi
finish
