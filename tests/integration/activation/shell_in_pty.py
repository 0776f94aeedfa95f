#!/usr/bin/python3
"""`cppvenv shell` as a person uses it, in a pseudo-terminal.

    shell_in_pty.py SHELL      bash, zsh, fish, tcsh, csh, dash, mksh, nu or xonsh
    shell_in_pty.py general    run ENV without a command, the default .venv,
                               nested and unknown-shell messages, no venv

For SHELL: a HOME whose start-up file puts a folder of shims first on PATH (its
`python` prints SHIM, as pyenv's would win) and sets an old prompt. Then
`cppvenv shell` (the real binary, CPPVENV) started with SHELL=that shell, in a
folder below the venv (so it finds .venv itself), must give a shell where
`python` is the venv's, the prompt is "(PROMPT) " + the old prompt, HOME, ZDOTDIR
and ENV are the user's own, `deactivate` brings back the old prompt and the
shim, and `exit 3` makes cppvenv exit 3 with its private folder gone. The venv's
path holds quotes and `$(...)`, which must never run. Exits 77 (ctest:
Skipped) when the shell is not installed. A failing run keeps its folder.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prompt_in_pty import ANSI, BASE_PATH, Terminal, find_nu  # noqa: E402

PROMPT = "sh ell"
PROJECT = "p $(touch RAN) 'q' é"
# What bash's \\$ and zsh's %# draw for this user.
ROOT_SIGN = "#" if os.geteuid() == 0 else None
PYTHON_CHECK = "python -c \"import sys; print('PY' + '=' + sys.prefix + '=' + 'END')\""


def shells(shims):
    """name -> (program, {file under HOME: text}, extra environment, old prompt, print HOME)."""
    which = shutil.which
    sh_rc = "PATH=%s:$PATH; export PATH\nPS1='old$ '\n" % shims
    return {
        "bash": (which("bash"), {".bashrc": "PATH=%s:$PATH\nPS1='old\\$ '\n" % shims}, {},
                 "old%s " % (ROOT_SIGN or "$"), "echo HOME=$HOME"),
        # ZDOTDIR set by ~/.zshenv: the .zshrc in that folder must be the one read.
        "zsh": (which("zsh"), {".zshenv": "ZDOTDIR=$HOME/zdot\n",
                               "zdot/.zshrc": "path=(%s $path)\nPROMPT='old%%# '\n" % shims},
                {}, "old%s " % (ROOT_SIGN or "%"), "echo HOME=$HOME ZDOTDIR=$ZDOTDIR"),
        "fish": (which("fish"), {".config/fish/config.fish":
                                 "set -gx PATH %s $PATH\n"
                                 "function fish_prompt; printf 'old> '; end\n"
                                 "function fish_right_prompt; end\n"
                                 "function fish_greeting; end\n" % shims},
                 {}, "old> ", "echo HOME=$HOME"),
        "tcsh": (which("tcsh"), {".tcshrc": "setenv PATH %s:$PATH\nset prompt = 'old> '\n" % shims},
                 {}, "old> ", "echo HOME=$HOME"),
        "csh": (which("bsd-csh"), {".cshrc": "setenv PATH %s:$PATH\nset prompt = 'old> '\n" % shims},
                {}, "old> ", "echo HOME=$HOME"),
        # dash reads $ENV; mksh reads ~/.mkshrc when ENV is unset.
        "dash": (which("dash"), {".shrc": sh_rc}, {"ENV": "$HOME/.shrc"}, "old$ ",
                 "echo HOME=$HOME ENV=$ENV"),
        "mksh": (which("mksh"), {".mkshrc": sh_rc}, {}, "old$ ", "echo HOME=$HOME ENV=${ENV-unset}"),
        "nu": (find_nu(), {".config/nushell/env.nu": "$env.PATH = ($env.PATH | prepend '%s')\n" % shims,
                           ".config/nushell/config.nu":
                           "$env.PROMPT_COMMAND = {|| 'old' }\n$env.PROMPT_INDICATOR = '> '\n"
                           "$env.PROMPT_COMMAND_RIGHT = ''\n$env.config.show_banner = false\n"},
               {}, "old> ", "print $'HOME=($env.HOME)'"),
        "xonsh": (which("xonsh"), {".xonshrc": "$PATH.insert(0, '%s')\n$PROMPT = 'old> '\n"
                                   "$RIGHT_PROMPT = ''\n$TITLE = ''\n" % shims},
                  {"SHELL_TYPE": "readline"}, "old> ", "echo HOME=$HOME"),
    }


def write_files(root, files):
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as file:
            file.write(text)


def settle(terminal, quiet=1.5, deadline=30.0):
    """Reads until the starting shell has drawn something and then been quiet for
    QUIET seconds (counted from its first output, not from its start, which a
    loaded machine can delay past QUIET)."""
    end = time.monotonic() + deadline
    drawn = False
    quiet_since = time.monotonic()
    while (not drawn or time.monotonic() - quiet_since < quiet) and time.monotonic() < end:
        if terminal.read_some(0.2):
            drawn = True
            quiet_since = time.monotonic()


def output_of(terminal, command, pattern, expected_prompt=None):
    """Runs COMMAND; returns (first match of PATTERN in its output or None, drawn prompt)."""
    terminal.output = ""
    prompt = terminal.drawn_prompt(command, expected_prompt)
    found = re.search(pattern, ANSI.sub("", terminal.output).replace("\r", ""))
    return (found.group(1) if found else None), prompt


def python_of(terminal, expected_prompt=None):
    found, prompt = output_of(terminal, PYTHON_CHECK, r"(?:^|\n)(SHIM|PY=.*?=END)\n", expected_prompt)
    if found and found.startswith("PY="):
        found = found[len("PY="):-len("=END")]
    return found, prompt


def exit_status(terminal, command, deadline=20.0):
    """Types COMMAND (which ends the shell); returns cppvenv's exit status."""
    terminal.send(command)
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            if terminal.read_some(0.2) is None:
                break
        except RuntimeError:  # end of output: the shell and cppvenv are gone
            break
    for _ in range(int(deadline * 10)):
        pid, status = os.waitpid(terminal.pid, os.WNOHANG)
        if pid:
            terminal.pid = None
            os.close(terminal.fd)
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.1)
    return None


def close(terminal):
    if terminal.pid:
        terminal.close()


def check_shell(name, cppvenv, work, failures):
    shims = os.path.join(work, "shims")
    program, files, extra, old, print_home = shells(shims)[name]
    if not program:
        return None
    home = os.path.join(work, "home")
    write_files(home, files)
    venv = os.path.join(work, PROJECT, ".venv")
    temporary = os.path.join(work, "tmp")
    env = dict(HOME=home, PATH=BASE_PATH, LANG="C.UTF-8", TERM="dumb", SHELL=program,
               TMPDIR=temporary, **extra)
    below = os.path.join(work, PROJECT, "src", "deep")
    terminal = Terminal([cppvenv, "shell"], env, below)
    try:
        settle(terminal)
        active = "(%s) %s" % (PROMPT, old)
        prompt = terminal.drawn_prompt("echo settled", active)
        if prompt != active:
            failures.append("the started shell drew %r, expected %r" % (prompt, active))
        python, _ = python_of(terminal, active)
        if python != venv:
            failures.append("python in the started shell is %r, expected the venv's %r" % (python, venv))
        home_line, _ = output_of(terminal, print_home, r"(?:^|\n)(HOME=[^\n]*)\n", active)
        wanted = {"zsh": "HOME=%s ZDOTDIR=%s/zdot" % (home, home),
                  "dash": "HOME=%s ENV=$HOME/.shrc" % home,
                  "mksh": "HOME=%s ENV=unset" % home}.get(name, "HOME=%s" % home)
        if home_line != wanted:
            failures.append("in the started shell %r printed %r, expected %r" % (print_home, home_line, wanted))
        prompt = terminal.drawn_prompt("deactivate", old)
        if prompt != old:
            failures.append("after deactivate the shell drew %r, expected %r" % (prompt, old))
        python, _ = python_of(terminal, old)
        if python != "SHIM":
            failures.append("after deactivate python is %r, expected the rc file's SHIM" % python)
        # xonsh 0.13's `exit` ignores its argument: a shell killed by a signal
        # shows the status is passed on as well.
        leave, wanted = ("import os; os.kill(os.getpid(), 9)", 128 + 9) if name == "xonsh" else ("exit 3", 3)
        status = exit_status(terminal, leave)
        if status != wanted:
            failures.append("%r in the shell: cppvenv exited %r, expected %d" % (leave, status, wanted))
        else:
            left = [entry for entry in os.listdir(temporary) if entry.startswith("cppvenv")]
            if left:
                failures.append("left in TMPDIR after exit: %r" % left)
    except RuntimeError as error:
        failures.append(str(error))
    finally:
        close(terminal)
    return terminal


def check_general(cppvenv, work, failures):
    """bash with the same shim: run ENV, nesting, an unknown shell, no venv."""
    shims = os.path.join(work, "shims")
    program = shutil.which("bash")
    home = os.path.join(work, "home")
    write_files(home, {".bashrc": "PATH=%s:$PATH\nPS1='old\\$ '\n" % shims})
    venv = os.path.join(work, PROJECT, ".venv")
    base = dict(HOME=home, PATH=BASE_PATH, LANG="C.UTF-8", TERM="dumb", SHELL=program,
                TMPDIR=os.path.join(work, "tmp"))
    active = "(%s) old%s " % (PROMPT, ROOT_SIGN or "$")
    cases = [
        # (what, argv, environment, cwd, expected prompt, text that must be printed first)
        ("`run ENV` without a command", [cppvenv, "run", venv], base, work, active, None),
        ("a shell inside another venv", [cppvenv, "shell", venv],
         dict(base, VIRTUAL_ENV="/elsewhere/venv"), work, active,
         "cppvenv: warning: another venv is active (VIRTUAL_ENV=/elsewhere/venv)"),
        ("a shell inside the same venv", [cppvenv, "shell"], dict(base, VIRTUAL_ENV=venv),
         os.path.join(work, PROJECT), active, "cppvenv: warning: this venv is already active"),
        ("an unknown SHELL", [cppvenv, "shell", venv], dict(base, SHELL="/usr/bin/elvish-none"),
         work, "(%s) %s " % (PROMPT, ROOT_SIGN or "$"), "cppvenv: note: SHELL=/usr/bin/elvish-none is not a program"),
        ("SHELL unset", [cppvenv, "shell", venv],
         {k: v for k, v in base.items() if k != "SHELL"}, work, "(%s) %s " % (PROMPT, ROOT_SIGN or "$"),
         "cppvenv: note: SHELL is not set; starting /bin/sh"),
    ]
    for what, argv, env, cwd, expected, notice in cases:
        terminal = Terminal(argv, env, cwd)
        try:
            settle(terminal)
            if notice and notice not in terminal.output.replace("\r", ""):
                failures.append("%s: printed %r, expected %r" % (what, terminal.output, notice))
            prompt = terminal.drawn_prompt("echo settled", expected)
            if prompt != expected:
                failures.append("%s: drew %r, expected %r" % (what, prompt, expected))
            python, _ = python_of(terminal, expected)
            if python != venv:
                failures.append("%s: python is %r, expected the venv's" % (what, python))
            status = exit_status(terminal, "exit 4")
            if status != 4:
                failures.append("%s: `exit 4` made cppvenv exit %r" % (what, status))
        except RuntimeError as error:
            failures.append("%s: %s" % (what, error))
        finally:
            close(terminal)

    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    result = subprocess.run([cppvenv, "shell"], cwd=empty, env=base, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    message = result.stderr.decode("utf-8", "replace")
    if (result.returncode != 1 or result.stdout or message.count("\n") != 1
            or not message.startswith("cppvenv: error: no venv named and no .venv in %s" % empty)
            or "cppvenv create .venv" not in message):
        failures.append("no .venv anywhere: status %d, printed %r %r"
                        % (result.returncode, result.stdout, message))


def main():
    name = sys.argv[1]
    if name != "general" and name not in shells(""):
        print("unknown shell: " + name, file=sys.stderr)
        return 2
    if name != "general" and not shells("")[name][0]:
        print("SKIPPED: %s is not installed" % name)
        return 77
    if name == "general" and not shutil.which("bash"):
        print("SKIPPED: bash is not installed")
        return 77
    cppvenv = os.environ["CPPVENV"]
    work = tempfile.mkdtemp(prefix="cppvenv-shell-%s." % name)
    failures = []
    shims = os.path.join(work, "shims")
    os.makedirs(shims)
    with open(os.path.join(shims, "python"), "w") as file:
        file.write("#!/bin/sh\necho SHIM\n")
    os.chmod(os.path.join(shims, "python"), 0o755)
    os.makedirs(os.path.join(work, "tmp"))
    os.makedirs(os.path.join(work, PROJECT, "src", "deep"))
    subprocess.run([cppvenv, "create", "--without-pip", "-p", "/usr/bin/python3", "--prompt", PROMPT,
                    os.path.join(work, PROJECT, ".venv")],
                   check=True, env=dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache")))
    terminal = None
    if name == "general":
        check_general(cppvenv, work, failures)
    else:
        terminal = check_shell(name, cppvenv, work, failures)
    for folder, _, names in os.walk(work):
        if "RAN" in names:
            failures.append("code in the venv's path ran (%s)" % os.path.join(folder, "RAN"))

    if failures:
        if terminal:
            with open(os.path.join(work, "transcript.txt"), "w") as file:
                file.write("".join(terminal.transcript))
        for failure in failures:
            print("FAIL [shell %s] %s" % (name, failure), file=sys.stderr)
        print("kept the failing run's files in " + work, file=sys.stderr)
        return 1
    for _ in range(10):  # fish may still be writing its generated completions
        try:
            shutil.rmtree(work)
            break
        except OSError:
            time.sleep(0.5)
    print("cppvenv shell (%s): the venv wins over the rc file's shim" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
