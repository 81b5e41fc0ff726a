"""`gdtui serve`, its command line parsed (the grammar is gdtui/cli/parser.py's):
checks, the start-up banner, and running until stopped.

Only the standard library is imported at module level: asyncssh loads when serving starts.
"""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Sequence

EXIT_USAGE = 2
PROG = "gdtui serve"


def run(args: argparse.Namespace, command: Sequence[str] | None = None) -> int:
    """Serve until SIGTERM/SIGINT; 0 then, 2 for unusable flags, 1 if it cannot listen.

    command replaces the app's command line (for tests; never from a learner).
    """
    from gdtui.serve import setup  # imports asyncssh

    try:
        config, notes = setup.build_config(args, command)
    except setup.SetupError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return setup.serve(config, notes, connect_host(args.host))


def connect_host(host: str) -> str:
    """The address learners type: the machine's name when listening everywhere."""
    if host in ("", "0.0.0.0", "::"):
        return socket.gethostname()
    return host
