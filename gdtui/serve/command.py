"""`gdtui serve`: flags, checks, the start-up banner, and running until stopped.

Only argparse is imported at module level: asyncssh loads when serving starts.
"""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Sequence

from gdtui.cli.argtypes import non_negative_float, port, positive_float, positive_int

EXIT_USAGE = 2
PROG = "gdtui serve"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `gdtui serve` flags to parser."""
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=port, default=2222, help="port (default 2222)")
    parser.add_argument("--password-file", metavar="FILE",
                        help="class password: the first line of FILE")
    parser.add_argument("--authorized-keys", metavar="FILE",
                        help="also let in these public keys (OpenSSH authorized_keys format)")
    parser.add_argument("--roster", metavar="FILE",
                        help="only these learners, each with their own password hash or public "
                             "key (one a line; make one with gdtui class --make-roster)")
    parser.add_argument("--instructor-keys", metavar="FILE",
                        help="these public keys get the class view (gdtui class) over SSH "
                             "(authorized_keys format)")
    parser.add_argument("--open", action="store_true",
                        help="no authentication at all: anyone who can reach the port gets in")
    parser.add_argument("--max-sessions", type=positive_int, default=40, metavar="N",
                        help="learners at once (default 40)")
    parser.add_argument("--per-address", type=positive_int, default=10, metavar="N",
                        help="learners from one address at once, and connections from it "
                             "still logging in (default 10; raise it for a class behind one NAT)")
    parser.add_argument("--login-grace", type=positive_float, default=30, metavar="SECONDS",
                        help="time to log in before the connection is closed (default 30)")
    parser.add_argument("--max-auth-tries", type=positive_int, default=6, metavar="N",
                        help="password or key tries per connection (default 6)")
    parser.add_argument("--idle-timeout", type=non_negative_float, default=900, metavar="SECONDS",
                        help="close a session after this long without a key (default 900; 0: never)")
    parser.add_argument("--session-memory", type=non_negative_float, default=1024, metavar="MB",
                        help="address-space limit per session (default 1024; 0: none)")
    parser.add_argument("--state-dir", metavar="DIR",
                        help="where the host key, the class store and gdtui class's socket are "
                             "kept (default: the user data dir)")
    parser.add_argument("--scenarios", metavar="DIR", action="append", default=[],
                        help="also offer lesson files from DIR (repeatable)")
    parser.add_argument("--lang", choices=["en", "zh"], help="lesson notes language")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None, command: Sequence[str] | None = None) -> int:
    """`gdtui serve ARGS` as a whole: parse, then run."""
    parser = _Parser(prog=PROG, description="Serve the app to a class over SSH.")
    add_arguments(parser)
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exc:  # --help (0) or a bad flag (2, already reported)
        return int(exc.code or 0)
    return run(args, command=command)


def run(args: argparse.Namespace, command: Sequence[str] | None = None) -> int:
    """Serve until SIGTERM/SIGINT/SIGHUP; 0 then, 2 for unusable flags, 1 if it cannot listen.

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

