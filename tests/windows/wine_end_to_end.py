#!/usr/bin/env python3
"""cppvenv.exe (build-windows/, made by scripts/build-windows) run under wine.

    wine_end_to_end.py version SOURCE_DIR BUILD_DIR
        `cppvenv.exe --version` says what the Linux build/cppvenv says.
    wine_end_to_end.py venv SOURCE_DIR BUILD_DIR
        A stub CPython 3.12 for Windows (tests/windows/stub_python.c, built here
        with mingw-w64, laid out as python.org's installer lays out Python) on
        wine's C: drive; then `cppvenv.exe create -p C:\\...\\python.exe
        C:\\...\\env` and the tree CPython 3.12's venv makes on Windows;
        activate.bat and deactivate.bat in wine's cmd; Scripts\\pip.exe
        --version through cppvenv's own launcher (the stub records its argv);
        pip's RECORD hashes (bcrypt's sha256); info, list, check, remove;
        --clear, a refresh, and creates killed part way.

Exits 77 (ctest: Skipped) only without wine or a mingw-w64 C compiler. A
missing cppvenv.exe is a failure: scripts/setup builds it. A failing run keeps
its folder and says where.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


class Wine:
    """Runs Windows programs in one wine profile (kept in the build folder: its
    first start takes a while, later ones well under a second)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.environment = {k: v for k, v in os.environ.items() if not k.startswith("WINE")}
        self.environment.update({"WINEPREFIX": prefix, "WINEDEBUG": "-all"})
        for name in ("PROMPT", "PYTHONHOME", "VIRTUAL_ENV", "CPPVENV_CONFIG"):
            self.environment.pop(name, None)
        # A new profile prints what it set up on its first start: do that here.
        self.run(["cmd", "/c", "exit"], timeout=300)

    def windows_path(self, unix_path):
        """C:\\... for a path under the profile's drive_c, else Z:\\..."""
        drive_c = os.path.join(self.prefix, "drive_c") + os.sep
        if unix_path.startswith(drive_c):
            return "C:\\" + unix_path[len(drive_c):].replace("/", "\\")
        return "Z:" + unix_path.replace("/", "\\")

    def run(self, arguments, timeout=120, extra=None, cwd=None, before=()):
        """`before`: words run in front of wine (taskset -c 0)."""
        environment = dict(self.environment)
        environment.update(extra or {})
        result = subprocess.run([*before, "wine"] + arguments, env=environment, cwd=cwd,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        # Console output in text mode: CRLF line ends.
        return (result.returncode,
                result.stdout.decode("utf-8", "replace").replace("\r\n", "\n"),
                result.stderr.decode("utf-8", "replace").replace("\r\n", "\n"))


class Suite:
    def __init__(self):
        self.failures = 0
        self.checks = 0

    def check(self, label, condition, detail=""):
        self.checks += 1
        if not condition:
            self.failures += 1
            print("FAIL %s%s" % (label, ("\n    " + detail.replace("\n", "\n    ")) if detail else ""))

    def equal(self, label, expected, actual):
        self.check(label, expected == actual, "expected %r\n got      %r" % (expected, actual))


CPPVENV_VERSION = None  # "0.1.0", from the Linux build's --version


def version_check(suite, wine, exe, build_dir):
    linux = os.path.join(build_dir, "cppvenv")
    expected = subprocess.run([linux, "--version"], stdout=subprocess.PIPE).stdout.decode()
    code, out, err = wine.run([exe, "--version"])
    suite.equal("cppvenv.exe --version exits 0", 0, code)
    suite.equal("cppvenv.exe --version says what build/cppvenv says", expected, out)
    suite.equal("cppvenv.exe --version writes nothing to stderr", "", err)


def pip_wheel():
    """A real pip wheel, the one a CPython 3.12 bundles when pyenv has one."""
    candidates = []
    pyenv = os.path.expanduser("~/.pyenv/versions")
    if os.path.isdir(pyenv):
        for version in sorted(os.listdir(pyenv)):
            if version.startswith("3.12."):
                bundled = os.path.join(pyenv, version, "lib", "python3.12", "ensurepip", "_bundled")
                candidates += [os.path.join(bundled, n) for n in sorted(os.listdir(bundled))
                               if n.startswith("pip-")] if os.path.isdir(bundled) else []
    wheels = "/usr/share/python-wheels"
    if os.path.isdir(wheels):
        candidates += [os.path.join(wheels, n) for n in sorted(os.listdir(wheels))
                       if n.startswith("pip-")]
    return candidates[0] if candidates else None


def make_installation(root, stub_exe, wheel):
    """A python.org-style CPython 3.12 installation of stubs: python.exe and
    pythonw.exe, the DLLs beside them, a bundled pip wheel, and venv's
    launchers in Lib\venv\scripts\nt, which 3.7.2 to 3.12 name python.exe and
    pythonw.exe there (3.13 renamed them venvlauncher.exe, venvwlauncher.exe),
    beside that version's activate.bat and deactivate.bat. Each program is the
    stub with a different tail (a PE file ignores what follows its sections),
    so the test can tell which file venv copied."""
    os.makedirs(os.path.join(root, "Lib", "venv", "scripts", "nt"))
    os.makedirs(os.path.join(root, "Lib", "ensurepip", "_bundled"))
    with open(stub_exe, "rb") as stub:
        program = stub.read()
    programs = {
        "python.exe": program,
        "pythonw.exe": program + b"\0pythonw",
        "Lib/venv/scripts/nt/python.exe": program + b"\0venvlauncher",
        "Lib/venv/scripts/nt/pythonw.exe": program + b"\0venvwlauncher",
        "Lib/venv/scripts/nt/activate.bat": b"@rem CPython's own, never copied by cppvenv\r\n",
        "Lib/venv/scripts/nt/deactivate.bat": b"@rem CPython's own, never copied by cppvenv\r\n",
    }
    for relative, contents in programs.items():
        with open(os.path.join(root, relative), "wb") as out:
            out.write(contents)
    for dll in ("python3.dll", "python312.dll", "vcruntime140.dll", "vcruntime140_1.dll"):
        open(os.path.join(root, dll), "wb").close()
    shutil.copy(wheel, os.path.join(root, "Lib", "ensurepip", "_bundled"))
    return programs


def tree_of(root):
    entries = set()
    for folder, dirs, files in os.walk(root):
        relative = os.path.relpath(folder, root)
        for name in dirs + files:
            entries.add(name if relative == "." else relative + "/" + name)
    return entries


def read_bytes(path):
    with open(path, "rb") as stream:
        return stream.read()


def recorded_calls(log_path):
    """The stub's log: [(exe, [args...]), ...]."""
    calls = []
    if not os.path.exists(log_path):
        return calls
    exe, args = None, []
    with open(log_path, encoding="utf-8") as log:
        for line in log.read().split("\n"):
            if line.startswith("exe="):
                exe, args = line[4:], []
            elif line.startswith("arg="):
                args.append(line[4:])
            elif line == "end":
                calls.append((exe, args))
    return calls


# What CPython 3.12's `python -m venv` makes on Windows (with pip), and what
# cppvenv adds there as it does on POSIX (README): .gitignore for every version
# (CPython's from 3.13), CACHEDIR.TAG, and the activators venv has not.
CPYTHON_TOP = {"Include", "Lib", "Scripts", "pyvenv.cfg"}
CPPVENV_TOP = {".gitignore", "CACHEDIR.TAG"}
CPYTHON_SCRIPTS = {"python.exe", "pythonw.exe", "activate", "activate.bat", "deactivate.bat",
                   "Activate.ps1", "pip.exe", "pip3.exe", "pip3.12.exe"}
CPPVENV_SCRIPTS = {"activate.nu", "activate.xsh", "activate_this.py"}


def check_tree(suite, wine, exe, env_dir, programs, base_dir, wheel_name):
    env = wine.windows_path(env_dir)
    base = wine.windows_path(base_dir)
    pip_version = wheel_name.split("-")[1]
    site = "Lib/site-packages"
    entries = tree_of(env_dir)
    top = {e for e in entries if "/" not in e}
    suite.equal("the venv's top level is CPython 3.12's on Windows, plus cppvenv's own two",
                CPYTHON_TOP | CPPVENV_TOP, top)
    scripts = {e[len("Scripts/"):] for e in entries if e.startswith("Scripts/")}
    suite.equal("Scripts holds CPython 3.12's (python, pythonw, activation, pip's launchers), "
                "plus cppvenv's activators", CPYTHON_SCRIPTS | CPPVENV_SCRIPTS, scripts)
    suite.equal("Lib holds site-packages only", {"site-packages"},
                {e[len("Lib/"):] for e in entries if e.startswith("Lib/") and e.count("/") == 1})
    suite.equal("Include is empty", set(), {e for e in entries if e.startswith("Include/")})
    packages = {e[len(site) + 1:] for e in entries
                if e.startswith(site + "/") and e.count("/") == 2}
    suite.equal("site-packages holds pip and its dist-info",
                {"pip", "pip-%s.dist-info" % pip_version}, packages)
    suite.check("Scripts\\python.exe is a copy of venv's launcher (scripts\\nt\\python.exe)",
                read_bytes(os.path.join(env_dir, "Scripts", "python.exe")) ==
                programs["Lib/venv/scripts/nt/python.exe"])
    suite.check("Scripts\\pythonw.exe is a copy of venv's scripts\\nt\\pythonw.exe",
                read_bytes(os.path.join(env_dir, "Scripts", "pythonw.exe")) ==
                programs["Lib/venv/scripts/nt/pythonw.exe"])

    # pyvenv.cfg: CPython's keys and Windows values, CRLF as venv's text-mode
    # write gives; `command` is how cppvenv made it, and `cppvenv` its version.
    expected_cfg = ("home = {base}\r\n"
                    "include-system-site-packages = false\r\n"
                    "version = 3.12.1\r\n"
                    "executable = {base}\\python.exe\r\n"
                    "command = {exe} create --python {base}\\python.exe --copies {env}\r\n"
                    "cppvenv = {version}\r\n").format(
                        base=base, env=env, exe=wine.windows_path(exe), version=CPPVENV_VERSION)
    suite.equal("pyvenv.cfg holds CPython 3.12's Windows values, CRLF",
                expected_cfg, read_bytes(os.path.join(env_dir, "pyvenv.cfg")).decode("utf-8"))
    for name in ("Scripts/activate.bat", "Scripts/deactivate.bat", "Scripts/Activate.ps1",
                 ".gitignore"):
        text = read_bytes(os.path.join(env_dir, name))
        suite.check("%s has CRLF line ends only" % name,
                    text.count(b"\n") > 0 and text.count(b"\n") == text.count(b"\r\n"))
    activate = read_bytes(os.path.join(env_dir, "Scripts", "activate"))
    suite.check("activate (for bash on Windows) has LF line ends", b"\r" not in activate)
    suite.check("activate.bat names the venv", env.encode() in
                read_bytes(os.path.join(env_dir, "Scripts", "activate.bat")))

    # pip's RECORD: every file with its sha256 (bcrypt's, in cppvenv.exe).
    dist_info = os.path.join(env_dir, "Lib", "site-packages", "pip-%s.dist-info" % pip_version)
    with open(os.path.join(dist_info, "RECORD"), encoding="utf-8", newline="") as record:
        rows = [line.split(",") for line in record.read().split("\r\n") if line]
    mismatched = []
    for path, digest, size in rows:
        if not digest:
            continue
        data = read_bytes(os.path.normpath(os.path.join(env_dir, "Lib", "site-packages", path)))
        actual = "sha256=" + base64.urlsafe_b64encode(
            hashlib.sha256(data).digest()).decode().rstrip("=")
        if actual != digest or int(size) != len(data):
            mismatched.append(path)
    suite.equal("every RECORD row of pip holds the file's sha256 and size", [], mismatched)
    suite.check("RECORD lists the launchers", any(r[0] == "../../Scripts/pip.exe" for r in rows),
                "rows: %r" % [r[0] for r in rows if "Scripts" in r[0]])


def check_pip_launcher(suite, wine, env_dir, base_dir, log_path, wheel_name):
    env = wine.windows_path(env_dir)
    for name in ("pip.exe", "pip3.exe", "pip3.12.exe"):
        launcher = env + "\\Scripts\\" + name
        if os.path.exists(log_path):
            os.remove(log_path)
        code, out, err = wine.run([launcher, "--version", "two words"],
                                  extra={"STUB_PYTHON_LOG": wine.windows_path(log_path)})
        suite.equal("Scripts\\%s --version exits 0" % name, 0, code)
        suite.equal("Scripts\\%s --version prints pip's version line" % name,
                    "pip %s from %s\\Lib\\site-packages\\pip (python 3.12)\n" % (
                        wheel_name.split("-")[1], wine.windows_path(base_dir)), out)
        suite.equal("Scripts\\%s runs the venv's python with itself and the arguments" % name,
                    [(env + "\\Scripts\\python.exe", [launcher, "--version", "two words"])],
                    recorded_calls(log_path))
        if err:
            print("note: %s wrote to stderr: %s" % (name, err))
    code, out, err = wine.run([env + "\\Scripts\\pip.exe", "--stub-exit=7"])
    suite.equal("Scripts\\pip.exe exits with its python's exit code", 7, code)


def check_activation(suite, wine, work, env_dir, log_path):
    """activate.bat in wine's cmd: Scripts first on PATH, `python` is the venv's;
    deactivate.bat gives PATH back exactly. Wine's where.exe is a stub that
    prints nothing, so cmd's own PATH search (%~$PATH:I, where's first answer)
    names the python found, and `python` run by name records which one ran."""
    env = wine.windows_path(env_dir)
    out_dir = os.path.join(work, "activation")
    os.makedirs(out_dir)
    driver = os.path.join(out_dir, "driver.bat")
    with open(driver, "w", newline="\r\n") as text:
        text.write("@echo off\n"
                   "echo BEFORE=%PATH%\n"
                   "call \"{env}\\Scripts\\activate.bat\"\n"
                   "echo ACTIVE=%PATH%\n"
                   "echo VIRTUAL_ENV=%VIRTUAL_ENV%\n"
                   "for %%I in (python.exe) do echo WHERE=%%~$PATH:I\n"
                   "python --activated\n"
                   "call \"{env}\\Scripts\\deactivate.bat\"\n"
                   "echo AFTER=%PATH%\n".format(env=env))
    if os.path.exists(log_path):
        os.remove(log_path)
    code, out, err = wine.run(["cmd", "/c", wine.windows_path(driver)],
                              extra={"STUB_PYTHON_LOG": wine.windows_path(log_path)})
    values = {}
    for line in out.split("\n"):
        name, sep, value = line.partition("=")
        if sep and name in ("BEFORE", "ACTIVE", "AFTER", "VIRTUAL_ENV", "WHERE"):
            values[name] = value
    before = values.get("BEFORE", "")
    python = env + "\\Scripts\\python.exe"
    suite.equal("activate.bat puts the venv's Scripts first on PATH",
                env + "\\Scripts;" + before, values.get("ACTIVE"))
    suite.equal("activate.bat sets VIRTUAL_ENV", env, values.get("VIRTUAL_ENV"))
    suite.equal("after activate.bat, cmd's PATH search finds the venv's python", python,
                values.get("WHERE"))
    suite.equal("after activate.bat, `python` runs the venv's python",
                [(python, ["--activated"])], recorded_calls(log_path))
    suite.equal("deactivate.bat gives PATH back exactly", before, values.get("AFTER"))


def check_kills(suite, wine, exe, python, work, full_tree, counter):
    """cppvenv.exe killed at moments spread over a create: the target is then
    either absent or a whole venv, never half of one; the next create succeeds
    and leaves no staging folder behind."""
    target = os.path.join(work, "killed")
    seen = set()
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 3.0):
        child = subprocess.Popen(["wine", exe, "create", "-p", python, wine.windows_path(target)],
                                 env=wine.environment, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.kill()
        child.wait()
        time.sleep(0.3)  # wineserver lets go of the process's files
        if not os.path.exists(target):
            seen.add("absent")
            continue
        tree = tree_of(target)
        suite.equal("killed after %.1f s: the venv is whole (or absent)" % delay, full_tree, tree)
        seen.add("whole")
        shutil.rmtree(target)
    print("note: killed creates left the target %s" % " or ".join(sorted(seen)))
    # wineserver lets go of a killed process (and of its folder's lock) in its
    # own time: under load it may still count one as running for a moment, and
    # a create then rightly keeps its folder. Once it counts none (bounded:
    # 60 s), the next create must sweep every folder they left.
    started = time.monotonic()
    running = running_processes(wine, counter, "cppvenv.exe")
    while running != 0 and time.monotonic() - started < 60:
        time.sleep(0.5)
        running = running_processes(wine, counter, "cppvenv.exe")
    suite.equal("wineserver lets the killed creates go within 60 s", 0, running)
    if time.monotonic() - started >= 1:
        print("note: wineserver let the killed creates go %.1f s after the last kill" % (
            time.monotonic() - started))
    code, out, err = wine.run([exe, "create", "-p", python, wine.windows_path(target)])
    suite.equal("a create after the kills succeeds", (0, ""), (code, err))
    suite.equal("a create after the kills makes the whole venv", full_tree, tree_of(target))
    suite.equal("no staging folder of a killed create is left beside the venv", [],
                staging_leftovers(work))


def check_reused_ids(suite, wine, exe, python, work, counter):
    """A killed create's folder is named after its process id, and wine soon
    gives that id to another process. The marker says when the folder's owner
    started: a folder whose id a live process has that started at another time
    is swept; one whose marker names that live process is kept."""
    holder = subprocess.Popen(["wine", counter, "--hold"], env=wine.environment,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        process_id, started = holder.stdout.readline().split()
        text = ("made by cppvenv as a staging folder; deleted by the next cppvenv run once its "
                "process is gone\n")
        parent = os.path.join(work, "reused")
        reused = ".env.cppvenv-staging-%s-0000000a" % process_id
        owned = ".env.cppvenv-staging-%s-0000000b" % process_id
        for name, start in ((reused, "1" + started), (owned, started)):
            os.makedirs(os.path.join(parent, name, "venv"))
            with open(os.path.join(parent, name, ".cppvenv-aside"), "w", newline="") as marker:
                marker.write(text + "process started: %s\n" % start)
        code, out, err = wine.run([exe, "create", "--without-pip", "-p", python,
                                   wine.windows_path(os.path.join(parent, "env"))])
        suite.equal("a create beside folders named after a live process's id exits 0",
                    (0, ""), (code, err))
        suite.equal("it sweeps the folder whose owner started at another time (the id was used "
                    "again) and keeps the live owner's", [owned],
                    sorted(n for n in os.listdir(parent) if "cppvenv-" in n))
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)


def running_processes(wine, counter, name):
    """How many processes wineserver counts running `name` (-1: cannot tell)."""
    code, out, err = wine.run([counter, name])
    return int(out.strip()) if code == 0 and out.strip().isdigit() else -1


def staging_leftovers(work):
    return sorted(n for n in os.listdir(work) if n.startswith(".killed"))


def check_threads(suite, wine, exe, python, work, logged):
    """pip's files are placed on the processors the process may use: its
    affinity (taskset, which wine passes on), not every processor of the machine.
    (A job object's CPU cap is not tried: wine refuses to set or read one.)"""
    if not shutil.which("taskset") or len(os.sched_getaffinity(0)) < 2:
        print("SKIPPED CHECK: the threads pip's files are placed on (one processor, or no taskset)")
        return
    said = {}
    one_processor = str(min(os.sched_getaffinity(0)))
    for name, before in (("all", ()), ("one", ("taskset", "-c", one_processor))):
        env = wine.windows_path(os.path.join(work, "threads-" + name))
        code, _, err = wine.run([exe, "-v", "create", "-p", python, env], extra=logged,
                                before=before)
        suite.equal("-v create (%s processors) exits 0" % name, 0, code)
        said[name] = [line for line in err.splitlines() if "installed" in line]
    suite.check("with every processor, pip's files are placed on several threads",
                any("placed on" in line for line in said["all"]), repr(said["all"]))
    suite.check("under taskset -c %s, on one (the affinity, not every processor)" % one_processor,
                said["one"] and not any("placed on" in line for line in said["one"]),
                repr(said["one"]))


def venv_suite(suite, wine, exe, source_dir, work, compiler):
    stub_exe = os.path.join(work, "stub_python.exe")
    subprocess.run([compiler, "-municode", "-O2", "-static", "-s", "-o", stub_exe,
                    os.path.join(source_dir, "tests", "windows", "stub_python.c")], check=True)
    counter_exe = os.path.join(work, "count_processes.exe")
    subprocess.run([compiler, "-municode", "-O2", "-static", "-s", "-o", counter_exe,
                    os.path.join(source_dir, "tests", "windows", "count_processes.c")], check=True)
    wheel = pip_wheel()
    if wheel is None:
        print("FAIL: no pip wheel (pyenv's 3.12, or /usr/share/python-wheels from python3-pip-whl)")
        return
    wheel_name = os.path.basename(wheel)
    base_dir = os.path.join(work, "Python312")
    programs = make_installation(base_dir, stub_exe, wheel)
    base = wine.windows_path(base_dir)
    python = base + "\\python.exe"
    env_dir = os.path.join(work, "env")
    env = wine.windows_path(env_dir)
    log_path = os.path.join(work, "calls.log")
    logged = {"STUB_PYTHON_LOG": wine.windows_path(log_path)}

    code, out, err = wine.run([exe, "create", "-p", python, env], extra=logged)
    suite.equal("create exits 0", 0, code)
    suite.equal("create is quiet", ("", ""), (out, err))
    calls = recorded_calls(log_path)
    suite.check("create asked the chosen python for its facts, isolated",
                len(calls) >= 1 and calls[0][0] == python and calls[0][1][:1] == ["-I"],
                repr(calls))
    if code != 0:
        return
    check_tree(suite, wine, exe, env_dir, programs, base_dir, wheel_name)
    check_threads(suite, wine, exe, python, work, logged)
    print("note: the Windows tree is CPython 3.12's (%s; Scripts: %s) plus cppvenv's %s "
          "and, in Scripts, %s" % (", ".join(sorted(CPYTHON_TOP)),
                                   ", ".join(sorted(CPYTHON_SCRIPTS)),
                                   ", ".join(sorted(CPPVENV_TOP)),
                                   ", ".join(sorted(CPPVENV_SCRIPTS))))
    check_pip_launcher(suite, wine, env_dir, base_dir, log_path, wheel_name)
    check_activation(suite, wine, work, env_dir, log_path)

    # info, list, check on the Windows tree.
    code, out, err = wine.run([exe, "info", env])
    suite.equal("info exits 0", 0, code)
    suite.check("info names the venv and its python 3.12.1", env in out and "3.12.1" in out,
                out + err)
    code, out, err = wine.run([exe, "list", wine.windows_path(work)])
    suite.equal("list exits 0", 0, code)
    suite.check("list finds the venv", env in out or "env" in out, out + err)
    code, out, err = wine.run([exe, "check", env], extra=logged)
    suite.equal("check finds nothing wrong", (0, ""), (code, err))

    # A refresh keeps what was installed; --clear keeps only what create makes.
    planted = os.path.join(env_dir, "Lib", "site-packages", "mine.py")
    with open(planted, "w") as mine:
        mine.write("# a package of the user's\n")
    os.remove(os.path.join(env_dir, "Scripts", "activate.bat"))
    code, out, err = wine.run([exe, "create", "-p", python, env], extra=logged)
    suite.equal("a refresh exits 0", (0, ""), (code, err))
    suite.check("a refresh writes activate.bat again",
                os.path.isfile(os.path.join(env_dir, "Scripts", "activate.bat")))
    suite.check("a refresh keeps installed packages", os.path.isfile(planted))
    beside = os.path.join(work, "beside.txt")
    with open(beside, "w") as other:
        other.write("not the venv's\n")
    code, out, err = wine.run([exe, "create", "--clear", "-p", python, env], extra=logged)
    suite.equal("--clear exits 0", (0, ""), (code, err))
    suite.check("--clear removes what was installed", not os.path.exists(planted))
    suite.check("--clear leaves files beside the venv", os.path.isfile(beside))
    check_tree(suite, wine, exe, env_dir, programs, base_dir, wheel_name)

    check_kills(suite, wine, exe, python, work, tree_of(env_dir), counter_exe)
    check_reused_ids(suite, wine, exe, python, work, counter_exe)

    code, out, err = wine.run([exe, "remove", env])
    suite.equal("remove exits 0", 0, code)
    suite.check("remove deletes the venv", not os.path.exists(env_dir), out + err)
    suite.check("remove leaves the installation", os.path.isfile(os.path.join(base_dir, "python.exe")))


def main():
    mode, source_dir, build_dir = sys.argv[1:4]
    compiler = find("x86_64-w64-mingw32-gcc-posix", "x86_64-w64-mingw32-gcc")
    if not find("wine") or not compiler:
        print("SKIPPED: needs wine and a mingw-w64 C compiler (scripts/setup installs both)")
        return SKIP
    exe = os.path.join(os.path.abspath(source_dir), "build-windows", "cppvenv.exe")
    if not os.path.isfile(exe):
        print("FAIL: %s is missing: run scripts/build-windows (scripts/setup does)" % exe)
        return 1
    global CPPVENV_VERSION
    CPPVENV_VERSION = subprocess.run([os.path.join(build_dir, "cppvenv"), "--version"],
                                     stdout=subprocess.PIPE).stdout.decode().split()[-1]
    wine = Wine(os.path.join(os.path.abspath(build_dir), "wineprefix"))
    suite = Suite()
    work = None
    if mode == "version":
        version_check(suite, wine, exe, build_dir)
    else:
        # On wine's C: drive, as a Windows user's folders would be.
        work = tempfile.mkdtemp(prefix="cppvenv-e2e-", dir=os.path.join(wine.prefix, "drive_c"))
        venv_suite(suite, wine, exe, source_dir, work, compiler)
    print("%d checks, %d failures" % (suite.checks, suite.failures))
    if suite.failures:
        if work:
            print("kept the failing run's files in " + work)
        return 1
    if work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
