#!/usr/bin/env bash
# `cppvenv move OLD NEW`: the venv works at NEW (pip, a console script pip
# installed, activation), OLD is gone, and what a symlink points at outside is
# never written. Refusals leave everything as it was; `move X X` repairs a venv
# moved with mv or copied with cp -a, as `check` suggests.
. "$(dirname "$0")/../create/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
python=$(find_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12") ||
    skip_suite "no Python here"
note_interpreter "$python"
cd "$WORK" || exit 1
base_path=/usr/local/bin:/usr/bin:/bin

# A tiny wheel with a console script, built here (no network).
mkdir -p src-wheel/move_demo
cp "$here/../seed/demo_backend.py" src-wheel/
printf 'def main():\n    print("move_demo works")\n' >src-wheel/move_demo/__init__.py
wheel=$WORK/$(cd src-wheel && "$python" -c 'import demo_backend; print(demo_backend.build_wheel(".."))')

# tree_digest DIR: every entry's path, type, mode and contents (links as their text).
tree_digest() {
    (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r entry; do
        if [ -L "$entry" ]; then
            echo "$entry link $(readlink "$entry")"
        elif [ -d "$entry" ]; then
            echo "$entry dir $(stat -c %a "$entry")"
        else
            echo "$entry file $(stat -c %a "$entry") $(sha256sum <"$entry" | cut -c1-16)"
        fi
    done)
}
activated_in_bash() { # prints VIRTUAL_ENV, PATH's first entry and the prompt after activation
    env -i PATH="$base_path" PS1='$ ' bash -c '. "$1/bin/activate" && printf "%s\n" "$VIRTUAL_ENV" "${PATH%%:*}" "$VIRTUAL_ENV_PROMPT"' sh "$1"
}

"$CPPVENV" create -p "$python" --prompt "my prompt" A
A/bin/pip install -q --no-index --no-cache-dir "$wheel"
# A symlink in bin/ to a launcher-like file outside: never written through.
mkdir outside
printf '#!%s/A/bin/python3\nprint("outside")\n' "$WORK" >outside/tool
ln -s "$WORK/outside/tool" A/bin/planted
outside_before=$(sha256sum <outside/tool)
home_before=$(cfg_value A/pyvenv.cfg home)

check "move A B" "$CPPVENV" move A B
check "A is gone" test ! -e A
check_equal "B/bin/pip --version runs B's pip" "yes" \
    "$(case $(env -i PATH="$base_path" B/bin/pip --version) in *"$WORK/B/lib/"*) echo yes ;; *) echo no ;; esac)"
check_equal "the console script pip installed runs" "move_demo works" "$(B/bin/move_demo 2>&1)"
check_equal "activation in bash: VIRTUAL_ENV, PATH and the same prompt" \
    "$WORK/B"$'\n'"$WORK/B/bin"$'\n'"my prompt" "$(activated_in_bash "$WORK/B")"
check_equal "pyvenv.cfg's command names B" "yes" \
    "$(case $(cfg_value B/pyvenv.cfg command) in *" $WORK/B") echo yes ;; *) echo no ;; esac)"
check_equal "pyvenv.cfg's home is unchanged" "$home_before" "$(cfg_value B/pyvenv.cfg home)"
check_equal "no file in B names A any more" "" "$(grep -rlF "$WORK/A" B --exclude='*.pyc' --exclude=RECORD)"
check "the planted link is still a link" test -L B/bin/planted
check_equal "the file it points at is unchanged" "$outside_before" "$(sha256sum <outside/tool)"
check_equal "move is quiet on success" "" "$("$CPPVENV" move B B2 2>&1)"
"$CPPVENV" move B2 B

# A path with a space and a quote: launchers become /bin/sh trampolines, and back.
check "move to a path with a space and a quote" "$CPPVENV" move B "B it's"
check_equal "pip's launcher is a trampoline there" "#!/bin/sh" "$(head -n 1 "B it's/bin/pip")"
check_equal "the console script runs there" "move_demo works" "$("B it's/bin/move_demo" 2>&1)"
check "and back" "$CPPVENV" move "B it's" B
check_equal "a plain shebang again" "#!$WORK/B/bin/python3" "$(head -n 1 B/bin/pip | sed 's/python3\.[0-9]*$/python3/')"
# Moved with mv from a path with a space: check reads the python each /bin/sh
# trampoline starts, sees it is gone, and suggests move X X, which repairs them.
"$CPPVENV" move B "B sp"
mv "B sp" B
OUT=$("$CPPVENV" check --fast B 2>&1)
check "check sees the trampolines of a venv moved with mv start a python that is gone" \
    grep -q "start $WORK/B sp/bin/python.*, which does not exist.*cppvenv move B B" <<<"$OUT"
check "...move B B repairs them" "$CPPVENV" move B B
check "...pip runs" sh -c 'B/bin/pip --version >/dev/null'

# Refusals: one line, nothing changed.
before=$(tree_digest B)
mkdir notvenv && touch notvenv/file
check_fails "a folder that is not a venv" 1 "refusing to move notvenv: it is not a virtual environment" move notvenv X
check_fails "a missing venv" 1 "cannot move missing: no such file or directory" move missing X
mkdir exists
check_fails "a target that exists" 1 "refusing to move B to exists: exists exists" move B exists
ln -s nowhere dangling
check_fails "a target that is a dangling symlink" 1 "refusing to move B to dangling: dangling exists" move B dangling
ln -s B linkB
check_fails "a symlink to a venv" 1 "refusing to move linkB: it is a symlink" move linkB X
check_fails "a target that is a symlink to the venv itself" 1 "refusing to move B to linkB: linkB exists" move B linkB
check "...the link is still there" test -L linkB
check_fails "into itself" 1 "refusing to move B into itself" move B B/inner
check_fails "a parent that is not a folder" 1 "notvenv/file is not a folder" move B notvenv/file/X
check_equal "refusals changed nothing in B" "$before" "$(tree_digest B)"

# A pyvenv.cfg that is not a regular file is refused at once: never read
# through a symlink (/dev/zero would fill the memory), never opened as a FIFO
# (that blocks), never read past a size no venv tool writes. Memory and time
# are capped so that a failure here cannot take the machine down.
"$CPPVENV" create --without-pip -p "$python" Z
cp Z/pyvenv.cfg real.cfg
# (No address space cap for an AddressSanitizer build: its shadow needs terabytes.)
memory_cap() { grep -qa __asan_init "$CPPVENV" || ulimit -v 4000000; }
capped_move() { (memory_cap && timeout 20 "$CPPVENV" move Z Z2 2>&1; echo "exit $?"); }
rm Z/pyvenv.cfg && ln -s /dev/zero Z/pyvenv.cfg
check_equal "pyvenv.cfg a symlink to /dev/zero" \
    "cppvenv: error: Z is not a virtual environment: its pyvenv.cfg is a symlink, which cppvenv does not follow"$'\n'"exit 1" \
    "$(capped_move)"
rm Z/pyvenv.cfg && ln -s "$WORK/real.cfg" Z/pyvenv.cfg
check_equal "pyvenv.cfg a symlink to a file (no stale errno in the message)" \
    "cppvenv: error: Z is not a virtual environment: its pyvenv.cfg is a symlink, which cppvenv does not follow"$'\n'"exit 1" \
    "$(capped_move)"
rm Z/pyvenv.cfg && mkfifo Z/pyvenv.cfg
check_equal "pyvenv.cfg a FIFO" \
    "cppvenv: error: Z is not a virtual environment: its pyvenv.cfg is not a regular file"$'\n'"exit 1" \
    "$(capped_move)"
rm Z/pyvenv.cfg && cp real.cfg Z/pyvenv.cfg && head -c 70000 /dev/zero | tr '\0' '#' >>Z/pyvenv.cfg
check_equal "pyvenv.cfg past 64 KiB" \
    "cppvenv: error: Z is not a virtual environment: its pyvenv.cfg is larger than 64 KiB, far more than any venv tool writes"$'\n'"exit 1" \
    "$(capped_move)"
check "...and Z stayed where it was" test -d Z -a ! -e Z2
check "no X was made" test ! -e X
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$WORK")" ]; then
    check_fails "another file system" 1 "that is another file system" move B /dev/shm/cppvenv-move-$$
    check "...nothing there" test ! -e /dev/shm/cppvenv-move-$$
    # Its hint's commands are for pasting: each path one shell word.
    run_cppvenv move B "/dev/shm/it's here-$$"
    check "...the hint quotes a path with a space and a quote for the shell" \
        grep -qF "\`mv B '/dev/shm/it'\\''s here-$$'\`, then fix its paths with \`cppvenv move '/dev/shm/it'\\''s here-$$' '/dev/shm/it'\\''s here-$$'\`" <<<"$ERR"
fi

# A venv virtualenv made: its .gitignore ("# created by virtualenv
# automatically") is the venv's own, not a file of the user's.
if /usr/bin/python3 -m virtualenv --version >/dev/null 2>&1; then
    /usr/bin/python3 -m virtualenv --no-seed -p /usr/bin/python3 vx >/dev/null
    check "move takes a venv virtualenv made" "$CPPVENV" move vx vx2
    check_equal "...its python runs from there" "$WORK/vx2" \
        "$(vx2/bin/python -c 'import sys; print(sys.prefix)')"
    check_equal "...and activation names it" "$WORK/vx2" "$(activated_in_bash "$WORK/vx2" | head -n 1)"
    mkdir vx3 && printf '# created by virtualenv automatically\n*\nmine\n' >vx3/.gitignore
    cp -a vx2/pyvenv.cfg vx2/bin vx2/lib vx3/
    check_fails "...one whose .gitignore says more is refused" 1 \
        "refusing to move vx3: the folder also holds files that are not the venv's" move vx3 vx4
else
    echo "no virtualenv for /usr/bin/python3: a venv virtualenv made not checked"
fi

# mv, then check suggests move X X, which repairs it.
mv B moved
OUT=$("$CPPVENV" check --fast moved 2>&1)
check "check suggests cppvenv move for a venv moved with mv" grep -q "cppvenv move moved moved" <<<"$OUT"
check "move X X repairs it in place" "$CPPVENV" move moved moved
check_equal "...its console script runs" "move_demo works" "$(moved/bin/move_demo 2>&1)"
check_equal "...and activation names it" "$WORK/moved" "$(activated_in_bash "$WORK/moved" | head -n 1)"
check_equal "...check is happy" "0" "$("$CPPVENV" check moved >/dev/null 2>&1; echo $?)"
# cp -a, then check suggests move X X for the copy; the original is untouched.
cp -a moved copy
original=$(tree_digest moved)
OUT=$("$CPPVENV" check copy 2>&1)
check "check suggests cppvenv move for a copy" grep -q "cppvenv move copy copy" <<<"$OUT"
check "move copy copy" "$CPPVENV" move copy copy
check_equal "...the copy's pip is its own" "yes" \
    "$(case $(copy/bin/pip --version) in *"$WORK/copy/lib/"*) echo yes ;; *) echo no ;; esac)"
check_equal "...check is happy with the copy" "0" "$("$CPPVENV" check copy >/dev/null 2>&1; echo $?)"
check_equal "...the original is untouched" "$original" "$(tree_digest moved)"

# An editable-style .pth naming the old folder is reported, not rewritten.
site=$(cd moved && echo lib/python3*/site-packages)
printf '%s/src\n' "$WORK/moved" >"moved/$site/editable_demo.pth"
ERR=$("$CPPVENV" move moved M2 2>&1)
check "a .pth naming the old folder is reported" grep -q "warning: .*editable_demo.pth still names the old folder" <<<"$ERR"
check "...and the move still happened" test -x M2/bin/pip

# What a move killed while it staged its rewrites leaves: temporaries of a
# process that is gone, beside the untouched files. The next move deletes them
# (and never one of a process that is alive).
"$CPPVENV" create -p "$python" K
dead=$(sh -c 'echo $$')
printf '#!%s/K2/bin/python3\n' "$WORK" >"K/bin/.cppvenv-tmp-$dead-0"
printf 'home = /x\n' >"K/.cppvenv-tmp-$dead-1"
printf 'alive\n' >"K/bin/.cppvenv-tmp-$$-0"
check "a move after a killed one succeeds" "$CPPVENV" move K K2
check_equal "...and deletes only what the dead process left" "K2/bin/.cppvenv-tmp-$$-0" \
    "$(find K2 -name '.cppvenv-tmp-*')"
check "...and K2 works" sh -c 'K2/bin/pip --version >/dev/null'

# OLD swapped for a symlink to another venv between move's look at it and its
# rewrites: strace holds move's first open of OLD for 2.5 s, and the swap
# happens then. The venv the symlink names must not be touched.
real_work=$(pwd -P)
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
    "$CPPVENV" create --without-pip -p "$python" victim
    mkdir race && "$CPPVENV" create --without-pip -p "$python" race/v
    victim_before=$(tree_digest victim)
    (for _ in $(seq 200); do
        pid=$(cat race.pid 2>/dev/null)
        for fd in ${pid:+/proc/$pid/fd/*}; do
            if [ "$(readlink "$fd" 2>/dev/null)" = "$real_work/race/v" ]; then
                mv race/v race/v.orig && ln -s "$real_work/victim" race/v
                exit 0
            fi
        done
        sleep 0.05
    done) &
    swapper=$!
    ERR=$(strace -o /dev/null -P "$real_work/race/v" -e trace=openat \
        -e inject=openat:delay_exit=2500000:when=1 \
        sh -c 'echo $$ >race.pid; exec "$0" move race/v race2' "$CPPVENV" 2>&1)
    wait "$swapper"
    check "OLD swapped for a symlink during the move: it fails" \
        grep -q "^cppvenv: error: cannot move race/v: it was replaced" <<<"$ERR"
    check_equal "...the venv the symlink names is untouched" "$victim_before" "$(tree_digest victim)"
    check "...and nothing is at race2" test ! -e race2 -a ! -L race2
    # The same swap while move renames OLD (held at renameat2, syscall 316 on
    # x86-64): the symlink renamed in its place goes back, the rewrites too.
    if [ "$(uname -m)" = x86_64 ]; then
        rm race/v && mv race/v.orig race/v && rm race.pid
        race_before=$(tree_digest race/v)
        (for _ in $(seq 200); do
            pid=$(cat race.pid 2>/dev/null)
            if [ -n "$pid" ] && grep -q '^316 ' "/proc/$pid/syscall" 2>/dev/null; then
                mv race/v race/v.orig && ln -s "$real_work/victim" race/v
                exit 0
            fi
            sleep 0.05
        done) &
        swapper=$!
        ERR=$(strace -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_enter=2500000:when=1 \
            sh -c 'echo $$ >race.pid; exec "$0" move race/v race2' "$CPPVENV" 2>&1)
        wait "$swapper"
        check "OLD swapped for a symlink as it is renamed: the move fails" \
            grep -q "^cppvenv: error: cannot move race/v: it was replaced" <<<"$ERR"
        check_equal "...the venv the symlink names is untouched" "$victim_before" "$(tree_digest victim)"
        check_equal "...OLD's rewrites are put back" "$race_before" "$(tree_digest race/v.orig)"
        check "...and nothing is at race2" test ! -e race2 -a ! -L race2
    fi
else
    echo "no working strace: OLD swapped for a symlink during a move not checked"
fi

# Failures as nobody: the venv is left exactly as it was.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
    setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    chmod 755 "$WORK"
    cp "$CPPVENV" "$WORK/cppvenv" && chmod 755 "$WORK/cppvenv"
    mkdir -p nob/ro nob/cache && chown -R nobody nob && chmod 555 nob/ro
    as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env XDG_CACHE_HOME="$WORK/nob/cache" "$@"; }
    as_nobody "$WORK/cppvenv" create -p "$python" nob/A
    intact=$(tree_digest nob/A)
    ERR=$(as_nobody "$WORK/cppvenv" move nob/A nob/ro/B 2>&1)
    check_equal "a read-only target folder: the error" \
        "cppvenv: error: cannot move nob/A to nob/ro/B: Permission denied; nothing was changed" "$ERR"
    check_equal "...A is exactly as it was (its launchers put back)" "$intact" "$(tree_digest nob/A)"
    chmod 555 nob/A/bin
    ERR=$(as_nobody "$WORK/cppvenv" move nob/A nob/B 2>&1)
    check "a read-only bin/: the error says the move failed and nothing changed" \
        grep -q "^cppvenv: error: cannot move nob/A: cannot create .*/bin/.*: Permission denied; nothing was changed$" <<<"$ERR"
    chmod 755 nob/A/bin
    check_equal "...A is exactly as it was" "$intact" "$(tree_digest nob/A)"
    chmod 000 nob/A/bin/pip3
    intact=$(tree_digest nob/A)
    ERR=$(as_nobody "$WORK/cppvenv" move nob/A nob/B 2>&1)
    check "an unreadable launcher: the move fails" grep -q "cppvenv: error: cannot move nob/A: cannot read .*bin/pip3 (Permission denied); nothing was changed" <<<"$ERR"
    check_equal "...A is exactly as it was" "$intact" "$(tree_digest nob/A)"
    check "...and no B" test ! -e nob/B
    chmod 755 nob/A/bin/pip3
    check "as nobody, a move that can succeed does" as_nobody "$WORK/cppvenv" move nob/A nob/B
else
    echo "not root or no setpriv: failure injection as nobody not checked"
fi
finish
