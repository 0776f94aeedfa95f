#!/usr/bin/env bash
# A refresh in place writes through no symlink planted in the existing venv:
# every entry goes through the one fd-relative tree writer (O_NOFOLLOW on every
# folder on the way, files renamed over links rather than written through them).
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK"
site=lib/python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')/site-packages

# bin/ is a symlink to a folder outside the venv.
"$CPPVENV" create --without-pip -p "$python" env
mkdir outside
rm -rf env/bin && ln -s "$WORK/outside" env/bin
check_fails "a refresh refuses a bin/ that is a symlink" 1 "not a folder" create --without-pip -p "$python" env
check_equal "nothing is written into the folder bin/ points to" "" "$(ls -A outside)"

# The same with pip: the seed does not write through it either.
"$CPPVENV" create --without-pip -p "$python" seeded
mkdir outside_seeded
rm -rf "seeded/$site" && ln -s "$WORK/outside_seeded" "seeded/$site"
run_cppvenv create -p "$python" seeded
check "a refresh with pip fails on a site-packages that is a symlink" test "$STATUS" != 0
check_equal "nothing is written into the folder site-packages points to" "" "$(ls -A outside_seeded)"

# Files that are symlinks to files outside are replaced, the outside files untouched.
"$CPPVENV" create --without-pip -p "$python" linked
echo 'keep me' >outside_cfg
echo 'keep me too' >outside_activate
ln -sf "$WORK/outside_cfg" linked/pyvenv.cfg
ln -sf "$WORK/outside_activate" linked/bin/activate
"$CPPVENV" create --without-pip -p "$python" linked
check_equal "pyvenv.cfg's link target is untouched" "keep me" "$(cat outside_cfg)"
check_equal "bin/activate's link target is untouched" "keep me too" "$(cat outside_activate)"
check "pyvenv.cfg is a file of the venv again" test -f linked/pyvenv.cfg -a ! -L linked/pyvenv.cfg
check "bin/activate is a file of the venv again" test -f linked/bin/activate -a ! -L linked/bin/activate
finish
