"""Helpers for the store's tests."""

from __future__ import annotations

import signal
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
