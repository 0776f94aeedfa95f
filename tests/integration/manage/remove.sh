#!/usr/bin/env bash
# `cppvenv remove`: deletes venvs (ours and venv's) and nothing else; refuses
# non-venvs, symlinks, $HOME and the current folder with one clear line.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
cd "$WORK" || exit 1
"$CPPVENV" create --without-pip -p "$python" ours
"$python" -m venv --without-pip "ref \$(env)"
"$CPPVENV" create --without-pip -p "$python" third

check "remove two venvs at once" "$CPPVENV" remove ours "ref \$(env)"
check "ours is gone" test ! -e ours
check "venv's is gone" test ! -e "ref \$(env)"
check_equal "nothing is left beside them" "" "$(find . -maxdepth 1 -name '.*cppvenv-removing*')"
"$CPPVENV" create --without-pip -p "$python" quiet
check_equal "remove is quiet on success" "" "$("$CPPVENV" remove quiet 2>&1)"
check "quiet is gone" test ! -e quiet

if /usr/bin/python3 -m virtualenv --version >/dev/null 2>&1; then
    /usr/bin/python3 -m virtualenv --no-seed -p /usr/bin/python3 "by virtualenv" >/dev/null
    check "remove takes a venv virtualenv made (its .gitignore is its own)" \
        "$CPPVENV" remove "by virtualenv"
    check "...it is gone" test ! -e "by virtualenv"
else
    echo "no virtualenv for /usr/bin/python3: removing a venv virtualenv made not checked"
fi

mkdir -p mine && echo data >mine/file
check_fails "a folder without pyvenv.cfg is refused" 1 "refusing to remove mine: it is not a virtual environment" remove mine
check "its files are kept" test -f mine/file
echo text >afile
check_fails "a file is refused" 1 "not a directory" remove afile
check_fails "a missing path fails" 1 "no such file or directory" remove missing
ln -s third link
check_fails "a symlink to a venv is refused" 1 "it is a symlink" remove link
check "the venv behind the link is kept" test -f third/pyvenv.cfg
# (not in subshells: the checks count in this shell)
cd third || exit 1
check_fails "the current folder is refused" 1 "the current folder" -q remove .
check_fails "the current folder, by name, is refused" 1 "current folder" remove ../third
mkdir -p lib/sub && cd lib/sub
check_fails "a parent of the current folder is refused" 1 "its parents" remove ../..
cd "$WORK" || exit 1
HOME="$WORK/third" check_fails "\$HOME is refused" 1 "your home folder" remove third
check "third survived the refusals" test -f third/pyvenv.cfg
"$CPPVENV" -v remove third 2>verbose.txt
check "-v names the aside folder" grep -q "third.cppvenv-removing-" verbose.txt
check "third is gone" test ! -e third
check_fails "remove without ENV_DIR is a usage error" 2 "cppvenv remove needs ENV_DIR" remove

# A kill at any moment leaves the whole venv under its name, or nothing under
# its name; the next remove finishes the job.
"$CPPVENV" create --without-pip -p "$python" big
for i in $(seq 1 1000); do echo "$i" >"big/lib/file-$i"; done
files_before=$(find big | wc -l)
for delay in 0 0.003 0.01 0.03; do
    cp -al big "kill-$delay"
    "$CPPVENV" remove "kill-$delay" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ -e "kill-$delay" ]; then
        check_equal "killed after ${delay}s: the venv is whole" "$files_before" "$(find "kill-$delay" | wc -l)"
    fi
    if [ -n "$(ls -A | grep -- "kill-$delay")" ]; then # else it finished before the kill
        "$CPPVENV" remove "kill-$delay" 2>err.txt
        check_equal "killed after ${delay}s: remove again succeeds" "" "$(cat err.txt)"
    fi
    check_equal "killed after ${delay}s: nothing is left" "" "$(ls -A | grep -- "kill-$delay")"
done
mkdir .big.cppvenv-removing-1
check "an aside folder of a live process is not touched" "$CPPVENV" remove big
check "...it is still there" test -d .big.cppvenv-removing-1
finish
