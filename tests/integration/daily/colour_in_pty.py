#!/usr/bin/python3
"""Colour follows the conventions, as a person at a terminal sees it.

    colour_in_pty.py

Runs the real binary (CPPVENV) in a pseudo-terminal, and with pipes, under a
matrix of NO_COLOR / FORCE_COLOR / CLICOLOR_FORCE / TERM / CPPVENV_COLOR and
--color, and checks the exact escape sequences (or their absence) of an error
on stderr and of `check`'s "ok" on stdout. The precedence, highest first:
--color, CPPVENV_COLOR (cppvenv's own setting), NO_COLOR (non-empty),
FORCE_COLOR (non-empty) / CLICOLOR_FORCE (non-empty, not 0), TERM=dumb, a
terminal.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pty_child import run_in_pty  # noqa: E402

ERROR_COLOURED = b"cppvenv: \x1b[1;31merror:\x1b[0m "
ERROR_PLAIN = b"cppvenv: error: "
OK_COLOURED = b": \x1b[32mok\x1b[0m"
OK_PLAIN = b": ok"


def output_in_pty(argv, env, cwd):
    return run_in_pty(argv, env, cwd)[1].replace(b"\r\n", b"\n")


def run_with_pipes(argv, env, cwd):
    result = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    return result.stdout


def main():
    cppvenv = os.environ["CPPVENV"]
    work = tempfile.mkdtemp(prefix="cppvenv-colour.")
    base_env = {
        "HOME": work,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "XDG_CACHE_HOME": os.path.join(work, "cache"),
        "XDG_CONFIG_HOME": os.path.join(work, "config"),
    }
    python = "/usr/bin/python3"
    subprocess.run([cppvenv, "create", "--without-pip", "-p", python, "venv"], cwd=work,
                   env=base_env, check=True)
    # (how it runs, environment changes, options before the command, colour?)
    cases = [
        ("pty", {}, [], True),
        ("pty", {"NO_COLOR": "1"}, [], False),
        ("pty", {"NO_COLOR": ""}, [], True),
        ("pty", {"TERM": "dumb"}, [], False),
        ("pty", {"TERM": None}, [], True),
        ("pty", {"TERM": "dumb", "FORCE_COLOR": "1"}, [], True),
        ("pty", {"TERM": "dumb", "FORCE_COLOR": ""}, [], False),
        ("pty", {"TERM": "dumb", "CLICOLOR_FORCE": "1"}, [], True),
        ("pty", {"TERM": "dumb", "CLICOLOR_FORCE": "0"}, [], False),
        ("pty", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], False),
        ("pty", {"NO_COLOR": "1"}, ["--color", "always"], True),
        ("pty", {"NO_COLOR": "1"}, ["--color=always"], True),
        ("pty", {}, ["--color", "never"], False),
        ("pty", {"FORCE_COLOR": "1"}, ["--color", "never"], False),
        ("pty", {}, ["--color", "auto"], True),
        ("pty", {"CPPVENV_COLOR": "never"}, [], False),
        ("pty", {"CPPVENV_COLOR": "always", "NO_COLOR": "1"}, [], True),
        ("pty", {"CPPVENV_COLOR": "never"}, ["--color", "always"], True),
        ("pipe", {}, [], False),
        ("pipe", {"FORCE_COLOR": "1"}, [], True),
        ("pipe", {"FORCE_COLOR": "0"}, [], True),  # any non-empty value forces
        ("pipe", {"CLICOLOR_FORCE": "1"}, [], True),
        ("pipe", {"CLICOLOR_FORCE": "0"}, [], False),
        ("pipe", {}, ["--color", "always"], True),
        ("pipe", {"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, [], False),
    ]
    failures = []
    for how, changes, options, coloured in cases:
        env = dict(base_env)
        for name, value in changes.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        run = output_in_pty if how == "pty" else run_with_pipes
        label = "%s %r %s" % (how, changes, " ".join(options))
        # An error on stderr; --color also after the command and inside `run`.
        for argv in ([cppvenv] + options + ["info", "missing-venv"],
                     [cppvenv, "info"] + options + ["missing-venv"],
                     [cppvenv, "run"] + options + ["missing-venv", "true"]):
            output = run(argv, env, work)
            wanted = ERROR_COLOURED if coloured else ERROR_PLAIN
            if not output.startswith(wanted) or output.count(b"\n") != 1 or (
                    not coloured and b"\x1b" in output):
                failures.append("%s: %s printed %r, wanted it to start with %r"
                                % (label, " ".join(argv[1:]), output, wanted))
        # A command line CLI11 refuses (--color before the mistake).
        output = run([cppvenv] + options + ["crate", "x"], env, work)
        wanted = ERROR_COLOURED if coloured else ERROR_PLAIN
        if not output.startswith(wanted) or (not coloured and b"\x1b" in output):
            failures.append("%s: crate x printed %r, wanted it to start with %r"
                            % (label, output, wanted))
        # A normal message on stdout.
        output = run([cppvenv] + options + ["check", "venv"], env, work)
        wanted = b"venv" + (OK_COLOURED if coloured else OK_PLAIN) + b"\n"
        if output != wanted:
            failures.append("%s: check printed %r, wanted %r" % (label, output, wanted))

    if failures:
        for failure in failures:
            print("FAIL [colour] " + failure, file=sys.stderr)
        print("kept the failing run's files in " + work, file=sys.stderr)
        return 1
    shutil.rmtree(work)
    print("colour: %d environments checked" % len(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
