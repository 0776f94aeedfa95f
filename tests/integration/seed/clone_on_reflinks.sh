#!/usr/bin/env bash
# The default link mode on a file system with reflinks (XFS, in a loop-mounted
# image): a venv's package files share every block with the cache's, yet each
# venv stays its own (a change in one never shows in another or in the cache);
# with the cache on another file system, copies (said under -v).
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
[ "$(id -u)" = 0 ] || skip_suite "mounting an XFS image needs root"
command -v mkfs.xfs >/dev/null || skip_suite "no mkfs.xfs (the xfsprogs package; scripts/setup installs it)"
command -v xfs_io >/dev/null || skip_suite "no xfs_io (xfsprogs)"
cd "$WORK"
truncate -s 300M xfs.img
mkfs.xfs -q -m reflink=1 xfs.img || skip_suite "mkfs.xfs cannot make a reflink file system here"
mkdir mnt
mount -o loop xfs.img mnt 2>mount.err || skip_suite "cannot loop-mount an image here ($(cat mount.err))"
trap 'umount -l "$WORK/mnt" 2>/dev/null' EXIT
export XDG_CACHE_HOME="$WORK/mnt/cache"
site_of() { ls -d "$1"/lib/python3*/site-packages; }
shared() { # every extent of the file has FIEMAP_EXTENT_SHARED (0x2000)
    local _ext _range _blocks _total flags
    xfs_io -r -c "fiemap -v" "$1" | tail -n +3 | {
        while read -r _ext _range _blocks _total flags; do
            [ -n "$flags" ] && ((flags & 0x2000)) || exit 1
        done
    }
}
used_kib() { sync; df -k --output=used "$WORK/mnt" | tail -1; }

"$CPPVENV" -v create -p "$python" mnt/first 2>first.err
check "the first venv is installed straight from the wheel and kept in the cache" \
    grep -q "unpacked .* into the cache" first.err
"$CPPVENV" -v create -p "$python" mnt/second 2>second.err
check "the second venv makes the member files to clone from ($(grep 'files of' second.err))" \
    grep -q "unpacked the files of" second.err
before=$(used_kib)
"$CPPVENV" -v create -p "$python" mnt/third 2>third.err
after=$(used_kib)
check "no copying is said ($(cat third.err | grep -i copying))" bash -c "! grep -qi copying third.err"
init="$(site_of mnt/third)/pip/__init__.py"
big=$(find "$(site_of mnt/third)/pip" -name '*.py' -size +16k | head -1)
check "a small package file shares its blocks with the cache (xfs_io fiemap)" shared "$init"
check "a large package file shares its blocks with the cache ($big)" shared "$big"
package_kib=$(du -sk "$(site_of mnt/third)" | cut -f1)
check "the third venv took far less room than its packages ($((after - before)) KiB of $package_kib KiB)" \
    test $((after - before)) -lt $((package_kib / 4))
check "pip runs in the cloned venv" mnt/third/bin/python -m pip --version
check "the venvs hold the same package files" diff -r -x RECORD -x __pycache__ "$(site_of mnt/first)" "$(site_of mnt/third)"
echo "# changed by the clone suite" >>"$init"
check "a change in one venv shows in no other" bash -c "! grep -q '# changed by the clone suite' '$(site_of mnt/second)/pip/__init__.py'"
check "nor in the cache" bash -c "! grep -rq '# changed by the clone suite' '$XDG_CACHE_HOME/cppvenv/packs'"

# The cache on another file system: copies, said under -v.
XDG_CACHE_HOME="$WORK/other-cache" "$CPPVENV" -v create -p "$python" mnt/far 2>far.err
XDG_CACHE_HOME="$WORK/other-cache" "$CPPVENV" -v create -p "$python" mnt/far2 2>far2.err
check "a cache on another file system copies, said under -v" grep -q "cannot clone" far2.err
check "and makes no member files" test ! -e "$(ls -d "$WORK"/other-cache/cppvenv/packs/*/ | head -1)files"
check "the copied venv works" mnt/far2/bin/python -m pip --version
chmod -R u+w "$WORK/mnt" "$WORK/other-cache"
umount "$WORK/mnt"
finish
