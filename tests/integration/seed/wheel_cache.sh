#!/usr/bin/env bash
# The cache of unpacked wheels: 8 creates racing on an empty cache, damaged
# entries rebuilt, a cache others may write never trusted, `cppvenv cache`.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
CACHE="$XDG_CACHE_HOME/cppvenv"
entries() { ls "$CACHE/packs" | grep -E '^[0-9a-f]{64}$'; }
pip_entry() { # the entry holding pip's files
    local entry
    for entry in $(entries); do
        grep -q "$(printf '\t')pip/__init__.py\$" "$CACHE/packs/$entry/manifest" &&
            echo "$CACHE/packs/$entry" && return
    done
}
site_of() { ls -d "$1"/lib/python3*/site-packages; }

# 1. Eight creates at once on an empty cache.
pids=()
for i in 1 2 3 4 5 6 7 8; do
    "$CPPVENV" create -p "$python" "race$i" 2>"race$i.err" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
check_equal "8 concurrent creates on an empty cache all succeed ($(cat race*.err))" 0 "$failed"
for i in 2 3 4 5 6 7 8; do
    check "race$i has the same tree and package files as race1 (RECORD differs by the launchers' paths)" \
        bash -c "diff <(cd race1 && find . | sort) <(cd race$i && find . | sort) >/dev/null &&
                 diff -r -x RECORD race1/lib race$i/lib >/dev/null"
done
check "pip runs in a venv made in the race" race5/bin/python -m pip --version
wheel_count=$(ls "$(site_of race1)" | grep -c '\.dist-info$')
check_equal "one cache entry per wheel" "$wheel_count" "$(entries | wc -l)"
check_equal "no temporary folder is left in the cache" "" \
    "$(ls -A "$CACHE/packs" | grep -E '^\.(tmp|damaged)-' || true)"
entry=$(pip_entry)
check "the pack is read-only" test "$(stat -c %a "$entry/pack")" = 444
check "the entry's folder is read-only" test "$(stat -c %a "$entry")" = 555
check "copies need no member files in the cache" test ! -e "$entry/files"
size=$(stat -c %s "$entry/pack")

# 2. Damage: each kind is detected under -v, the entry rebuilt, the venv whole.
damage() { # damage NAME COMMAND...
    local name=$1
    shift
    chmod -R u+w "$entry"
    "$@"
    "$CPPVENV" -v create -p "$python" "$name" 2>"$name.err"
    check "$name: the damage is detected ($(grep -i 'cannot be used' "$name.err"))" \
        grep -q "cached copy of .* cannot be used" "$name.err"
    check "$name: pip works in the new venv" "$name/bin/python" -m pip --version
    check "$name: the entry is whole again" \
        test "$(stat -c %s "$entry/pack")" = "$size" -a -f "$entry/manifest"
}
damage truncated truncate -s 1 "$entry/pack"
damage deleted rm "$entry/pack"
damage no-marker rm "$entry/manifest"
damage cut-marker sed -i '$d' "$entry/manifest"
damage writable chmod 0644 "$entry/pack"
damage older-format sed -i '1s/ 2$/ 1/' "$entry/manifest"
check "an entry of an older format is named as such" \
    grep -q "made by another version of cppvenv" older-format.err
"$CPPVENV" -v create -p "$python" undamaged 2>undamaged.err
check "a whole entry is used as it is" bash -c "! grep -q 'cannot be used\|unpacked ' undamaged.err"
"$CPPVENV" create --no-cache -p "$python" straight
check "the venv from the cache holds what one made straight from the wheels does" \
    diff -r --exclude=RECORD --exclude=__pycache__ "$(site_of undamaged)" "$(site_of straight)"

# The member files hard links and symlinks point to: made on first need, from
# the pack, read-only; damaged ones made again.
"$CPPVENV" -v create --link-mode hardlink -p "$python" linked 2>linked.err
check "the first hard-linked venv makes the member files ($(grep 'files of' linked.err))" \
    grep -q "unpacked the files of" linked.err
check "member files are read-only" test "$(stat -c %a "$entry/files/pip/__init__.py")" = 444
check "member folders are read-only" test "$(stat -c %a "$entry/files/pip")" = 555
check "the entry's folder is read-only again" test "$(stat -c %a "$entry")" = 555
check "member files hold the wheel's bytes" \
    cmp "$entry/files/pip/__init__.py" "$(site_of race1)/pip/__init__.py"
member_size=$(stat -c %s "$entry/files/pip/__init__.py")
chmod u+w "$entry/files/pip/__init__.py"
truncate -s 1 "$entry/files/pip/__init__.py"
"$CPPVENV" -v create --link-mode hardlink -p "$python" relinked 2>relinked.err
check "damaged member files are detected ($(grep 'cannot be used' relinked.err))" \
    grep -q "cached files of .* cannot be used" relinked.err
check "and made again" test "$(stat -c %s "$entry/files/pip/__init__.py")" = "$member_size"
check "pip works in the venv linked to them" relinked/bin/python -m pip --version
check "the entry's folder is read-only after the repair" test "$(stat -c %a "$entry")" = 555

# 3. Trust: a cache folder others may write, or another user's, is not used.
chmod g+w "$CACHE/packs"
"$CPPVENV" create -p "$python" group-writable 2>gw.err
check "a group-writable cache is refused with a warning ($(cat gw.err))" \
    grep -q "not using the wheel cache" gw.err
check "pip is installed straight from the wheel then" group-writable/bin/python -m pip --version
chmod g-w "$CACHE/packs"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    chown -R nobody "$CACHE"
    "$CPPVENV" create -p "$python" foreign 2>foreign.err
    check "a cache owned by another user is refused ($(cat foreign.err))" \
        grep -q "not using the wheel cache" foreign.err
    check "pip works without it" foreign/bin/python -m pip --version
    chown -R "$(id -u)" "$CACHE"
    # An entry planted by another user inside an otherwise trusted cache.
    chown -R nobody "$entry"
    "$CPPVENV" -v create -p "$python" planted 2>planted.err
    check "an entry of another user is not trusted ($(grep 'cannot be used' planted.err))" \
        grep -q "cached copy of .* cannot be used" planted.err
    check_equal "the rebuilt entry is this user's" "$(id -u)" "$(stat -c %u "$entry/pack")"
fi

# 3b. Another user (nobody), with a umask of 077: member files are published
# (a folder moved to another parent needs its own write permission, which root
# does not) and entries are read-only enough to be used again.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && [ -x /usr/bin/python3 ]; then
    theirs=$(mktemp -d /tmp/cppvenv-nobody-XXXXXX)
    chmod 755 "$theirs"
    cp "$CPPVENV" "$theirs/cppvenv"
    chown -R nobody "$theirs"
    as_nobody() {
        runuser -u nobody -- env -i PATH=/usr/bin:/bin HOME="$theirs" \
            XDG_CACHE_HOME="$theirs/cache" sh -c 'umask 077; exec "$@"' sh "$@"
    }
    as_nobody "$theirs/cppvenv" -v create -p /usr/bin/python3 "$theirs/first" 2>nobody1.err
    as_nobody "$theirs/cppvenv" -v create --link-mode hardlink -p /usr/bin/python3 \
        "$theirs/linked" 2>nobody2.err
    check "as nobody, the hard-linked venv links to member files ($(grep -i 'files of\|could not\|warning' nobody2.err))" \
        grep -q "unpacked the files of" nobody2.err
    check "as nobody, nothing fell back to the wheel ($(grep -i 'could not\|unusable' nobody1.err nobody2.err))" \
        bash -c "! grep -qi 'could not\|unusable' nobody1.err nobody2.err"
    check "as nobody, pip works in the linked venv" as_nobody "$theirs/linked/bin/python" -m pip --version
    as_nobody "$theirs/cppvenv" -v create -p /usr/bin/python3 "$theirs/third" 2>nobody3.err
    check "as nobody with umask 077, the entry is used as it is ($(grep -i 'cannot be used' nobody3.err))" \
        bash -c "! grep -q 'cannot be used\|unpacked ' nobody3.err"
    chmod -R u+w "$theirs"
    rm -rf "$theirs"
fi

# 3c. Entries of earlier cppvenvs (wheels/, format 1) are left alone, so venvs
# linked to them keep working; cache clean removes them. Planted under the name
# pip's entry has, where a cppvenv that still used wheels/ would find it
# unusable (its format) and rebuild it.
earlier="$CACHE/wheels/$(basename "$(pip_entry)")"
mkdir -p "$earlier/files/pip"
printf 'cppvenv-unpacked-wheel 1\nplanted by this test\n' >"$earlier/manifest"
echo "linked to by an earlier venv" >"$earlier/files/pip/__init__.py"
chmod -R a-w "$earlier"
"$CPPVENV" create -p "$python" beside-earlier
check "an earlier cppvenv's entry is left alone by a create" \
    bash -c "grep -qx 'planted by this test' '$earlier/manifest' &&
             grep -q 'earlier venv' '$earlier/files/pip/__init__.py'"
check "the create beside it installed pip from the current entry" beside-earlier/bin/python -m pip --version

# 4. --no-cache installs straight from the wheel and leaves the cache alone.
XDG_CACHE_HOME="$WORK/cache2" "$CPPVENV" create --no-cache -p "$python" uncached
check "--no-cache makes no cache entry" test ! -e "$WORK/cache2/cppvenv/packs"
check "--no-cache installs pip" uncached/bin/python -m pip --version

# 5. cppvenv cache dir | info | clean.
check_equal "cache dir prints the cache folder" "$CACHE" "$("$CPPVENV" cache dir)"
"$CPPVENV" cache info --json >info.json
check "cache info --json counts the wheels" \
    "$python" -c "import json,sys; d=json.load(open('info.json')); sys.exit(not (d['wheels']==$wheel_count and d['bytes']>0 and d['path']=='$CACHE'))"
check "cache info prints the folder" bash -c "'$CPPVENV' cache info | grep -qF '$CACHE'"
echo mine >"$CACHE/packs/keep-me"
mkdir -p "$WORK/linked/"
ln -s "$CACHE" "$WORK/linked/cppvenv"
XDG_CACHE_HOME="$WORK/linked" check_fails "cache clean refuses a cache folder that is a symlink" \
    1 "is a symlink" cache clean
check "the refused clean removed nothing" test -n "$(entries)"
"$CPPVENV" cache clean >clean.out
check "cache clean removes the entries ($(cat clean.out))" test -z "$(entries)"
check "and those of earlier cppvenvs" test ! -e "$earlier"
check "cache clean leaves what it does not recognise" test -f "$CACHE/packs/keep-me"
check "venvs made with the default link mode survive a clean" race1/bin/python -m pip --version
"$CPPVENV" create -p "$python" after-clean
check "a create after a clean unpacks again" test -n "$(entries)"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    chown nobody "$CACHE"
    check_fails "cache clean refuses another user's cache" 1 "not a folder of yours" cache clean
    chown "$(id -u)" "$CACHE"
fi
chmod -R u+w "$WORK"
finish
