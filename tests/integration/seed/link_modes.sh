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
    (cd "${1:-$CACHE}/packs" && find . -path ./.digests -prune -o -printf '%p %y %s %m\n' | LC_ALL=C sort &&
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
    else
        # As root (read-only files do not stop a write into a linked folder)
        # and under Debian's pip (it would refuse to remove a folder link, then
        # install through it), each file is linked, each folder is the venv's
        # own; folder links are checked as another user in 3.
        # One link names the cache entry (pip-*.dist-info/cppvenv-cache); the
        # others are relative, through it, short enough for the inode (tmpfs
        # keeps 127 bytes there, ext4 59), except in folders where that route
        # is too long: there, FOLDER/.cppvenv-cache-pip (one name per package)
        # names the folder's own in the entry, and the files link through it.
        case $(stat -f -c %T "$site") in
        tmpfs) inline=127 ;;
        xfs) inline=150 ;;
        btrfs) inline=100000 ;;
        *) inline=59 ;;
        esac
        anchor=$(ls -d "$site"/pip-*.dist-info)/cppvenv-cache
        dist_info=$(basename "$(dirname "$anchor")")
        check "symlink: pip's files are relative links through its .dist-info/cppvenv-cache ($(readlink "$init"))" \
            test "$(readlink "$init")" = "../$dist_info/cppvenv-cache/pip/__init__.py"
        check "symlink: which lead into the cache ($(readlink -f "$init"))" \
            bash -c "readlink -f '$init' | grep -q '^$CACHE/packs/[0-9a-f]*/files/pip/__init__.py\$'"
        check "symlink: cppvenv-cache is the one link that names the cache entry ($(readlink "$anchor"))" \
            bash -c "readlink '$anchor' | grep -q '^$CACHE/packs/[0-9a-f]*/files\$'"
        wrong=
        for link in $(find "$site" -type l -name '.cppvenv-cache-*'); do
            folder=${link%/.cppvenv-cache-*}
            readlink "$link" | grep -q "^$CACHE/packs/[0-9a-f]*/files/${folder#"$site"/}\$" ||
                wrong="$wrong $link"
            cat "$site"/*.dist-info/RECORD | grep -q "^${folder#"$site"/}/\.cppvenv-cache-[a-z_]*,," ||
                wrong="$wrong $link(RECORD)"
        done
        check_equal "symlink: each folder's .cppvenv-cache-* names the same folder in the entry and is in RECORD" "" "$wrong"
        check_equal "symlink: no other link names the cache" "" \
            "$(find "$mode" -type l ! -name cppvenv-cache ! -name '.cppvenv-cache-*' -lname "$CACHE/*")"
        # (A file directly in site-packages, setuptools' .pth, has no folder
        # of its own to link through; a folder with one such file is not
        # worth a link, which takes a block itself.)
        check_equal "symlink: no folder has two links whose targets are past the inode ($inline bytes on $(stat -f -c %T "$site"))" "" \
            "$(find "$site" -mindepth 2 -type l ! -name cppvenv-cache ! -name '.cppvenv-cache-*' -printf '%h %l\n' |
                awk -v n="$inline" 'length($2) > n { print $1 }' | sort | uniq -d)"
        if [ "$inline" = 59 ]; then
            check "symlink: deep folders have their own link: pip/_internal/cli/main.py -> $(readlink "$site/pip/_internal/cli/main.py")" \
                test "$(readlink "$site/pip/_internal/cli/main.py")" = .cppvenv-cache-pip/main.py
            # Another package with a file in that folder (from its .data/) has
            # links of its own there: both packages work, each through its own.
            "$python" - "$WORK/shared/wheel-99.0-py3-none-any.whl" <<'PYTHON'
import base64, hashlib, os, sys, zipfile
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
members = [("wheel/__init__.py", b"__version__ = '99.0'\n"),
           ("wheel/a_module_with_a_long_name.py", b""),
           ("wheel-99.0.data/purelib/pip/_internal/cli/zz_extra.py", b"SHARED = 1\n"),
           ("wheel-99.0.data/purelib/pip/_internal/cli/zz_extra_two.py", b""),
           ("wheel-99.0.dist-info/METADATA", b"Metadata-Version: 2.1\nName: wheel\nVersion: 99.0\n"),
           ("wheel-99.0.dist-info/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")]
record = "".join("%s,%s,%d\n" % (n, digest(d), len(d)) for n, d in members)
members.append(("wheel-99.0.dist-info/RECORD", (record + "wheel-99.0.dist-info/RECORD,,\n").encode()))
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
with zipfile.ZipFile(sys.argv[1], "w") as wheel:
    for name, data in members:
        wheel.writestr(name, data)
PYTHON
            "$CPPVENV" create --link-mode symlink --seed-from shared --wheel 99.0 -p "$python" shared-venv 2>shared.err
            check "symlink: two packages' links in one folder ($(cat shared.err))" \
                shared-venv/bin/python -c "import pip._internal.cli.main, pip._internal.cli.zz_extra"
            check "symlink: ...each through its own folder link" \
                bash -c "cd $(site_of shared-venv)/pip/_internal/cli && [ -L .cppvenv-cache-pip ] && [ -L .cppvenv-cache-wheel ] &&
                         [ \"\$(readlink zz_extra.py)\" = .cppvenv-cache-wheel/zz_extra.py ]"
        fi
        check "symlink: pip's RECORD lists cppvenv-cache, so pip's uninstall removes it" \
            grep -q '^pip-[^/]*\.dist-info/cppvenv-cache,,' "$site"/pip-*.dist-info/RECORD
        check "symlink: pip's folders are the venv's own" \
            bash -c "[ -d '$site/pip/_internal' ] && ! [ -L '$site/pip/_internal' ]"
        "$CPPVENV" -v create --link-mode symlink -p "$python" symlink-said 2>symlink-said.err
        check "symlink: why files are linked one by one is said under -v ($(grep 'one by one' symlink-said.err))" \
            grep -q "as root, .*one by one\|resolves symlinks before it decides.*one by one" symlink-said.err
        # A link only names its cached file: links go on several threads, as copies do.
        if [ "$(usable_processors)" -ge 2 ]; then
            check "symlink: pip's links are made on several threads ($(grep -o 'placed on [0-9]* threads' symlink-said.err))" \
                grep -q "pip-.*placed on [2-9] threads" symlink-said.err
        else
            echo "SKIPPED CHECK: one processor here, so pip's links are made on one thread"
        fi
    fi
    check "$mode: pip runs" "$mode/bin/python" -m pip --version
    before=$(cache_state)
    "$mode/bin/python" -m pip install -q --no-index --disable-pip-version-check \
        --force-reinstall "$upgrade_wheel" >"$mode.upgrade" 2>&1
    check "$mode: pip install -U pip (offline) works ($(tail -1 "$mode.upgrade"))" \
        "$mode/bin/python" -m pip --version
    if [ "$mode" = symlink ] && [ "$debian_pip" = no ]; then
        check "symlink: pip's reinstall removed cppvenv-cache with the links" \
            bash -c "! [ -L '$anchor' ] && [ -z \"\$(find '$site' -type l)\" ]"
    fi
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

# 3. Symlink mode as a user other than root (nobody), under an upstream pip:
#    one link per folder below a package folder, into a tree compiled once for
#    the Python and read-only; Python and pip never write into it; a tool
#    writing into a linked folder is refused; pip's uninstall leaves the rest
#    of site-packages; a wheel that does not compile is linked file by file.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && [ -n "$seeded_wheel" ] &&
    runuser -u nobody -- "$python" -c '' 2>/dev/null; then
    theirs=$(mktemp -d /tmp/cppvenv-nobody-XXXXXX)
    chmod 755 "$theirs"
    mkdir "$theirs/wheels" "$theirs/broken"
    cp "$CPPVENV" "$theirs/cppvenv"
    # Debian's patch undone where the seeded pip has it: an upstream pip.
    "$python" -I "$here/seed_wheels.py" upstream-is-local "$seeded_wheel" \
        "$theirs/wheels/$(basename "$seeded_wheel")"
    "$python" -I "$here/seed_wheels.py" uncompilable "$theirs/wheels/$(basename "$seeded_wheel")" \
        "$theirs/broken/$(basename "$seeded_wheel")"
    chown -R nobody "$theirs"
    as_nobody() {
        runuser -u nobody -- env -i PATH=/usr/bin:/bin HOME="$theirs" \
            XDG_CACHE_HOME="$theirs/cache" "$@"
    }
    as_nobody "$theirs/cppvenv" -v create --link-mode symlink --seed-from "$theirs/wheels" \
        -p "$python" "$theirs/a" 2>nobody-a.err
    site=$(site_of "$theirs/a")
    check "as a user, pip's package folder is the venv's own ($(grep -i 'one by one\|cannot' nobody-a.err))" \
        bash -c "[ -d '$site/pip' ] && ! [ -L '$site/pip' ]"
    check "as a user, the folders in it are links to the cache's compiled tree ($(readlink "$site/pip/_internal"))" \
        bash -c "[ \"\$(readlink '$site/pip/_internal')\" = ../$(basename "$site"/pip-*.dist-info)/cppvenv-cache/pip/_internal ] &&
                 readlink '$site'/pip-*.dist-info/cppvenv-cache | grep -q '^$theirs/cache/cppvenv/packs/[0-9a-f]*/compiled-[a-z]*-[0-9.]*\$'"
    check "as a user, the files in it are links too" test -L "$site/pip/__init__.py"
    check_equal "the tree has pip's bytecode for python, -O and -OO" 3 \
        "$(ls "$site"/pip/_internal/__pycache__/__init__.*.pyc | wc -l)"
    check "the compiled tree is read-only" \
        bash -c "[ -z \"\$(find -L '$site/pip/_internal' -perm /222 | head -1)\" ]"
    check "Python writes bytecode here, so the next check can fail" \
        as_nobody "$theirs/a/bin/python" -c 'import sys; sys.exit(sys.dont_write_bytecode)'
    before=$(cache_state "$theirs/cache/cppvenv")
    as_nobody "$theirs/a/bin/python" -m pip --version >/dev/null &&
        as_nobody "$theirs/a/bin/python" -O -m pip list >/dev/null &&
        as_nobody "$theirs/a/bin/python" -OO -m pip list >/dev/null
    check_equal "running pip (python, -O, -OO) writes nothing into the cache" "$before" \
        "$(cache_state "$theirs/cache/cppvenv")"
    as_nobody "$theirs/a/bin/python" -m pip install -q --no-index --disable-pip-version-check \
        --force-reinstall "$theirs/wheels/$(basename "$seeded_wheel")" >nobody-up.out 2>&1
    check "pip install --force-reinstall pip works ($(tail -1 nobody-up.out))" \
        as_nobody "$theirs/a/bin/python" -m pip --version
    check "and pip's folders are the venv's own now" \
        bash -c "[ -d '$site/pip/_internal' ] && ! [ -L '$site/pip/_internal' ]"
    check_equal "pip's reinstall leaves the cache unchanged" "$before" "$(cache_state "$theirs/cache/cppvenv")"
    as_nobody "$theirs/cppvenv" create --link-mode symlink --seed-from "$theirs/wheels" \
        -p "$python" "$theirs/b"
    as_nobody "$theirs/b/bin/python" -m pip install -q --no-index --disable-pip-version-check \
        --ignore-installed "$theirs/wheels/$(basename "$seeded_wheel")" >nobody-ignore.out 2>&1
    check_equal "pip install --ignore-installed, writing into linked folders, leaves the cache unchanged ($(tail -1 nobody-ignore.out))" \
        "$before" "$(cache_state "$theirs/cache/cppvenv")"
    check "and pip still runs" as_nobody "$theirs/b/bin/python" -m pip --version
    as_nobody "$theirs/cppvenv" create --link-mode symlink --seed-from "$theirs/wheels" \
        --setuptools none -p "$python" "$theirs/c"
    as_nobody mkdir "$(site_of "$theirs/c")/mine"
    as_nobody "$theirs/c/bin/python" -m pip uninstall -y -q pip >nobody-un.out 2>&1
    check "pip uninstall pip removes pip ($(tail -1 nobody-un.out))" \
        bash -c "! runuser -u nobody -- '$theirs/c/bin/python' -c 'import pip' 2>/dev/null"
    check "pip uninstall pip leaves the rest of site-packages" test -d "$(site_of "$theirs/c")/mine"
    check "and takes its .dist-info, cppvenv-cache with it" \
        bash -c "[ -z \"\$(ls -d '$(site_of "$theirs/c")'/pip-*.dist-info 2>/dev/null)\" ]"
    check_equal "pip uninstall leaves the cache unchanged" "$before" "$(cache_state "$theirs/cache/cppvenv")"
    as_nobody "$theirs/cppvenv" -v create --link-mode symlink --seed-from "$theirs/broken" \
        -p "$python" "$theirs/broken-venv" 2>broken.err
    check "a wheel that does not compile is linked file by file, said under -v ($(grep -o 'cannot link.*whole' broken.err))" \
        grep -q "cannot link the package folders of .*broken.* whole (.*could not compile" broken.err
    check "its folders are the venv's own" test ! -L "$(site_of "$theirs/broken-venv")/pip/_internal"
    check "its venv's pip runs" as_nobody "$theirs/broken-venv/bin/python" -m pip --version
    # Damage to the compiled tree is found on its next use, which makes it again.
    as_nobody "$theirs/cppvenv" create --link-mode symlink --seed-from "$theirs/wheels" \
        -p "$python" "$theirs/d"
    tree=$(readlink "$(site_of "$theirs/d")"/pip-*.dist-info/cppvenv-cache)
    damage_tree() { # damage_tree NAME PROBLEM COMMAND...
        local name=$1 problem=$2
        shift 2
        "$@"
        as_nobody "$theirs/cppvenv" -v create --link-mode symlink --seed-from "$theirs/wheels" \
            -p "$python" "$theirs/$name" 2>"$name.err"
        check "compiled tree, $name: found ($(grep -o 'cannot be used.*' "$name.err"))" \
            grep -q "compiled files .* cannot be used ($problem" "$name.err"
        check "compiled tree, $name: made again, and pip runs" \
            as_nobody "$theirs/$name/bin/python" -m pip --version
    }
    damage_tree pycache-writable "the bytecode of pip/_internal/__init__.py .* writable by others" \
        chmod g+w "$tree/pip/_internal/__pycache__"
    damage_tree folder-writable "the folder of pip/_vendor/.* writable by others" \
        chmod o+w "$tree/pip/_vendor"
    damage_tree member-truncated "pip/__init__.py is missing, changed" \
        truncate -s 1 "$tree/pip/__init__.py"
    damage_tree member-linked "pip/_internal/main.py is missing, changed" \
        sh -c "rm '$tree/pip/_internal/main.py' &&
               ln -s /etc/hostname '$tree/pip/_internal/main.py'"
    damage_tree folder-linked "the folder of pip/_vendor/.* missing" \
        sh -c "mv '$tree/pip/_vendor' '$theirs/vendor-copy' &&
               ln -s '$theirs/vendor-copy' '$tree/pip/_vendor'"
    chmod -R u+w "$theirs"
    rm -rf "$theirs"
else
    echo "symlink mode's folder links are checked as nobody, with a Python nobody can run: not here"
fi

# 4. Across file systems: the cache on $WORK's file system, the venv on /dev/shm.
shm=$(mktemp -d /dev/shm/cppvenv-it-XXXXXX 2>/dev/null) || shm=""
if [ -n "$shm" ] && [ "$(stat -c %d "$shm")" != "$(stat -c %d "$WORK")" ]; then
    "$CPPVENV" -v create --link-mode hardlink -p "$python" "$shm/far" 2>far.err
    check "hardlink across file systems falls back to copies, said under -v ($(grep -i 'hard-link' far.err))" \
        grep -q "cannot hard-link from the wheel cache into $shm/far (another file system.*copying" far.err
    check_equal "the venv on the other file system has copies" 1 \
        "$(stat -c %h "$(site_of "$shm/far")/pip/__init__.py")"
    check "the venv on the other file system works" "$shm/far/bin/python" -m pip --version
    "$CPPVENV" -v create -p "$python" "$shm/clone" 2>clone.err
    check "clone across file systems copies, said under -v, naming the venv ($(grep 'cannot clone' clone.err))" \
        grep -q "the file system of $shm/clone cannot clone" clone.err
    # copy_file_range refuses two file systems (EXDEV): the bytes still go from
    # the cache's pages to the venv's in the kernel (sendfile), not through a
    # buffer of cppvenv's (a pread and a write a file).
    # (A kernel from 5.3 to 5.18 copies across file systems with
    # copy_file_range itself: that counts as in the kernel too.) A refused way
    # is not tried again: at most one refusal a thread.
    if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
        # One file a thread (-ff): no call split between two lines.
        strace -ff -e trace=pread64,sendfile,copy_file_range -o copy-trace \
            "$CPPVENV" create -p "$python" "$shm/in-kernel"
        sends=$(cat copy-trace.* | grep -c 'sendfile(.*= [0-9]')
        ranges=$(cat copy-trace.* | grep -c 'copy_file_range(.*= [0-9]')
        refused=$(cat copy-trace.* | grep -c 'copy_file_range(.*= -1')
        reads=$(cat copy-trace.* | grep -c 'pread64(')
        check "copies across file systems stay in the kernel ($sends sendfile, $ranges copy_file_range, $refused refused, $reads pread64)" \
            test $((sends + ranges)) -ge 100 -a "$reads" -lt 50 -a "$refused" -le 8
    else
        echo "SKIPPED CHECK: no strace that may trace here, so how copies are made cannot be seen"
    fi
    rm -rf "$shm"
else
    echo "no /dev/shm on another file system: the cross-file-system checks are not run"
fi
chmod -R u+w "$WORK"
finish
