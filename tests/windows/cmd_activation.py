#!/usr/bin/env python3
"""Runs activate.bat and deactivate.bat for real in wine's cmd.exe, with hostile
venv paths and prompts, and checks every environment variable after activation
and after deactivation byte for byte.

    cmd_activation.py RENDER_ACTIVATION BUILD_DIR SOURCE_DIR

Exits 77 (ctest: Skipped) without wine or a mingw-w64 C compiler (which builds
the small program that dumps the environment as UTF-8, whatever cmd's code page).
A failing run keeps its folder and says where.
"""
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def windows_path(unix_path):
    return "Z:" + unix_path.replace("/", "\\")


def read_environment(path):
    with open(path, "rb") as dump:
        entries = dump.read().decode("utf-8").split("\0")
    environment = {}
    for entry in entries:
        if entry:
            name, _, value = entry.partition("=")
            environment[name.upper()] = value
    return environment


class Suite:
    def __init__(self, render, work, dump_exe):
        self.render = render
        self.work = work
        self.dump_exe = dump_exe
        self.failures = 0
        self.cases = 0
        self.prefix = os.path.join(work, "prefix")

    def fail(self, case, message):
        self.failures += 1
        print("FAIL [%s] %s" % (case, message))

    def make_venv(self, folder_name, prompt):
        env_dir = os.path.join(self.work, folder_name)
        os.makedirs(os.path.join(env_dir, "Scripts"), exist_ok=True)
        subprocess.run([self.render, env_dir, windows_path(env_dir), "Scripts", prompt,
                        "--windows"], check=True)
        return env_dir

    def run_case(self, case, env_dir, prompt, before, delayed, twice_dir=None, again=False):
        """Activates (twice_dir first, when given), dumps, deactivates, dumps."""
        if not again:
            self.cases += 1
        out = os.path.join(self.work, "out-%d%s" % (self.cases, "-again" if again else ""))
        os.makedirs(out)
        # Values arrive through the environment, never through this file's text,
        # and are read as !NAME! with delayed expansion on (else its ! would go).
        # `call` expands % once more (Windows' cmd too; wine's `cd` also does), so
        # cmd starts in the venv's Scripts folder and calls the scripts by name.
        v = (lambda name: "!%s!" % name) if delayed else (lambda name: "%%%s%%" % name)
        lines = ["@echo off"]
        lines.append('"%s" "%s\\before.env"' % (v("DUMP"), v("OUT")))
        if twice_dir:
            lines.append('call "%s"' % v("FIRST_ACTIVATE"))
        lines.append("call activate.bat")
        lines.append('"%s" "%s\\active.env"' % (v("DUMP"), v("OUT")))
        lines.append("call deactivate.bat")
        lines.append('"%s" "%s\\after.env"' % (v("DUMP"), v("OUT")))
        driver = os.path.join(out, "driver.bat")
        with open(driver, "w", newline="\r\n") as text:
            text.write("\n".join(lines) + "\n")
        environment = {k: v for k, v in os.environ.items() if not k.startswith("WINE")}
        environment.update({
            "WINEPREFIX": self.prefix, "WINEDEBUG": "-all",
            "DUMP": windows_path(self.dump_exe), "OUT": windows_path(out),
        })
        if twice_dir:
            environment["FIRST_ACTIVATE"] = windows_path(
                os.path.join(twice_dir, "Scripts", "activate.bat"))
        for name in ("PROMPT", "PYTHONHOME", "VIRTUAL_ENV_DISABLE_PROMPT"):
            environment.pop(name, None)
        environment.update(before)
        command = ["wine", "cmd", "/v:on" if delayed else "/v:off", "/c", windows_path(driver)]
        result = subprocess.run(command, env=environment, cwd=os.path.join(env_dir, "Scripts"),
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, timeout=120)
        label = "%s, delayed expansion %s" % (case, "on" if delayed else "off")
        said = result.stdout.decode("utf-8", "replace")
        if "Can't recognize" in said and not again:
            # Wine's cmd now and then fails to start a program it started a
            # moment before (the dump program, chcp.com), under load: a case
            # runs once more then, and a second failure counts (a script that
            # names a program wrongly fails both times).
            print("note: %s: wine's cmd could not start a program (%s); the case runs again" % (
                label, said.strip().splitlines()[0] if said.strip() else ""))
            return self.run_case(case, env_dir, prompt, before, delayed, twice_dir, again=True)
        try:
            start = read_environment(os.path.join(out, "before.env"))
            active = read_environment(os.path.join(out, "active.env"))
            after = read_environment(os.path.join(out, "after.env"))
        except OSError as error:
            self.fail(label, "no environment dump (%s); cmd said:\n%s" % (
                error, result.stdout.decode("utf-8", "replace")))
            return
        venv = windows_path(env_dir)
        expected = dict(start)
        expected["VIRTUAL_ENV"] = venv
        expected["VIRTUAL_ENV_PROMPT"] = prompt
        expected["_VIRTUAL_ENV_ACTIVE"] = "1"
        expected["PATH"] = venv + "\\Scripts;" + start["PATH"]
        expected["_OLD_VIRTUAL_PATH"] = start["PATH"]
        expected.pop("PYTHONHOME", None)
        if "PYTHONHOME" in start:
            expected["_OLD_VIRTUAL_PYTHONHOME"] = start["PYTHONHOME"]
        if "VIRTUAL_ENV_DISABLE_PROMPT" not in start:
            expected["_VIRTUAL_ENV_PROMPT_CHANGED"] = "1"
            prefix = "(" + prompt.replace("$", "$$") + ") "
            if "PROMPT" in start:
                expected["_OLD_VIRTUAL_PROMPT"] = start["PROMPT"]
                expected["PROMPT"] = prefix + start["PROMPT"]
            else:
                expected["PROMPT"] = prefix + "$P$G"
        self.compare(label + ": after activation", expected, active)
        self.compare(label + ": after deactivation", start, after)
        output = result.stdout.decode("utf-8", "replace").strip()
        if output:
            self.fail(label, "cmd printed something:\n" + output)

    def compare(self, label, expected, actual):
        for name in sorted(set(expected) | set(actual)):
            if expected.get(name) != actual.get(name):
                self.fail(label, "%s: expected %r, got %r" % (
                    name, expected.get(name), actual.get(name)))


def main():
    render, build_dir, source_dir = sys.argv[1:4]
    wine = find("wine", "wine64")
    compiler = find("x86_64-w64-mingw32-gcc-posix", "x86_64-w64-mingw32-gcc")
    if not wine or not compiler:
        print("SKIPPED: needs wine and a mingw-w64 C compiler (scripts/setup installs both)")
        return SKIP
    print("exercised shell: cmd (wine's, a smoke test)")
    work = tempfile.mkdtemp(prefix="cppvenv-wine-cmd-")
    dump_exe = os.path.join(work, "dump_environment.exe")
    subprocess.run([compiler, "-municode", "-O2", "-o", dump_exe,
                    os.path.join(source_dir, "tests", "windows", "dump_environment.c")],
                   check=True)
    # One wine profile for the whole suite (the first start takes a few seconds),
    # kept in the build folder so later runs start fast.
    suite = Suite(render, work, dump_exe)
    suite.prefix = os.path.join(os.path.abspath(build_dir), "wineprefix")
    # A new profile makes wine print what it set up on its first start; do that
    # start here, so that no case mistakes those lines for cmd's output.
    subprocess.run(["wine", "cmd", "/c", "exit"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300,
                   env=dict(os.environ, WINEPREFIX=suite.prefix, WINEDEBUG="-all"))

    # Wine's cmd is not Windows' cmd (see the README's Windows section); each
    # mode leaves out the characters wine itself mishandles there:
    # - it reads batch files in the OEM code page whatever chcp says: no
    #   non-ASCII letters (the unit tests check their quoting);
    # - with delayed expansion off it expands %NAME% again inside a value it
    #   has just substituted: no % then;
    # - with delayed expansion on it keeps the ^ before ! and ^ that Windows
    #   removes: no ! or ^ then.
    hostile = {
        False: ("v !x! ^a &b (d) 'e' $G", "p !y! ^ & | < > ( ) 'q' $G"),
        True: ("v %OS% &b (d) 'e' $G", "p %PATH% & | < > ( ) 'q' $G %%"),
    }
    plain = suite.make_venv("plain", "plain")
    for delayed in (False, True):
        folder, prompt = hostile[delayed]
        env_dir = suite.make_venv(folder, prompt)
        cases = [
            ("plain venv, PROMPT unset", plain, "plain", {}),
            ("hostile path and prompt, PROMPT unset", env_dir, prompt, {}),
            ("hostile path and prompt, PROMPT and PYTHONHOME set", env_dir, prompt,
             {"PROMPT": "$N$G (x) &", "PYTHONHOME": "C:\\py home (x) &"}),
            # A " in a value ends the quotes of `set "NAME=%VALUE%"`: the & after
            # it would run as a command (it must stay text: cmd prints nothing).
            ("PATH, PROMPT and PYTHONHOME holding a quote and &", env_dir, prompt,
             {"WINEPATH": 'C:\\a;"C:\\b & echo RAN-PATH";C:\\c',
              "PROMPT": '$P" & echo RAN-PROMPT & rem "',
              "PYTHONHOME": 'C:\\h" & echo RAN-PYTHONHOME & rem "'}),
            ("prompt disabled", env_dir, prompt,
             {"PROMPT": "[$P]", "VIRTUAL_ENV_DISABLE_PROMPT": "1"}),
        ]
        for case, case_dir, case_prompt, before in cases:
            suite.run_case(case, case_dir, case_prompt, before, delayed)
        suite.run_case("activate another venv first, then this one", env_dir, prompt,
                       {"PROMPT": "$P$G"}, delayed, twice_dir=plain)
    print("%d cases, %d failures" % (suite.cases, suite.failures))
    if suite.failures:
        print("kept the failing run's files in " + work)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
