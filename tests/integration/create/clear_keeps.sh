#!/usr/bin/env bash
# --clear deletes only what belongs to the venv (bin, lib, include, lib64,
# pyvenv.cfg, share, etc, man, and .gitignore/CACHEDIR.TAG only where cppvenv
# wrote them), never follows a symlink out of it, and keeps everything else; an
# existing empty folder is filled in place (same inode, mode, group, ACLs); a
# killed in-place create is recognised and finished by the next run.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK" || exit 1
site=lib/python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')/site-packages
works() { "$1/bin/python" -c 'import sys; assert sys.prefix != sys.base_prefix'; }

# A venv written into a project folder, then cleared (cpython#90484).
mkdir -p proj/src outside
echo important >proj/important.txt
echo 'print(1)' >proj/src/main.py
echo keep >outside/keep.txt
"$CPPVENV" create --without-pip --allow-existing -p "$python" proj
echo 'VALUE = 1' >"proj/$site/mine.py"
ln -s "$WORK/outside" "proj/$site/link-out"
ln -s "$WORK/outside" proj/share
inode=$(stat -c %i proj)
"$CPPVENV" create --without-pip --clear -p "$python" proj
check "--clear keeps a file beside the venv" grep -q important proj/important.txt
check "--clear keeps a folder beside the venv" test -f proj/src/main.py
check "--clear deletes what was installed into the venv" test ! -e "proj/$site/mine.py"
check "--clear unlinks a symlink to a folder outside, never entering it" test -f outside/keep.txt
check "...and the link itself is gone" test ! -L "proj/$site/link-out" -a ! -e proj/share
check "--clear leaves a working venv beside the user's files" works proj
check_equal "--clear of a shared folder keeps the folder itself" "$inode" "$(stat -c %i proj)"

# The project folder is the current folder when the venv is made (`.`).
mkdir proj2 && echo important >proj2/important.txt
(cd proj2 && "$CPPVENV" create --without-pip --allow-existing -p "$python" .)
"$CPPVENV" create --without-pip --clear -p "$python" proj2
check "--clear of a venv made with --allow-existing . keeps the project's files" grep -q important proj2/important.txt

# .gitignore and CACHEDIR.TAG: deleted only when they hold what cppvenv wrote.
mkdir proj3 proj4
"$CPPVENV" create --without-pip --allow-existing -p "$python" proj3
"$CPPVENV" create --without-pip --clear --without-scm-ignore-files -p "$python" proj3
check "--clear deletes the .gitignore cppvenv wrote" test ! -e proj3/.gitignore
echo important >proj4/keep.txt
"$CPPVENV" create --without-pip --allow-existing --without-scm-ignore-files -p "$python" proj4
echo 'node_modules/' >proj4/.gitignore
"$CPPVENV" create --without-pip --clear --without-scm-ignore-files -p "$python" proj4
check_equal "--clear keeps the user's own .gitignore" "node_modules/" "$(cat proj4/.gitignore)"

# A venv alone in its folder is still swapped whole, and a link in it is not
# followed either.
"$CPPVENV" create --without-pip -p "$python" env
ln -s "$WORK/outside" env/lib/link-out
"$CPPVENV" create --without-pip --clear -p "$python" env
check "--clear of a whole venv does not follow a link out of it" test -f outside/keep.txt
check "--clear of a whole venv leaves a working venv" works env

# An existing empty folder is filled in place: inode, mode, group, ACLs stay.
mkdir shared
chgrp nogroup shared 2>/dev/null || chgrp users shared
chmod 2770 shared
have_acl=0
if command -v setfacl >/dev/null && setfacl -m u:nobody:rwx shared 2>/dev/null; then have_acl=1; fi
before="$(stat -c '%i %a %G' shared)"
"$CPPVENV" create --without-pip -p "$python" shared
check_equal "an empty folder keeps its inode, mode and group" "$before" "$(stat -c '%i %a %G' shared)"
if [ "$have_acl" = 1 ]; then
    check "an empty folder keeps its ACL" sh -c "getfacl -p shared 2>/dev/null | grep -q '^user:nobody:rwx'"
fi
check "the venv in the empty folder works" works shared

# A killed create into an empty folder leaves an unfinished venv (no
# pyvenv.cfg, only the venv's own entries); the next plain create finishes it.
unfinished=0
for round in $(seq 1 12); do
    mkdir "e$round"
    "$CPPVENV" create -p "$python" "e$round" &
    pid=$!
    sleep "0.0$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ -f "e$round/pyvenv.cfg" ] || unfinished=$((unfinished + 1))
    "$CPPVENV" create -p "$python" "e$round" 2>"e$round.err"
    check "round $round: a re-run finishes a killed in-place create ($(cat "e$round.err"))" works "e$round"
done
echo "($unfinished of 12 killed creates were unfinished)"
mkdir fin && "$CPPVENV" create --without-pip -p "$python" fin && rm fin/pyvenv.cfg
check "an unfinished venv is finished without --allow-existing" "$CPPVENV" create --without-pip -p "$python" fin
check "...and has its pyvenv.cfg" test -f fin/pyvenv.cfg
# A SIGKILL in the middle of an atomic write leaves a temporary beside the entry.
mkdir fin2 && "$CPPVENV" create --without-pip -p "$python" fin2 && rm fin2/pyvenv.cfg
echo partial >fin2/.cppvenv-tmp-4000000-0 && ln -s lib fin2/.cppvenv-tmp-4000001-3
check "a killed create's temporaries do not make its folder someone else's" \
    "$CPPVENV" create --without-pip -p "$python" fin2
echo mine >fin2/.notes.tmp-4000000-0
rm fin2/pyvenv.cfg
check_fails "a look-alike of a file that is not the venv's is kept and refuses the create" 1 "" \
    create --without-pip -p "$python" fin2
check "...and is still there" test -f fin2/.notes.tmp-4000000-0
finish
