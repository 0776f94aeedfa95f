#!/usr/bin/env bash
# --link-mode: copies and clones keep every venv self-contained; hard links and
# symlinks share the cache's read-only files, and pip upgrading or uninstalling
# itself in such a venv never changes the cache; symlink mode links whole
# package folders to a tree compiled once for the Python (file by file under a
# pip that resolves links, Debian's); across file systems the links fall back
# to copies (said under -v).
here=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/../create/lib.sh"
require_interpreter "${1:-/usr/bin/python3}" "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
CACHE="$XDG_CACHE_HOME/cppvenv"
site_of() { ls -d "$1"/lib/python3*/site-packages; }
# Every name, type, size, mode and content below the cache's entries.
cache_state() {
    (cd "$CACHE/packs" && find . -path ./.digests -prune -o -printf '%p %y %s %m\n' | LC_ALL=C sort &&
        find . -path ./.digests -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
        sha256sum
}
# A newer pip wheel than the seeded one, for an offline `pip install -U pip`;
# else the seeded wheel again (then pip reinstalls it: the same uninstall and install).
"$CPPVENV" -v create -p "$python" first 2>first.err
seeded_wheel=$(grep -o '/[^ ]*/pip-[^ ]*\.whl' first.err | head -1)
seeded_version=$(first/bin/python -c 'import pip; print(pip.__version__)')
upgrade_wheel=""
for wheel in ~/.pyenv/versions/*/lib/python3*/ensurepip/_bundled/pip-*.whl /usr/share/python-wheels/pip-*.whl; do
    [ -f "$wheel" ] || continue
    version=$(basename "$wheel" | cut -d- -f2)
    if [ "$version" = "$seeded_version" ] && [ -z "$upgrade_wheel" ]; then
        upgrade_wheel=$wheel
    elif [ "$(printf '%s\n' "$seeded_version" "$version" | sort -V | tail -1)" = "$version" ] &&
        [ "$version" != "$seeded_version" ]; then
        upgrade_wheel=$wheel
        seeded_version=$version # keep the newest
    fi
done
echo "offline upgrade with $upgrade_wheel"

# 1. copy and clone (the default): a change in one venv never shows in another.
for mode in copy clone; do
    "$CPPVENV" create --link-mode "$mode" -p "$python" "$mode-a"
    "$CPPVENV" create --link-mode "$mode" -p "$python" "$mode-b"
    before=$(cache_state)
    echo "# changed" >>"$(site_of "$mode-a")/pip/__init__.py"
    check "$mode: a change in venv A does not show in venv B" \
        bash -c "! grep -q '# changed' '$(site_of "$mode-b")/pip/__init__.py'"
    check_equal "$mode: a change in a venv does not reach the cache" "$before" "$(cache_state)"
    check_equal "$mode: venv files are the venv's own (one link)" 1 \
        "$(stat -c %h "$(site_of "$mode-b")/pip/__init__.py")"
    check "$mode: venv files are writable like pip's" test -w "$(site_of "$mode-b")/pip/__init__.py"
done
check "CPPVENV_LINK_MODE picks the mode" bash -c \
    "CPPVENV_LINK_MODE=hardlink '$CPPVENV' create -p '$python' by-variable &&
     test \$(stat -c %h \$(ls -d by-variable/lib/python3*/site-packages)/pip/__init__.py) -gt 1"
check_fails "an unknown link mode is a usage error" 2 "link-mode" create --link-mode reflink x

# 2. hardlink and symlink: shared read-only files; pip's own changes never reach the cache.
for mode in hardlink symlink; do
    "$CPPVENV" create --link-mode "$mode" -p "$python" "$mode"
    site=$(site_of "$mode")
    init="$site/pip/__init__.py"
    debian_pip=no
    grep -q "prefix = '/usr'" "$site"/pip/_internal/utils/misc.py && debian_pip=yes
    if [ "$mode" = hardlink ]; then
        check "hardlink: pip's files are hard links to the cache" test "$(stat -c %h "$init")" -gt 1
    elif [ "$debian_pip" = yes ]; then
        # Debian's pip would refuse to remove a folder link, then install
        # through it: each file is linked, each folder is the venv's own.
        check "symlink: pip's files are symlinks into the cache ($(readlink "$init"))" \
            bash -c "[ -L '$init' ] && readlink '$init' | grep -q '^$CACHE/packs/'"
        check "symlink: pip's folders are the venv's own" test ! -L "$site/pip"
        check "symlink under Debian's pip: said under -v" bash -c \
            "'$CPPVENV' -v create --link-mode symlink -p '$python' symlink-said 2>&1 |
             grep -q 'resolves symlinks before it uninstalls'"
    else
        check "symlink: pip's package folder is one link to the cache's compiled tree ($(readlink "$site/pip"))" \
            bash -c "[ -L '$site/pip' ] && readlink '$site/pip' | grep -q '^$CACHE/packs/[0-9a-f]*/compiled-[a-z]*-[0-9.]*/pip\$'"
        check "symlink: the .dist-info is the venv's own folder" \
            bash -c "[ -d '$site/pip-$(cd "$site" && ls -d pip-*.dist-info | sed 's/^pip-//')' ] && ! [ -L \$(ls -d '$site'/pip-*.dist-info) ]"
        check_equal "symlink: the tree has pip's bytecode for python, -O and -OO" 3 \
            "$(ls "$site"/pip/__pycache__/__init__.*.pyc | wc -l)"
        check "symlink: the compiled tree is read-only" \
            bash -c "[ -z \"\$(find -L '$site/pip' -perm /222 | head -1)\" ]"
        before=$(cache_state)
        "$mode/bin/python" -m pip --version >/dev/null && "$mode/bin/python" -O -m pip list >/dev/null &&
            "$mode/bin/python" -OO -m pip list >/dev/null
        check_equal "symlink: running pip (python, -O, -OO) writes nothing into the cache" "$before" "$(cache_state)"
    fi
    check "$mode: pip runs" "$mode/bin/python" -m pip --version
    before=$(cache_state)
    "$mode/bin/python" -m pip install -q --no-index --disable-pip-version-check \
        --force-reinstall "$upgrade_wheel" >"$mode.upgrade" 2>&1
    check "$mode: pip install -U pip (offline) works ($(tail -1 "$mode.upgrade"))" \
        "$mode/bin/python" -m pip --version
    check_equal "$mode: pip install -U pip leaves the cache unchanged" "$before" "$(cache_state)"
    "$mode/bin/python" -m pip uninstall -y -q pip >"$mode.uninstall" 2>&1
    # Debian's pip resolves symlinks before it decides what it may remove, so
    # it leaves the links into the cache in place (README: link modes).
    if [ "$mode" = symlink ] && [ "$debian_pip" = yes ]; then
        echo "symlink: Debian's patched pip leaves symlinked files on uninstall (not checked)"
    else
        check "$mode: pip uninstall -y pip works ($(tail -1 "$mode.uninstall"))" \
            bash -c "! '$mode/bin/python' -c 'import pip' 2>/dev/null"
    fi
    check_equal "$mode: pip uninstall leaves the cache unchanged" "$before" "$(cache_state)"
    "$CPPVENV" create --link-mode "$mode" -p "$python" "$mode-again"
    check "$mode: the cache still seeds a working pip" "$mode-again/bin/python" -m pip --version
done

# 3. A wheel whose bytecode cannot be compiled (a module no Python reads) is
#    linked file by file, said under -v; its venv works.
if [ "$debian_pip" = no ] && [ -n "$seeded_wheel" ]; then
    mkdir broken-wheels
    "$python" -I "$here/seed_wheels.py" uncompilable "$seeded_wheel" "broken-wheels/$(basename "$seeded_wheel")"
    "$CPPVENV" -v create --link-mode symlink --seed-from broken-wheels -p "$python" broken 2>broken.err
    check "an uncompilable wheel is linked file by file, said under -v ($(grep -o 'cannot link.*whole' broken.err))" \
        grep -q "cannot link the package folders of .*broken-wheels.* whole (.*could not compile" broken.err
    check "its package folder is the venv's own" test ! -L "$(site_of broken)/pip"
    check "its venv's pip runs" broken/bin/python -m pip --version
fi

# 4. Across file systems: the cache on $WORK's file system, the venv on /dev/shm.
shm=$(mktemp -d /dev/shm/cppvenv-it-XXXXXX 2>/dev/null) || shm=""
if [ -n "$shm" ] && [ "$(stat -c %d "$shm")" != "$(stat -c %d "$WORK")" ]; then
    "$CPPVENV" -v create --link-mode hardlink -p "$python" "$shm/far" 2>far.err
    check "hardlink across file systems falls back to copies, said under -v ($(grep -i 'hard-link' far.err))" \
        grep -q "cannot hard-link from the wheel cache.*another file system.*copying" far.err
    check_equal "the venv on the other file system has copies" 1 \
        "$(stat -c %h "$(site_of "$shm/far")/pip/__init__.py")"
    check "the venv on the other file system works" "$shm/far/bin/python" -m pip --version
    "$CPPVENV" -v create -p "$python" "$shm/clone" 2>clone.err
    check "clone across file systems copies, said under -v" grep -q "cannot clone" clone.err
    rm -rf "$shm"
else
    echo "no /dev/shm on another file system: the cross-file-system checks are not run"
fi
chmod -R u+w "$WORK"
finish
