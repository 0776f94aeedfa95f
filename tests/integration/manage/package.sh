#!/usr/bin/env bash
# `cpack -G DEB` builds a package that unpacks (dpkg -x) into a working cppvenv
# with its completions in the usual places.
. "$(dirname "$0")/../create/lib.sh"
: "${CPPVENV_BUILD_DIR:?CPPVENV_BUILD_DIR must name the build folder}"
for tool in cpack dpkg-deb; do
    if ! command -v "$tool" >/dev/null; then
        skip_suite "$tool is not installed"
    fi
done
require_any_python
cd "$WORK" || exit 1
check "cpack -G DEB succeeds" sh -c "cpack -G DEB --config '$CPPVENV_BUILD_DIR/CPackConfig.cmake' -B '$WORK/package' >cpack.log 2>&1"
deb=$(ls package/*.deb 2>/dev/null | head -1)
[ -f "$deb" ] || tail -n 30 cpack.log # why, in the test's output
check "a .deb was made" test -f "$deb"
check "the package depends on libzip (shlibdeps)" sh -c "dpkg-deb -f '$deb' Depends | grep -q libzip"
check_equal "the package's name" cppvenv "$(dpkg-deb -f "$deb" Package)"
dpkg -x "$deb" root
installed=root/usr/bin/cppvenv
check "the binary is in usr/bin" test -x "$installed"
check_equal "the installed binary runs" "$("$CPPVENV" --version)" "$("$installed" --version)"
check "the installed binary creates a venv" "$installed" create --without-pip -p "$python" env
check "...that the installed binary finds healthy" "$installed" check env
check "bash completion installed" test -s root/usr/share/bash-completion/completions/cppvenv
check "zsh completion installed" test -s root/usr/share/zsh/vendor-completions/_cppvenv
check "fish completion installed" test -s root/usr/share/fish/vendor_completions.d/cppvenv.fish
check_equal "the installed bash completion is the generated one" "$("$CPPVENV" completion bash)" \
    "$(cat root/usr/share/bash-completion/completions/cppvenv)"
check "the CMake package config is installed" test -s root/usr/share/cmake/cppvenv/cppvenvConfig.cmake
check "the manual page is installed" test -s root/usr/share/man/man1/cppvenv.1
check_equal "the installed manual page is the generated one" "$(cat "$CPPVENV_BUILD_DIR/man/cppvenv.1")" \
    "$(cat root/usr/share/man/man1/cppvenv.1)"
check_equal "nothing else is packaged" \
    "_cppvenv cppvenv cppvenv cppvenv.1 cppvenv.fish cppvenvConfig.cmake cppvenvConfigVersion.cmake" \
    "$(find root -type f -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
finish
