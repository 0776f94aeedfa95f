#!/usr/bin/python3
"""What a person sees: the prompt a real interactive shell draws.

    prompt_in_pty.py SHELL

SHELL is bash, dash, zsh, mksh, ksh93, busybox, fish, tcsh, csh, nu or xonsh.
Starts the shell interactively in a pseudo-terminal with no start-up files, sets
an old prompt, and for every prompt in the corpus: sources the activation script
of a venv made by the real `cppvenv create --without-pip` (CPPVENV), reads the
prompt the shell draws, runs `deactivate`, reads it again. The drawn prompt must
be exactly "(PROMPT) " + the old prompt, then the old prompt again. Also checks
that activating a second venv over the first draws only the second's prefix, and
(nu, xonsh) that deactivate restores PYTHONHOME and is gone afterwards.
Exits 77 (ctest: Skipped) when the shell is not installed. A failing run keeps
its folder and its transcript.
"""

import glob
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# Prompts mixing every shell's syntax and prompt escapes.
CORPUS = [
    "plain",
    "d $(echo X) `id -u` !x \\w %d \U0001f40d",
    "#1 env",
    "##x '#' ##'## r#'x'# ###",
    "%% %~ %# %n {} {cwd} {{RED}} ${HOME} $HOME \\$ \\\\ \\[x\\]",
    "!! !1 \\! \\u \\D{%Y} ^A ^? 'sq' \"dq\" ; & | < > (ls) é ü 中",
    "end\\",
]

BASE_PATH = "/usr/local/bin:/usr/bin:/bin"


def find_nu():
    found = shutil.which("nu")
    if found:
        return found
    search = os.environ.get("NUSHELL_SEARCH_DIR", "")
    for pattern in ("nushell/node_modules/@nushell/*/bin/nu", "node_modules/@nushell/*/bin/nu"):
        for candidate in glob.glob(os.path.join(search, pattern)):
            if os.access(candidate, os.X_OK):
                return candidate
    return None


def posix(argv, old_prompt, option=None):
    """OPTION: (turn off, turn on) a prompt option the user may flip after activation."""
    return {
        "argv": argv,
        "old_prompt": "PS1='%s'" % old_prompt,
        "source": ". %s/bin/activate",
        "pythonhome": None,
        "option": option,
    }


def shell_table():
    """name -> how to start it, set its old prompt and source a venv."""
    which = shutil.which
    nu = find_nu()
    return {
        "bash": (
            which("bash"),
            posix(
                [which("bash"), "--norc", "--noprofile", "-i"],
                "old\\$ ",
                ("shopt -u promptvars", "shopt -s promptvars"),
            ),
        ),
        "dash": (which("dash"), posix([which("dash"), "-i"], "old$ ")),
        "zsh": (
            which("zsh"),
            posix([which("zsh"), "-f", "-i"], "old%# ", ("unsetopt promptsubst", "setopt promptsubst")),
        ),
        "mksh": (which("mksh"), posix([which("mksh"), "-i"], "old$ ")),
        "ksh93": (which("ksh93"), posix([which("ksh93"), "-i"], "old$ ")),
        "busybox": (which("busybox"), posix([which("busybox"), "sh", "-i"], "old\\$ ")),
        "fish": (
            which("fish"),
            {
                "argv": [which("fish"), "--no-config", "-i"],
                "old_prompt": "function fish_prompt; printf 'old> '; end; "
                "function fish_right_prompt; end; function fish_greeting; end",
                "source": "source %s/bin/activate.fish",
                "pythonhome": None,
            },
        ),
        "tcsh": (
            which("tcsh"),
            {
                "argv": [which("tcsh"), "-f", "-i"],
                "old_prompt": "set prompt = 'old> '",
                "source": "source %s/bin/activate.csh",
                "pythonhome": None,
            },
        ),
        "csh": (
            which("bsd-csh"),
            {
                "argv": [which("bsd-csh") or "", "-f", "-i"],
                "old_prompt": "set prompt = 'old> '",
                "source": "source %s/bin/activate.csh",
                "pythonhome": None,
            },
        ),
        "nu": (
            nu,
            {
                "argv": [nu or "", "--no-config-file", "--no-history"],
                "old_prompt": "$env.PROMPT_COMMAND = {|| 'old' }; $env.PROMPT_INDICATOR = '> '; "
                "$env.PROMPT_COMMAND_RIGHT = ''; $env.config.show_banner = false",
                "source": "overlay use %s/bin/activate.nu",
                "pythonhome": (
                    "print ('PH=' + (if 'PYTHONHOME' in $env { $'set:($env.PYTHONHOME)' } "
                    "else { 'unset' }) + ' DEACTIVATE=' + "
                    "(if (scope aliases | where name == deactivate | is-empty) { 'gone' } "
                    "else { 'defined' }))"
                ),
            },
        ),
        "xonsh": (
            which("xonsh"),
            {
                "argv": [which("xonsh"), "--no-rc", "-i", "--shell-type", "readline"],
                "old_prompt": "$PROMPT = 'old> '; $RIGHT_PROMPT = ''; $TITLE = ''",
                "source": "source %s/bin/activate.xsh",
                "pythonhome": (
                    "print('PH=' + ('set:' + $PYTHONHOME if 'PYTHONHOME' in ${...} else 'unset')"
                    " + ' DEACTIVATE=' + ('defined' if 'deactivate' in aliases else 'gone'))"
                ),
            },
        ),
    }


ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


# A right prompt: the cursor is saved, moved, and put back.
RIGHT_PROMPT = re.compile(r"\x1b7.*?\x1b8", re.S)
CURSOR_TO_ROW = re.compile(r"\x1b\[[0-9]*(?:;1)?H")


def visible_lines(raw):
    """The text a terminal shows, roughly: escapes gone, each line after its last \\r."""
    text = CURSOR_TO_ROW.sub("\r", RIGHT_PROMPT.sub("", raw))
    text = ANSI.sub("", text).replace("\x07", "")
    lines = []
    for line in text.split("\n"):
        while "\b" in line:  # a backspace erases the character before it
            line = re.sub(r"[^\b]\b", "", line, count=1).lstrip("\b")
        lines.append(line.rstrip("\r").rsplit("\r", 1)[-1])
    return lines


class Terminal:
    """One shell in a pseudo-terminal, driven line by line."""

    def __init__(self, argv, env, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        self.output = ""
        self.transcript = []
        self.markers = 0

    def read_some(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            raise RuntimeError("the shell exited; its output: " + repr(self.output[-2000:]))
        text = data.decode("utf-8", "replace")
        if "\x1b[6n" in text:  # a cursor position query (busybox, nu): answer it
            os.write(self.fd, b"\x1b[1;1R")
        self.output += text
        self.transcript.append(text)
        return True

    def send(self, line):
        os.write(self.fd, (line + "\r").encode())

    def drawn_prompt(self, command, expected=None, settle=1.0, deadline=20.0):
        """Runs COMMAND, then reads the prompt drawn after it.

        A marker command follows COMMAND on its line; the prompt is the last line after the
        marker's output once the terminal is quiet. It is returned as soon as it
        equals EXPECTED and stays so for a short
        while, or else after DEADLINE seconds, whatever it is then.
        """
        self.markers += 1
        marker = "MARK%dK" % self.markers
        self.output = ""
        self.send("%s; echo %s" % (command, marker))
        # The marker's output, not the echo of the line typed ("echo MARK…").
        found = re.compile(r"(?<!echo )%s\r?\n" % marker)
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            match = found.search(ANSI.sub("", RIGHT_PROMPT.sub("", self.output)))
            if match:
                break
            self.read_some(0.2)
        else:
            raise RuntimeError("no marker %s after %r; output: %r" % (marker, command, self.output))
        quiet_since = time.monotonic()
        while time.monotonic() < end:
            rest = ANSI.sub("", RIGHT_PROMPT.sub("", self.output))[match.end() :]
            prompt = visible_lines(rest)[-1]
            wanted = expected is not None and prompt == expected
            if self.read_some(0.1):
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= (0.3 if wanted else settle) and (
                wanted or expected is None
            ):
                return prompt
        return prompt

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def prefixed(prompt, old):
    return "(" + prompt + ") " + old


def main():
    shell = sys.argv[1]
    table = shell_table()
    if shell not in table:
        print("unknown shell: " + shell, file=sys.stderr)
        return 2
    program, spec = table[shell]
    if not program:
        print("SKIPPED: %s is not installed" % shell)
        return 77
    cppvenv = os.environ["CPPVENV"]
    python = "/usr/bin/python3"
    work = tempfile.mkdtemp(prefix="cppvenv-pty-%s." % shell)
    failures = []

    venvs = []
    for number, prompt in enumerate(CORPUS + ["inner"]):
        venv = os.path.join(work, "v%d" % number)
        subprocess.run(
            [cppvenv, "create", "--without-pip", "-p", python, "--prompt", prompt, venv],
            check=True,
            env=dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache")),
        )
        venvs.append(venv)

    env = {
        "HOME": work,
        "PATH": BASE_PATH,
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "ENV": "/dev/null",
        "SHELL": program,
    }
    terminal = Terminal(spec["argv"], env, work)
    try:
        # Some line editors drop what was typed before their first prompt:
        # wait for the shell's first output (a loaded machine can delay it
        # past any fixed time), then for 1.5 s of quiet.
        end = time.monotonic() + 30.0
        drawn = False
        quiet_since = time.monotonic()
        while (not drawn or time.monotonic() - quiet_since < 1.5) and time.monotonic() < end:
            if terminal.read_some(0.2):
                drawn = True
                quiet_since = time.monotonic()
        terminal.drawn_prompt(spec["old_prompt"])
        old = terminal.drawn_prompt("echo settled", settle=2.5)
        if not old.startswith("old"):
            failures.append("the old prompt was not set: %r" % old)

        def check(what, command, expected):
            got = terminal.drawn_prompt(command, expected)
            if got != expected:
                failures.append("%s: drew %r, expected %r" % (what, got, expected))

        for prompt, venv in zip(CORPUS, venvs):
            check("activate %r" % prompt, spec["source"] % venv, prefixed(prompt, old))
            check("deactivate %r" % prompt, "deactivate", old)
        check("activate over an active venv", spec["source"] % venvs[1], prefixed(CORPUS[1], old))
        check("second activation draws one prefix", spec["source"] % venvs[-1],
              prefixed("inner", old))
        check("deactivate after two activations", "deactivate", old)

        if spec.get("option"):
            # The prompt stays text when the user flips the option after activation.
            off, on = spec["option"]
            for before, after in ((off, on), (on, off)):
                terminal.drawn_prompt(before)
                terminal.drawn_prompt(spec["source"] % venvs[1])
                check(
                    "%r after activating with %r" % (after, before),
                    after,
                    prefixed(CORPUS[1], old),
                )
                check("deactivate after %r" % after, "deactivate", old)
            terminal.drawn_prompt(on)

        if spec["pythonhome"]:
            set_home = {"nu": "$env.PYTHONHOME = %s", "xonsh": "$PYTHONHOME = %s"}[shell]
            # "unset" first: in nu, a variable the user hid with hide-env comes
            # back when any overlay is hidden (nu's own behaviour, overlay or not).
            for state, command in (
                ("unset", "print never-set"),
                ("set:/usr", set_home % "'/usr'"),
                ("set:", set_home % "''"),
            ):
                terminal.drawn_prompt(command)
                terminal.drawn_prompt(spec["source"] % venvs[0])
                terminal.drawn_prompt("deactivate")
                terminal.output = ""
                terminal.drawn_prompt(spec["pythonhome"])
                reported = re.search(r"[\r\n]PH=(\S*) DEACTIVATE=(\w+)", ANSI.sub("", terminal.output))
                got = reported.groups() if reported else terminal.output
                if got != (state, "gone"):
                    failures.append(
                        "PYTHONHOME %s before activation: after deactivate %r, expected %r"
                        % (state, got, (state, "gone"))
                    )
    except RuntimeError as error:
        failures.append(str(error))
    finally:
        terminal.close()

    if failures:
        with open(os.path.join(work, "transcript.txt"), "w") as file:
            file.write("".join(terminal.transcript))
        for failure in failures:
            print("FAIL [%s] %s" % (shell, failure), file=sys.stderr)
        print("kept the failing run's files in " + work, file=sys.stderr)
        return 1
    shutil.rmtree(work)
    print("%s: %d prompts drawn as expected" % (shell, len(CORPUS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
