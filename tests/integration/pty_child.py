"""One program run on a pseudo-terminal, for the suites that check what a person
at a terminal sees (tests/integration/*/..._in_pty.py)."""

import os
import pty


def run_in_pty(argv, env, cwd):
    """Runs ARGV with stdin, stdout and stderr on a terminal, to its end;
    returns (exit code, the bytes it wrote, line ends as the terminal made them)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    output = b""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        output += data
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output
