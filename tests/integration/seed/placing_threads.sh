#!/usr/bin/env bash
# pip's files are copied out of the wheel cache (or inflated from the wheel:
# --no-cache, a first create) on as many threads as the processors this
# process may use (at most 4, at least 64 files each): its CPU
# affinity (taskset, a container's cpuset) and the CPU quota of its cgroup (a
# container's --cpus, systemd's CPUQuota=), where more threads would only wait.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
"$CPPVENV" create -p "$python" first # fills the cache

threads_in() { # threads_in FILE: the threads -v said pip's files were placed on
    if ! grep -q "installed .*pip-" "$1"; then
        echo "none (pip was not installed)"
    elif grep -q "pip-.*placed on [0-9]* threads" "$1"; then
        sed -n 's/.*pip-.*placed on \([0-9]*\) threads.*/\1/p' "$1" | head -1
    else
        echo 1
    fi
}

"$CPPVENV" -v create -p "$python" unbounded 2>unbounded.err
cores=$(processors)
quota=$(own_quota)
if [ -n "$quota" ] && [ "$quota" -lt "$cores" ]; then cores=$quota; fi
expected=$((cores < 4 ? cores : 4))
check_equal "pip's files are copied on min(processors, 4) threads (affinity $(processors), quota ${quota:-none})" \
    "$expected" "$(threads_in unbounded.err)"
check "and the venv's pip runs" unbounded/bin/python -m pip --version

# Straight from the wheel (--no-cache, and a first create, which also writes the
# cache's pack as the bytes pass) the files are inflated on as many threads.
"$CPPVENV" -v create --no-cache -p "$python" no-cache 2>no-cache.err
check_equal "--no-cache: pip's files are inflated from the wheel on $expected threads" \
    "$expected" "$(threads_in no-cache.err)"
XDG_CACHE_HOME=$WORK/empty-cache "$CPPVENV" -v create -p "$python" first-threaded 2>first.err
check_equal "a first create (empty cache) inflates and keeps them on $expected threads" \
    "$expected" "$(threads_in first.err)"
check "and says it kept the wheel in the cache" grep -q "unpacked .*pip-.* into the cache" first.err
XDG_CACHE_HOME=$WORK/empty-cache "$CPPVENV" create -p "$python" from-threaded-pack
# (RECORD lists the launchers' hashes, and their shebangs name each venv.)
check "a venv copied from the pack those threads wrote has the same site-packages" \
    diff -r -x RECORD first-threaded/lib from-threaded-pack/lib
check "and the same as one straight from the wheel" \
    diff -r -x RECORD no-cache/lib from-threaded-pack/lib
check "and its pip runs" from-threaded-pack/bin/python -m pip --version

if command -v taskset >/dev/null; then
    taskset -c 0 env XDG_CACHE_HOME="$WORK/one-core-cache" "$CPPVENV" -v create -p "$python" \
        one-core-first 2>one-core-first.err
    check_equal "on one core (taskset), a first create inflates on one thread" 1 \
        "$(threads_in one-core-first.err)"
    same_packs() { # every wheel's pack made on one core is the one the threads made
        local pack found=0
        for pack in "$WORK"/one-core-cache/cppvenv/packs/*/pack; do
            cmp "$pack" "$WORK/empty-cache/cppvenv/packs/${pack#"$WORK"/one-core-cache/cppvenv/packs/}" ||
                return 1
            found=$((found + 1))
        done
        [ "$found" -gt 0 ]
    }
    check "and keeps the same packs as the threads did, byte for byte" same_packs
    taskset -c 0 "$CPPVENV" -v create -p "$python" one-core 2>one-core.err
    check_equal "on one core (taskset), files are copied on one thread" 1 "$(threads_in one-core.err)"
    check "and the venv's pip runs" one-core/bin/python -m pip --version
else
    echo "SKIPPED CHECK: no taskset, so no create pinned to one core"
fi

# Linux starts a new thread on its creator's processor and, while the creator
# goes on placing files there, leaves it waiting out the creator's time slice
# (2.5-4 ms on a 2-core VM, the other core idle). Each worker is started on the
# processors this process may use less its creator's (the creator narrows the
# new thread's set), and gives itself the whole set back as it begins.
if [ "$expected" -lt 2 ]; then
    echo "SKIPPED CHECK: pip's files are placed on one thread here, so no thread is started"
elif ! command -v strace >/dev/null || ! strace -f -o /dev/null true 2>/dev/null; then
    echo "SKIPPED CHECK: no strace that may trace here, so where threads start cannot be seen"
else
    # One trace a thread (-ff: affinity-trace.PID), so no call is split in two when
    # threads make theirs at once.
    strace -ff -e trace=sched_setaffinity -o affinity-trace "$CPPVENV" create -p "$python" traced
    # Each "sched_setaffinity(TID, SIZE, [CPU ...]) = 0" as "narrowed TID COUNT"
    # when another thread made it, "given-back TID COUNT" when TID made its own.
    for trace in affinity-trace.*; do
        caller=${trace#affinity-trace.}
        sed -n 's/^sched_setaffinity(\([0-9]*\), [0-9]*, \[\([0-9 ]*\)\]) *= 0$/\1 \2/p' "$trace" |
            while read -r thread cpus; do
                # shellcheck disable=SC2086 # split into its processors, on purpose
                set -- $cpus
                if [ "$caller" = "$thread" ]; then echo "given-back $thread $#"; else echo "narrowed $thread $#"; fi
            done
    done >affinity.calls
    others=$(($(processors) - 1))
    check "worker threads were started (one or more a wheel)" grep -q "^narrowed " affinity.calls
    check_equal "each started on $others of the $(processors) processors (all but its creator's)" \
        "" "$(grep "^narrowed " affinity.calls | grep -v " $others$")"
    check_equal "and each gives itself all $(processors) back as it begins" \
        "$(sed -n 's/^narrowed \([0-9]*\) .*/\1/p' affinity.calls | sort)" \
        "$(sed -n "s/^given-back \([0-9]*\) $(processors)$/\1/p" affinity.calls | sort)"
    check "and the venv's pip runs" traced/bin/python -m pip --version
fi

# A cgroup of our own with a quota of one processor (cgroup v1's cpu
# hierarchy, else v2 where the root group lends its cpu controller): a create
# run in it copies on one thread however many cores it may run on.
quota_group="" enabled_cpu=""
remove_quota_group() { # its one process has ended; v2 may say busy for a moment
    local try
    for try in 1 2 3 4 5; do
        [ -z "$quota_group" ] || rmdir "$quota_group" 2>/dev/null && break
        sleep 0.2
    done
    if [ -n "$enabled_cpu" ]; then
        echo -cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
    fi
    quota_group="" enabled_cpu=""
}
trap remove_quota_group EXIT
make_quota_group() { # make_quota_group: sets quota_group, or says why not
    local mount
    for mount in /sys/fs/cgroup/cpu /sys/fs/cgroup/cpu,cpuacct; do
        if [ -w "$mount/cpu.cfs_quota_us" ] && mkdir "$mount/cppvenv-test-$$" 2>/dev/null; then
            quota_group=$mount/cppvenv-test-$$
            echo 100000 >"$quota_group/cpu.cfs_period_us" &&
                echo 100000 >"$quota_group/cpu.cfs_quota_us" && return 0
            rmdir "$quota_group"
            quota_group=""
        fi
    done
    if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null &&
        ! grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control &&
        echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
        enabled_cpu=yes
    fi
    if grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null &&
        mkdir "/sys/fs/cgroup/cppvenv-test-$$" 2>/dev/null; then
        quota_group=/sys/fs/cgroup/cppvenv-test-$$
        echo "100000 100000" >"$quota_group/cpu.max" && return 0
        rmdir "$quota_group"
        quota_group=""
    fi
    return 1
}
if [ "$(processors)" -lt 2 ]; then
    echo "SKIPPED CHECK: one processor here, so a quota of one changes nothing to see"
elif ! make_quota_group; then
    echo "SKIPPED CHECK: no cgroup here lets this user set a CPU quota (v1 cpu or v2 cpu.max)"
else
    echo "note: a CPU quota of one processor set in $quota_group"
    bash -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' _ "$quota_group" \
        "$CPPVENV" -v create -p "$python" quota-one 2>quota-one.err
    remove_quota_group
    check_equal "under a CPU quota of one processor ($(processors) cores), files are copied on one thread" \
        1 "$(threads_in quota-one.err)"
    check "and the venv's pip runs" quota-one/bin/python -m pip --version
fi
finish
