#!/usr/bin/env bash
# The README's Makefile recipe: .venv/pyvenv.cfg depends on requirements.txt;
# a second `make` does nothing; a changed requirements.txt installs again.
. "$(dirname "$0")/../create/lib.sh"
. "$(dirname "$0")/sample.sh"
for tool in make; do
    command -v "$tool" >/dev/null || skip_suite "$tool is not installed"
done
require_any_python
export XDG_CONFIG_HOME="$WORK/config" # no user config.toml
cd "$WORK" || exit 1
write_sample_project project Makefile
cd project || exit 1

export CPPVENV_PYTHON="$python"
check "the first make succeeds" sh -c "make CPPVENV='$CPPVENV' >make1.log 2>&1"
check "the first make made the venv" grep -q "create --quiet .venv" make1.log
check "greeting.c has the wheel's message" grep -q "Hello from greeting 1.0" greeting.c
check "the venv's interpreter is the one asked for" \
    grep -q "^home = $(dirname "$(readlink -f "$python")")\$" .venv/pyvenv.cfg
echo "--- first make:"; cat make1.log

check "the second make succeeds" sh -c "make CPPVENV='$CPPVENV' >make2.log 2>&1"
check "the second make does nothing" grep -q "is up to date" make2.log
check "make -q agrees that everything is up to date" make -q CPPVENV="$CPPVENV"
echo "--- second make:"; cat make2.log

sleep 1
echo "greeting==2.0" >requirements.txt
check "make after requirements.txt changed succeeds" sh -c "make CPPVENV='$CPPVENV' >make3.log 2>&1"
check "...installed again" grep -q "pip install" make3.log
check "...and regenerated greeting.c with the new package" grep -q "Hello from greeting 2.0" greeting.c
check "make after that does nothing" make -q CPPVENV="$CPPVENV"

sleep 1
echo "greeting==9.9" >requirements.txt
check "a failed pip install fails make" sh -c "! make CPPVENV='$CPPVENV' >make4.log 2>&1"
check "...and leaves no pyvenv.cfg, so make tries again" test ! -e .venv/pyvenv.cfg
echo "greeting==1.0" >requirements.txt
check "the next make recovers" sh -c "make CPPVENV='$CPPVENV' >make5.log 2>&1"
check "...with the package asked for" grep -q "Hello from greeting 1.0" greeting.c
finish
