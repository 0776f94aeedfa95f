#!/usr/bin/env bash
# A venv on a mount point (a devcontainer's .venv volume): --clear deletes the
# venv's own entries in place, keeps the mount and whatever else is on it.
# Skipped when this user may not mount a tmpfs.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK" || exit 1
mkdir volume
if ! mount -t tmpfs cppvenv-test volume 2>/dev/null; then
    rm -rf "$WORK"
    echo "SKIPPED: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)"
    exit 77
fi
trap 'umount "$WORK/volume" 2>/dev/null' EXIT
site=lib/python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')/site-packages

"$CPPVENV" create --without-pip -p "$python" volume
check "a venv is created on an empty mount point" test -f volume/pyvenv.cfg
echo 'VALUE = 1' >"volume/$site/mine.py"
echo keep >volume/.devcontainer-note
"$CPPVENV" create --without-pip --clear -p "$python" volume 2>clear.err
check "--clear of a mount point succeeds ($(cat clear.err))" test ! -s clear.err
check "--clear deleted what was installed" test ! -e "volume/$site/mine.py"
check "--clear kept the other file on the volume" test -f volume/.devcontainer-note
check "the mount is still there" mountpoint -q volume
check "the venv works" volume/bin/python -c 'import sys; assert sys.prefix != sys.base_prefix'
umount volume
finish
