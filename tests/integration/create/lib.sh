# Shared by the create suites: a work folder kept on failure, checks that fail
# loudly, and the cppvenv binary under test.
set -u
: "${CPPVENV:?CPPVENV must name the cppvenv binary under test}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cppvenv-it-XXXXXX")
export XDG_CACHE_HOME="$WORK/cache"
# The developer's own defaults (config.toml, CPPVENV_* settings) must not change
# what a suite sees.
export XDG_CONFIG_HOME="$WORK/config"
for setting in $(env | sed -n 's/^\(CPPVENV_[A-Z_]*\)=.*/\1/p'); do
    case $setting in CPPVENV_SOURCE_DIR | CPPVENV_BUILD_DIR) ;; *) unset "$setting" ;; esac
done
unset setting
FAILURES=0
CHECKS=0

finish() {
    if [ "$FAILURES" -eq 0 ]; then
        chmod -R u+w "$WORK" 2>/dev/null # the wheel cache's folders are read-only
        rm -rf "$WORK"
        echo "$CHECKS passed, 0 failed"
        exit 0
    fi
    echo "kept $WORK for inspection (failures above)"
    echo "$((CHECKS - FAILURES)) passed, $FAILURES failed"
    exit 1
}

check() { # check DESCRIPTION COMMAND...
    local description=$1
    shift
    CHECKS=$((CHECKS + 1))
    if "$@"; then
        return 0
    fi
    FAILURES=$((FAILURES + 1))
    echo "FAIL: $description"
    return 0
}

check_equal() { # check_equal DESCRIPTION EXPECTED ACTUAL
    CHECKS=$((CHECKS + 1))
    if [ "$2" != "$3" ]; then
        FAILURES=$((FAILURES + 1))
        echo "FAIL: $1"
        echo "  expected: $2"
        echo "  actual:   $3"
    fi
}

# Runs cppvenv; stores its exit code in $STATUS and stderr in $ERR.
run_cppvenv() {
    ERR=$("$CPPVENV" "$@" 2>&1 >/dev/null)
    STATUS=$?
}

# Expects cppvenv to fail with exit code $1 and one line on stderr matching $2.
check_fails() { # check_fails DESCRIPTION CODE PATTERN ARGS...
    local description=$1 code=$2 pattern=$3
    shift 3
    run_cppvenv "$@"
    CHECKS=$((CHECKS + 1))
    local lines
    lines=$(printf '%s\n' "$ERR" | grep -c .)
    if [ "$STATUS" != "$code" ] || ! printf '%s' "$ERR" | grep -q -- "$pattern" ||
        [ "$lines" != 1 ] || ! printf '%s' "$ERR" | grep -q '^cppvenv: error: '; then
        FAILURES=$((FAILURES + 1))
        echo "FAIL: $description"
        echo "  wanted exit $code and one 'cppvenv: error:' line matching '$pattern'"
        echo "  got exit $STATUS and: $ERR"
    fi
}

# Ends a suite that cannot run here as Skipped (ctest's code 77), saying why.
skip_suite() { # skip_suite REASON
    rm -rf "$WORK"
    echo "SKIPPED: $1"
    exit 77
}

# Says which interpreter a suite runs, for scripts/test's coverage summary.
note_interpreter() { # note_interpreter PATH
    local description
    description=$("$1" -c 'import platform, sys; print(platform.python_implementation(), platform.python_version() + getattr(sys, "abiflags", ""))' 2>/dev/null) ||
        description="does not start"
    echo "exercised interpreter: $1 ($description)"
}

# The first executable file matching one of the glob patterns (a leading ~/ is
# $HOME, read when the suite runs), or nothing and status 1.
find_interpreter() { # find_interpreter PATTERN...
    local pattern match
    for pattern in "$@"; do
        case $pattern in "~/"*) pattern=$HOME/${pattern#"~/"} ;; esac
        for match in $pattern; do
            if [ -x "$match" ] && [ ! -d "$match" ]; then
                echo "$match"
                return 0
            fi
        done
    done
    return 1
}

# Sets $python to the first interpreter matching a pattern, or exits 77
# (ctest: Skipped) saying why. Not in $(...): the exit must end the suite.
require_interpreter() { # require_interpreter PATTERN...
    python=$(find_interpreter "$@") || skip_suite "no interpreter matches $*"
    note_interpreter "$python"
}

# Sets $python for a suite that needs some Python, any: pyenv's 3.12 where
# there is one, else Debian's python3.
require_any_python() {
    require_interpreter "~/.pyenv/versions/3.12.*/bin/python3.12" /usr/bin/python3
}

# One line per entry under a venv: path, kind, and a symlink's target.
describe_tree() {
    (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r entry; do
        if [ -L "$entry" ]; then
            echo "$entry link $(readlink "$entry")"
        elif [ -d "$entry" ]; then
            echo "$entry dir"
        else
            echo "$entry file"
        fi
    done)
}

cfg_value() { # cfg_value FILE KEY
    sed -n "s/^$2 = //p" "$1"
}

# The processors of this shell's CPU affinity (GNU nproc alone would follow
# OMP_NUM_THREADS, which cppvenv does not).
processors() { env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc; }

# The smallest CPU quota of this shell's cgroup and the groups above it, in
# processors rounded up (nothing when there is none), as cppvenv reads it.
own_quota() {
    local group folder limit period fewest=""
    quota_of() { # quota_of LIMIT PERIOD: keeps the fewest processors
        if [ "$1" != max ] && [ "$1" -gt 0 ] 2>/dev/null; then
            local cores=$((($1 + $2 - 1) / $2))
            if [ -z "$fewest" ] || [ "$cores" -lt "$fewest" ]; then fewest=$cores; fi
        fi
    }
    group=$(sed -n 's/^0:://p' /proc/self/cgroup)
    while [ -n "$group" ]; do
        folder=/sys/fs/cgroup${group%/}
        if [ -r "$folder/cpu.max" ]; then
            read -r limit period <"$folder/cpu.max"
            quota_of "$limit" "$period"
        fi
        [ "$group" = / ] && break
        group=${group%/*}
        group=${group:-/}
    done
    group=$(sed -n 's/^[0-9]*:\([^:]*,\)\{0,1\}cpu\(,[^:]*\)\{0,1\}:\(.*\)$/\3/p' /proc/self/cgroup)
    while [ -n "$group" ]; do
        for folder in /sys/fs/cgroup/cpu{,\,cpuacct}"${group%/}"; do
            if [ -r "$folder/cpu.cfs_quota_us" ]; then
                quota_of "$(cat "$folder/cpu.cfs_quota_us")" "$(cat "$folder/cpu.cfs_period_us")"
            fi
        done
        [ "$group" = / ] && break
        group=${group%/*}
        group=${group:-/}
    done
    echo "$fewest"
}

# The processors cppvenv may use here: the affinity, or the quota when fewer.
usable_processors() {
    local cores quota
    cores=$(processors)
    quota=$(own_quota)
    if [ -n "$quota" ] && [ "$quota" -lt "$cores" ]; then cores=$quota; fi
    echo "$cores"
}
