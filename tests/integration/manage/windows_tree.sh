#!/usr/bin/env bash
# info, list, check and remove on the tree CPython's venv makes on Windows
# (Scripts\python.exe, Lib\site-packages, Include, CRLF pyvenv.cfg and
# .gitignore), written here as files: a venv made on Windows and seen from here
# (a shared folder, a copied archive) is recognised by its own layout, not this
# system's. The real Windows run is the wine suite.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
cd "$WORK" || exit 1

# make_windows_tree DIR HOME EXECUTABLE VERSION
make_windows_tree() {
    mkdir -p "$1/Scripts" "$1/Include" "$1/Lib/site-packages/pip-24.0.dist-info"
    printf 'MZ' >"$1/Scripts/python.exe"
    printf 'MZ' >"$1/Scripts/pythonw.exe"
    for script in activate activate.bat deactivate.bat Activate.ps1; do
        printf 'rem\r\n' >"$1/Scripts/$script"
    done
    printf 'Metadata-Version: 2.1\r\nName: pip\r\nVersion: 24.0\r\n' \
        >"$1/Lib/site-packages/pip-24.0.dist-info/METADATA"
    printf '# Created by venv; see https://docs.python.org/3/library/venv.html\r\n*\r\n' \
        >"$1/.gitignore"
    printf 'home = %s\r\ninclude-system-site-packages = false\r\nversion = %s\r\nexecutable = %s\r\ncommand = %s -m venv %s\r\n' \
        "$2" "$4" "$3" "$3" "$1" >"$1/pyvenv.cfg"
}

home='C:\Program Files\Python313'
make_windows_tree envs/win "$home" "$home\\python.exe" 3.13.0
"$CPPVENV" info envs/win >info.txt 2>&1
check "info reads the CRLF pyvenv.cfg" grep -q "Python *Python 3.13.0$" info.txt
check "info names the Windows base interpreter" grep -qF "$home\\python.exe" info.txt
check "info finds pip in Lib/site-packages" grep -q "pip 24.0" info.txt
"$CPPVENV" list envs >list.txt 2>&1
check "list finds the Windows tree" grep -q "^envs/win  *3.13.0" list.txt
"$CPPVENV" check --fast envs/win >check.txt 2>&1
check "check --fast says its base is gone" grep -q "the base interpreter .*python.exe is gone" check.txt

# A Windows tree whose base runs here but which has no Scripts\python.exe.
version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
make_windows_tree envs/nopython "$(dirname "$python")" "$python" "$version"
rm envs/nopython/Scripts/python.exe
"$CPPVENV" check envs/nopython >check.txt 2>&1
check "check names Scripts\\python.exe, not bin/python" grep -qF 'the venv has no Scripts\python.exe' check.txt

check "remove deletes the Windows tree" "$CPPVENV" remove envs/win
check "nothing of it is left (its CRLF .gitignore is venv's own)" test ! -e envs/win
mkdir -p envs/mixed && make_windows_tree envs/mixed "$home" "$home\\python.exe" 3.13.0
echo mine >envs/mixed/notes.txt
check "a Windows tree holding a user's file: its venv part is removed" "$CPPVENV" remove envs/mixed
check_equal "...and only the user's file is kept" "notes.txt" "$(ls -A envs/mixed)"
finish
