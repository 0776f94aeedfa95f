#!/usr/bin/env bash
# Production code never picks a platform itself: it asks host_platform()
# (src/util/host_platform.hpp). A line in src/ that names Platform::Posix or
# Platform::Windows may only compare with one (== / != / case), or be the
# definition itself, or be marked `// platform read from the tree` (an existing
# venv's own layout, found on disk); anything else (`TargetPath(dir, Platform::Posix)`) is a
# hard-coded choice that would give a Windows build the POSIX layout.
#
#   check_host_platform.sh SOURCE_DIR/src
set -u
src=${1:?usage: check_host_platform.sh SRC_DIR}

found=$(grep -rnE 'Platform::(Posix|Windows)' "$src" --include='*.cpp' --include='*.hpp' |
    grep -v "^$src/util/host_platform.hpp:" |
    grep -v '// platform read from the tree$' |
    grep -vE '(==|!=)[[:space:]]*Platform::(Posix|Windows)|case[[:space:]]+Platform::(Posix|Windows)[[:space:]]*:')
if [ -n "$found" ]; then
    echo "FAIL: a platform chosen without host_platform():"
    printf '%s\n' "$found"
    exit 1
fi
echo "every use of Platform:: in $src compares; the choice is host_platform()'s"
