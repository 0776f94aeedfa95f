#!/bin/sh
# Makes BUILD_DIR/wineprefix, the wine profile the wine suites share, before
# any of them starts (a ctest fixture). Two suites starting wine at once on a
# profile that does not exist yet race: the second one's programs run while the
# first one's wineboot is still filling system32 (wine's cmd then said "Can't
# recognize 'CMD.EXE /C "C:\windows\System32\chcp.com"'" in a CI run).
#
#     wine_profile.sh BUILD_DIR
#
# Without wine there is nothing to make: exits 0, and the suites skip by name.
set -eu
prefix="$1/wineprefix"
if ! command -v wine >/dev/null 2>&1; then
    echo "no wine here: no profile to make (the wine suites say they skip)"
    exit 0
fi
# The first start builds the profile and returns once wineboot is done; as
# the suites do, without the caller's WINE* settings (WINEARCH=win32 would
# make a profile that cannot run the 64-bit cppvenv.exe).
for setting in $(env | sed -n 's/^\(WINE[A-Z0-9_]*\)=.*/\1/p'); do
    unset "$setting"
done
WINEPREFIX="$prefix" WINEDEBUG=-all timeout 300 wine cmd /c exit >/dev/null 2>&1 || {
    echo "FAIL: wine cmd /c exit failed in a new profile at $prefix"
    exit 1
}
for program in cmd.exe chcp.com; do
    if [ ! -f "$prefix/drive_c/windows/system32/$program" ]; then
        echo "FAIL: the wine profile at $prefix has no system32/$program"
        exit 1
    fi
done
echo "wine profile ready: $prefix"
