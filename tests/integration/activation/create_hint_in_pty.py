#!/usr/bin/python3
"""`cppvenv create` on a terminal says how to activate, for the user's $SHELL.

    create_hint_in_pty.py

Runs the real binary (CPPVENV) in a pseudo-terminal with SHELL set to each kind
of shell and checks the one line it prints; the printed command, run in that
shell where it is installed, must activate the venv (a hostile folder name
included). With stderr not a terminal, create prints nothing.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pty_child import run_in_pty  # noqa: E402

HOSTILE = "v $(touch RAN) `x` 'q' é"


def main():
    cppvenv = os.environ["CPPVENV"]
    work = tempfile.mkdtemp(prefix="cppvenv-hint.")
    failures = []
    base_env = {
        "HOME": work,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_CACHE_HOME": os.path.join(work, "cache"),
    }
    create = [cppvenv, "create", "--without-pip", "-p", "/usr/bin/python3"]
    # $SHELL -> (folder, the exact line, how to run that line and print VIRTUAL_ENV)
    cases = [
        ("/bin/bash", ".venv", "Activate with: source .venv/bin/activate",
         ["bash", "--norc", "-c", '{}; printf %s "$VIRTUAL_ENV"']),
        ("/usr/bin/zsh", HOSTILE, "Activate with: source 'v $(touch RAN) `x` '\\''q'\\'' é/bin/activate'",
         ["zsh", "-f", "-c", '{}; printf %s "$VIRTUAL_ENV"']),
        ("/bin/dash", "env", "Activate with: . env/bin/activate",
         ["dash", "-c", '{}; printf %s "$VIRTUAL_ENV"']),
        ("/usr/bin/fish", HOSTILE, "Activate with: source 'v $(touch RAN) `x` \\'q\\' é/bin/activate.fish'",
         ["fish", "--no-config", "-c", '{}; printf %s "$VIRTUAL_ENV"']),
        ("/bin/tcsh", "-dash", "Activate with: source ./-dash/bin/activate.csh", None),
        ("/bin/csh", "t!x", "Activate with: source 't\\!x/bin/activate.csh'", None),
        ("/usr/bin/nu", "a b", "Activate with: overlay use r#'a b/bin/activate.nu'#", None),
        ("/usr/bin/xonsh", "x", "Activate with: source x/bin/activate.xsh", None),
        ("/usr/bin/pwsh", "a b", "Activate with: & 'a b/bin/Activate.ps1'", None),
        ("", ".venv", "Activate with: source .venv/bin/activate", None),
    ]
    for number, (shell, folder, expected, run) in enumerate(cases):
        cwd = os.path.join(work, "case%d" % number)
        os.makedirs(cwd)
        env = dict(base_env, SHELL=shell) if shell else dict(base_env)
        status, output = run_in_pty(create + ["--", folder], env, cwd)
        output = output.decode("utf-8", "replace")
        lines = [line for line in output.replace("\r", "").split("\n") if line]
        if status != 0 or lines != [expected]:
            failures.append("SHELL=%r: status %d, printed %r, expected %r"
                            % (shell, status, lines, [expected]))
            continue
        if run and shutil.which(run[0]):
            command = expected[len("Activate with: "):]
            argv = [shutil.which(run[0])] + run[1:-1] + [run[-1].format(command)]
            result = subprocess.run(argv, cwd=cwd, env=base_env, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT)
            wanted = os.path.join(cwd, folder)
            if result.stdout.decode("utf-8", "replace") != wanted:
                failures.append("%s: %r activated %r, expected %r"
                                % (run[0], command, result.stdout, wanted))
        if os.path.exists(os.path.join(cwd, "RAN")):
            failures.append("SHELL=%r: the printed command ran code from the folder name" % shell)

    # Not a terminal: nothing at all, as python -m venv.
    cwd = os.path.join(work, "pipe")
    os.makedirs(cwd)
    result = subprocess.run(create + [".venv"], cwd=cwd, env=dict(base_env, SHELL="/bin/bash"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0 or result.stdout or result.stderr:
        failures.append("stderr not a terminal: status %d, printed %r %r"
                        % (result.returncode, result.stdout, result.stderr))

    if failures:
        for failure in failures:
            print("FAIL [create hint] " + failure, file=sys.stderr)
        print("kept the failing run's files in " + work, file=sys.stderr)
        return 1
    shutil.rmtree(work)
    print("create hint: %d shells checked" % len(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
