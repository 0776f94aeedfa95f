#!/usr/bin/env bash
# `cppvenv info` on venvs made by cppvenv and by `python -m venv`, and on a
# pyvenv.cfg as virtualenv and uv write it: text and --json agree with the files.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
version=$("$python" -c 'import platform; print(platform.python_version())')
cd "$WORK" || exit 1

json_field() { # json_field FILE PYTHON-EXPRESSION-ON-d
    "$python" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

"$CPPVENV" create --without-pip -p "$python" --prompt "it's \$(mine)" ours
"$python" -m venv --without-pip reference
for env in ours reference; do
    site="$env/lib/python${version%.*}/site-packages"
    mkdir -p "$site/demo_pkg-1.2.3.dist-info" "$site/Other-0.1.dist-info"
    printf 'Metadata-Version: 2.1\nName: demo-pkg\nVersion: 1.2.3\n\nName: not-this\n' \
        >"$site/demo_pkg-1.2.3.dist-info/METADATA"
    printf 'Name: Other\nVersion: 0.1\n' >"$site/Other-0.1.dist-info/METADATA"
    check "$env: info --json succeeds" sh -c "'$CPPVENV' info --json '$env' >'$env.json'"
    check_equal "$env: path" "$WORK/$env" "$(json_field "$env.json" 'd["path"]')"
    check_equal "$env: version" "$version" "$(json_field "$env.json" 'd["python"]["version"]')"
    check_equal "$env: implementation" cpython "$(json_field "$env.json" 'd["python"]["implementation"]')"
    check_equal "$env: base exists" True "$(json_field "$env.json" 'd["python"]["exists"]')"
    check_equal "$env: base executable is the real python" "$(readlink -f "$python")" \
        "$(readlink -f "$(json_field "$env.json" 'd["python"]["executable"]')")"
    check_equal "$env: distributions" "demo-pkg 1.2.3,Other 0.1" \
        "$(json_field "$env.json" '",".join(x["name"]+" "+x["version"] for x in d["distributions"])')"
    check_equal "$env: system site-packages" False "$(json_field "$env.json" 'd["include_system_site_packages"]')"
    size=$(json_field "$env.json" 'd["size_on_disk"]')
    du_size=$(du -s -B1 "$env" | cut -f1)
    check "$env: size on disk is what du says ($size vs $du_size)" test "$size" -eq "$du_size"
    text=$("$CPPVENV" info "$env")
    check "$env: text names the version" grep -q "^Python  *CPython $version\$" <<<"$text"
    check "$env: text lists a distribution" grep -q '^  demo-pkg 1.2.3$' <<<"$text"
done
check_equal "cppvenv's creator" "cppvenv $("$CPPVENV" --version | cut -d' ' -f2)" \
    "$(json_field ours.json 'd["creator"]["name"]+" "+d["creator"]["version"]')"
check_equal "venv's creator" "venv None" \
    "$(json_field reference.json 'd["creator"]["name"]+" "+str(d["creator"]["version"])')"
check_equal "--json: the documented keys, in the documented order" \
    "path,python,include_system_site_packages,prompt,relocatable,creator,distributions,size_on_disk|implementation,version,executable,home,exists" \
    "$(json_field ours.json '",".join(d) + "|" + ",".join(d["python"])')"
check_equal "the prompt, unquoted" "it's \$(mine)" "$(json_field ours.json 'd["prompt"]')"
check_equal "no prompt is null" None "$(json_field reference.json 'd["prompt"]')"

# A hard-linked copy of a file is not counted twice.
before=$(json_field ours.json 'd["size_on_disk"]')
head -c 1048576 /dev/zero >ours/big
ln ours/big ours/big-link
"$CPPVENV" info --json ours >ours2.json
after=$(json_field ours2.json 'd["size_on_disk"]')
check "a 1 MiB file and its hard link are counted once ($before -> $after)" \
    test $((after - before)) -ge 1048576 -a $((after - before)) -lt 1200000

# virtualenv's and uv's keys.
mkdir -p venv-by-virtualenv venv-by-uv
printf 'home = /nonexistent/bin\nimplementation = CPython\nversion_info = 3.11.2.final.0\nvirtualenv = 20.17.1\ninclude-system-site-packages = true\nbase-executable = /nonexistent/bin/python3.11\n' \
    >venv-by-virtualenv/pyvenv.cfg
printf 'home = /nonexistent/bin\nimplementation = PyPy\nuv = 0.4.18\nversion_info = 3.10.14\nrelocatable = true\nprompt = uv env\n' \
    >venv-by-uv/pyvenv.cfg
"$CPPVENV" info --json venv-by-virtualenv >virtualenv.json
check_equal "virtualenv: creator" "virtualenv 20.17.1" \
    "$(json_field virtualenv.json 'd["creator"]["name"]+" "+d["creator"]["version"]')"
check_equal "virtualenv: version" 3.11.2 "$(json_field virtualenv.json 'd["python"]["version"]')"
check_equal "virtualenv: base is missing" False "$(json_field virtualenv.json 'd["python"]["exists"]')"
check_equal "virtualenv: system site-packages" True "$(json_field virtualenv.json 'd["include_system_site_packages"]')"
"$CPPVENV" info --json venv-by-uv >uv.json
check_equal "uv: creator, relocatable, prompt, implementation" "uv 0.4.18 True uv env pypy" \
    "$(json_field uv.json 'd["creator"]["name"]+" "+d["creator"]["version"]+" "+str(d["relocatable"])+" "+d["prompt"]+" "+d["python"]["implementation"]')"
check "missing base is shown in the text" sh -c "'$CPPVENV' info venv-by-virtualenv | grep -q '(missing)'"

mkdir not-a-venv
check_fails "info on a folder without pyvenv.cfg" 1 "not-a-venv is not a virtual environment" info not-a-venv
# A pyvenv.cfg that is no regular file: refused at once by info, check and
# run, never read through a symlink to /dev/zero nor blocked on as a FIFO.
"$CPPVENV" create --without-pip -p "$python" odd
# (No address space cap for an AddressSanitizer build: its shadow needs terabytes.)
memory_cap() { grep -qa __asan_init "$CPPVENV" || ulimit -v 4000000; }
capped() { (memory_cap && timeout 20 "$CPPVENV" "$@" >/dev/null 2>&1; echo $?); }
for kind in zero fifo; do
    rm odd/pyvenv.cfg
    if [ $kind = zero ]; then ln -s /dev/zero odd/pyvenv.cfg; else mkfifo odd/pyvenv.cfg; fi
    check_equal "info, pyvenv.cfg a $kind: fails at once" 1 "$(capped info odd)"
    check_equal "check --fast, pyvenv.cfg a $kind: reports it at once" 1 "$(capped check --fast odd)"
    check_equal "run, pyvenv.cfg a $kind: fails at once" 1 "$(capped run odd true)"
done
check "info names the FIFO" grep -q "^cppvenv: error: .*odd is not a virtual environment: its pyvenv.cfg is not a regular file$" \
    <<<"$(timeout 20 "$CPPVENV" info odd 2>&1)"
check_fails "info without ENV_DIR is a usage error" 2 "cppvenv info needs ENV_DIR" info
check_fails "an unknown option is a usage error" 2 "--frobnicate" info --frobnicate ours
check_fails "an unknown command is named" 2 "unknown command 'inof'; did you mean: cppvenv -v info ours" -v inof ours
finish
