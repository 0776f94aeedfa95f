#!/usr/bin/env bash
# The way to the cache: a cache folder that another user controls, or that is
# reached through a folder or a symlink they control, is neither read nor
# written (interpreter facts and unpacked wheels alike); what cppvenv makes
# there is no other user's to write, whatever the umask; symlink-mode venvs
# name the cache by its real path.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
cd "$WORK"
version=$("$python" -c 'import platform; print(platform.python_version())')
site_of() { ls -d "$1"/lib/python3*/site-packages; }

# 1. Symlink mode names the cache by its real path, not by a link on the way.
mkdir own
ln -s "$WORK/own" own-link
XDG_CACHE_HOME=$WORK/own-link "$CPPVENV" create -p "$python" --link-mode symlink linked \
    2>linked.err
anchor=$(readlink "$(site_of linked)"/pip-*.dist-info/cppvenv-cache)
check "a symlink-mode venv names the cache's real folder ($anchor; $(cat linked.err))" \
    test "${anchor#"$WORK/own/cppvenv/"}" != "$anchor"

# 2. Under a umask of 000, nothing the cache makes may be written by others.
(
    umask 000
    XDG_CACHE_HOME=$WORK/open-umask "$CPPVENV" create -p "$python" umask-venv 2>umask.err
)
writable=$(find open-umask/cppvenv -perm -o+w -print 2>/dev/null)
check "under umask 000 the cache's folders are writable by this user only ($writable)" \
    test -z "$writable" -a -d open-umask/cppvenv/packs/.digests

if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1 || ! command -v setpriv >/dev/null; then
    echo "not run (needs root, the user nobody and setpriv): another user's folders on the way"
    finish
fi
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
chmod 0711 "$WORK" # for nobody to reach its folders

# 3. Facts planted in another user's cache folder (sudo -E keeps the user's
# XDG_CACHE_HOME) are not read: they choose the interpreter's version, paths
# and ensurepip's wheels.
XDG_CACHE_HOME=$WORK/theirs "$CPPVENV" create --without-pip -p "$python" first
facts=$(ls theirs/cppvenv/interpreters/*.json)
sed -i 's/"version":\[\([0-9]*\),\([0-9]*\),[0-9]*\]/"version":[\1,\2,99]/' "$facts"
check "the planted facts say another version" grep -q '"version":\[[0-9]*,[0-9]*,99\]' "$facts"
chown -R nobody:nogroup theirs
XDG_CACHE_HOME=$WORK/theirs "$CPPVENV" -v create --without-pip -p "$python" planted 2>planted.err
check_equal "facts in another user's cache folder are not used ($(grep -i 'facts' planted.err))" \
    "$version" "$(cfg_value planted/pyvenv.cfg version)"
XDG_CACHE_HOME=$WORK/theirs "$CPPVENV" create -p "$python" planted-pip 2>planted-pip.err
check "nor are its wheels ($(cat planted-pip.err))" grep -q "not using the wheel cache" planted-pip.err
check_equal "nothing is written into another user's cache folder" "" \
    "$(find theirs -user 0 -print)"

# 4. A symlink another user planted in a sticky folder (/tmp) is not followed.
mkdir sticky mine
chmod 1777 sticky
as_nobody ln -s "$WORK/mine" sticky/cppvenv
XDG_CACHE_HOME=$WORK/sticky "$CPPVENV" create -p "$python" through-link 2>through-link.err
check "a cache folder reached through another user's symlink is refused ($(cat through-link.err))" \
    grep -q "not using the wheel cache" through-link.err
check_equal "and nothing is written where it points" "" "$(ls -A mine)"

# 5. A folder on the way that others may write (not sticky) lets them swap the
# cache folder: refused, though the cache folder itself is this user's.
mkdir -p shared/cppvenv
chmod 0777 shared
XDG_CACHE_HOME=$WORK/shared "$CPPVENV" create -p "$python" under-shared 2>under-shared.err
check "a cache below a folder others may write is refused ($(cat under-shared.err))" \
    grep -q "not using the wheel cache: .*shared may be changed by other users" under-shared.err
check "pip works without the cache" under-shared/bin/python -m pip --version
chmod 0755 shared
finish
