"""Helpers for the store's tests."""

from __future__ import annotations

import os
import signal
import subprocess
from contextlib import contextmanager


class TookTooLong(Exception):
    pass


@contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the run) if the block blocks: a FIFO opened
    for reading, a device read whole."""
    def expired(*_):
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# What may be found where a progress file should be: each makes it at path.
def fifo(path):
    os.mkfifo(path)


def link(target):
    return lambda path: os.symlink(target, path)


def sparse(path):
    """2 GB that take no room on the disk."""
    with open(path, "wb") as f:
        f.truncate(2 * 1024**3)


def at_once(argvs: list[list[str]], env: dict[str, str] | None = None) -> None:
    """Run writer processes that each print "ready", wait for a line on stdin,
    do their work and print "done": all released together, each must end 0."""
    writers = [subprocess.Popen(argv, env=env, text=True, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE) for argv in argvs]
    try:
        for w in writers:
            assert w.stdout.readline() == "ready\n"
        for w in writers:  # all at once
            w.stdin.write("go\n")
            w.stdin.flush()
        for w in writers:
            assert w.stdout.readline() == "done\n"
            assert w.wait(60) == 0
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
            w.wait()
            w.stdin.close()
            w.stdout.close()
