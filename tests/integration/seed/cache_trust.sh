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

# 3. A folder on the way that its group may write: the group's members are not
# all in the group file, and an ACL grants named users through the group bits.
mkdir -p group-writable/cppvenv
chmod 0775 group-writable
XDG_CACHE_HOME=$WORK/group-writable "$CPPVENV" create -p "$python" under-group 2>under-group.err
check "a cache below a group-writable folder is refused ($(cat under-group.err))" \
    grep -q "group-writable may be changed by other users" under-group.err

# 4. A cache in a sticky folder (/tmp): safe while this user's folder there
# lasts, but a symlink-mode venv would name it after a clean-up let anyone take
# the name; its files are copied instead.
mkdir sticky-cache
chmod 1777 sticky-cache
XDG_CACHE_HOME=$WORK/sticky-cache "$CPPVENV" create -p "$python" --link-mode symlink \
    sticky-linked 2>sticky-linked.err
check "symlink mode through a sticky folder copies instead ($(cat sticky-linked.err))" \
    grep -q "not linking pip's files to the wheel cache" sticky-linked.err
check_equal "and no file of pip is a symlink" "" \
    "$(find "$(site_of sticky-linked)" -type l -print)"
check "pip works there" sticky-linked/bin/python -m pip --version

# 5. A cache folder given as is (CPPVENV_CACHE_DIR) that is a sticky folder of
# this user's, such as /tmp for root: refused, and its mode left alone.
mkdir own-sticky
chmod 1777 own-sticky
CPPVENV_CACHE_DIR=$WORK/own-sticky "$CPPVENV" create -p "$python" in-sticky 2>in-sticky.err
check "a cache folder others may write is refused ($(cat in-sticky.err))" \
    grep -q "not using the wheel cache" in-sticky.err
check_equal "and its mode is left as it was" 1777 "$(stat -c %a own-sticky)"

# 6. A path spelt with a leading // is the same folder.
XDG_CACHE_HOME=/$WORK/slashes "$CPPVENV" create -p "$python" slashes-venv 2>slashes.err
check "a cache path beginning with // is made where it names ($(cat slashes.err))" \
    test -d "$WORK/slashes/cppvenv/packs"

if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1 || ! command -v setpriv >/dev/null; then
    echo "not run (needs root, the user nobody and setpriv): another user's folders on the way"
    finish
fi
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
chmod 0711 "$WORK" # for nobody to reach its folders

# 7. Facts planted in another user's cache folder (sudo -E keeps the user's
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

# 8. A symlink another user planted in a sticky folder (/tmp) is not followed.
mkdir sticky mine
chmod 1777 sticky
as_nobody ln -s "$WORK/mine" sticky/cppvenv
XDG_CACHE_HOME=$WORK/sticky "$CPPVENV" create -p "$python" through-link 2>through-link.err
check "a cache folder reached through another user's symlink is refused ($(cat through-link.err))" \
    grep -q "not using the wheel cache" through-link.err
check_equal "and nothing is written where it points" "" "$(ls -A mine)"

# 9. A folder on the way that others may write (not sticky) lets them swap the
# cache folder: refused, though the cache folder itself is this user's.
mkdir -p shared/cppvenv
chmod 0777 shared
XDG_CACHE_HOME=$WORK/shared "$CPPVENV" create -p "$python" under-shared 2>under-shared.err
check "a cache below a folder others may write is refused ($(cat under-shared.err))" \
    grep -q "not using the wheel cache: .*shared may be changed by other users" under-shared.err
check "pip works without the cache" under-shared/bin/python -m pip --version
chmod 0755 shared
finish
