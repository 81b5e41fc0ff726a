"""The command line's grammar: one argparse parser per command, each reporting a
bad command line as one line (UsageError), never usage + traceback."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Mapping

from gdtui.cli.argtypes import (
    MAX_STEPS, non_negative_float, non_negative_int, port, positive_float, positive_int, step_count,
)


class UsageError(Exception):
    """A bad command line: printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad command line in one line, not usage + error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _add_scenarios_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenarios", metavar="DIR", action="append", default=[],
        help="also load lesson files from DIR (repeatable; GDTUI_SCENARIOS too)",
    )


def _add_mnist_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mnist-dir", metavar="DIR",
        help="read MNIST from DIR (else GDTUI_MNIST_DIR, else the cache; see gdtui data)",
    )


def _list() -> Parser:
    p = Parser(prog="gdtui list", description="List the lessons, id first, then title.")
    _add_scenarios_flag(p)
    return p


def _run() -> Parser:
    p = Parser(prog="gdtui run", description="Run a lesson headless and print its steps.")
    p.add_argument("id", help="lesson id (see gdtui list)")
    p.add_argument(
        "--steps", type=step_count,
        help=f"steps to take, at most {MAX_STEPS:,} (default: the lesson's)",
    )
    p.add_argument("--alpha", type=positive_float, help="learning rate (default: the lesson's)")
    p.add_argument(
        "--format", default="book", choices=["book", "table", "json", "summary"],
        help="book: the book's own print lines; table: Rich tables; json: JSON Lines; "
        "summary: one JSON object",
    )
    p.add_argument("--full", action="store_true", help="json: list weights of big networks too")
    _add_mnist_flag(p)
    _add_scenarios_flag(p)
    return p


def _check() -> Parser:
    p = Parser(
        prog="gdtui check",
        description="Check lesson files and folders of them; exit 1 if any is bad.",
    )
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    return p


def _data() -> Parser:
    p = Parser(prog="gdtui data", description="MNIST for the mnist lesson: fetch, import, status.")
    sub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    fetch = sub.add_parser("fetch", help="download MNIST into the cache (hash-checked)")
    fetch.add_argument("name", choices=["mnist"])
    imp = sub.add_parser("import", help="check local MNIST files and copy them into the cache")
    imp.add_argument("dir")
    status = sub.add_parser("status", help="say what MNIST data is where")
    _add_mnist_flag(status)
    return p


def _progress() -> Parser:
    p = Parser(prog="gdtui progress", description="Print a learner's progress: lessons opened, "
               "exercises done, predict scores.")
    p.add_argument("--format", default="table", choices=["table", "json"])
    p.add_argument("--user", help="whose progress (default: the login name)")
    p.add_argument("--state-dir", metavar="DIR",
                   help="a class server's state folder: a served learner's progress there")
    return p


def _serve() -> Parser:
    p = Parser(prog="gdtui serve", description="Serve the app to a class over SSH.")
    _add_serve_flags(p)
    return p


def _class() -> Parser:
    p = Parser(prog="gdtui class", description="The instructor's view of a class served by "
               "gdtui serve: live, or printed (--format json|csv), or a message (--say).")
    _add_class_flags(p)
    _add_scenarios_flag(p)  # the lessons present mode offers
    _add_served_flags(p)  # an instructor's class view over SSH
    return p


def _app(locate: bool = False) -> Parser:
    """The app's parser (locate: with no --help, and the rest of the line kept
    after the id, to find a command written after these options)."""
    p = Parser(
        prog="gdtui",
        description="A terminal trainer for gradient descent. Without a command, opens the app.",
        epilog="commands: list, run ID, check FILE..., data fetch|import|status, serve, class, "
        "progress (each has --help)",
        add_help=not locate,
    )
    p.add_argument("id", nargs="?", help="open this lesson directly")
    if locate:
        p.add_argument("rest", nargs=argparse.REMAINDER)
    p.add_argument("--lang", choices=["en", "zh"], help="lesson notes language (default: LANG)")
    p.add_argument("--ascii", action="store_true", help="ASCII only: no Unicode glyphs")
    _add_mnist_flag(p)
    _add_scenarios_flag(p)
    _add_learner_flags(p)
    return p


_BUILDERS: dict[str, Callable[[], Parser]] = {
    "list": _list, "run": _run, "check": _check, "data": _data, "progress": _progress,
    "serve": _serve, "class": _class, "app": _app,
}


COMMANDS = frozenset(_BUILDERS) - {"app"}


def command_first(argv: list[str]) -> list[str]:
    """`gdtui --scenarios D list` read as `gdtui list --scenarios D`: a command
    written after some of the app's options is moved first and those options
    after the rest of its line, where its own parser takes them or names the
    ones it does not take (before, "list" was taken for an unknown lesson)."""
    if not argv or argv[0] in COMMANDS or COMMANDS.isdisjoint(argv):
        return argv
    try:
        known, _ = _app(locate=True).parse_known_args(argv)
    except UsageError:  # a bad option of the app's: its own parse says so
        return argv
    at = len(argv) - len(known.rest) - 1
    if known.id not in COMMANDS or argv[at] != known.id:
        return argv
    return [argv[at], *known.rest, *argv[:at]]


class Parsers(Mapping[str, argparse.ArgumentParser]):
    """Each command's parser, built the first time it is asked for: a start
    parses one command line, and building all eight cost it ~4 ms."""

    def __init__(self) -> None:
        self._built: dict[str, argparse.ArgumentParser] = {}

    def __getitem__(self, command: str) -> argparse.ArgumentParser:
        if command not in self._built:
            self._built[command] = _BUILDERS[command]()
        return self._built[command]

    def __iter__(self) -> Iterator[str]:
        return iter(_BUILDERS)

    def __len__(self) -> int:
        return len(_BUILDERS)


def build_parser() -> Parsers:
    return Parsers()


def _add_serve_flags(parser: argparse.ArgumentParser) -> None:
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
                        help="close a session after this long without a key or a running "
                             "lesson (default 900; 0: never)")
    parser.add_argument("--session-memory", type=non_negative_float, default=1024, metavar="MB",
                        help="address-space limit per session (default 1024; 0: none)")
    parser.add_argument("--state-dir", metavar="DIR",
                        help="where the host key, the class store and gdtui class's socket are "
                             "kept (default: the user data dir)")
    parser.add_argument("--scenarios", metavar="DIR", action="append", default=[],
                        help="also offer lesson files from DIR (repeatable)")
    parser.add_argument("--lang", choices=["en", "zh"], help="lesson notes language")


def _add_class_flags(parser: argparse.ArgumentParser) -> None:
    """`gdtui class` (gdtui/classroom/command.py)."""
    parser.add_argument("--state-dir", metavar="DIR",
                        help="the server's state folder (default: gdtui serve's default)")
    parser.add_argument("--format", choices=["json", "csv"],
                        help="print instead of the live view: json, the live roster; csv, "
                             "the grading table")
    parser.add_argument("--poll", action="store_true",
                        help="the class polls instead: with --format json the last one judged "
                             "(answers, right, slips); with --format csv every poll's answers")
    parser.add_argument("--say", metavar="TEXT", help="send every learner this message")
    parser.add_argument("--to", metavar="NAME", help="--say: to this learner only")
    parser.add_argument("--make-roster", nargs="+", metavar=("FILE", "NAME"),
                        help="write a new roster FILE for these names and print their passwords")
    parser.add_argument("--as", dest="as_name", metavar="NAME",
                        help="the name learners see when you present (default: your login)")
    stuck = parser.add_argument_group("stuck rules (a learner is stuck when one holds)")
    stuck.add_argument("--no-tick", type=positive_float, default=8, metavar="MINUTES",
                       help="no tick: keys pressed, no exercise ticked for this long (default 8)")
    stuck.add_argument("--same-slip", type=positive_int, default=3, metavar="N",
                       help="same slip: one named slip N answers in a row (default 3)")
    stuck.add_argument("--diverged", type=positive_int, default=2, metavar="N",
                       help="diverging: N divergences in one lesson, alpha unchanged (default 2)")
    stuck.add_argument("--no-key", type=positive_float, default=5, metavar="MINUTES",
                       help="no key: connected, no key for this long (default 5)")
    stuck.add_argument("--idle", type=positive_float, default=60, metavar="SECONDS",
                       help="idle after this long without a key (default 60)")
    stuck.add_argument("--slip-window", type=positive_float, default=15, metavar="MINUTES",
                       help="the class's slips over this long (default 15)")


def _add_served_flags(parser: argparse.ArgumentParser) -> None:
    """What `gdtui serve` gives the process it starts on a learner's or an
    instructor's pty (gdtui/serve/learner.py), never typed by hand."""
    hidden = argparse.SUPPRESS
    parser.add_argument("--served", action="store_true", help=hidden)
    # This process's end of its channel to the server (gdtui/serve/channel.py):
    # developer output goes there as log lines, a learner's events too.
    parser.add_argument("--channel-fd", type=non_negative_int, help=hidden)
    # The session's address-space limit (bytes; 0: none), set in the first lines.
    parser.add_argument("--memory-limit", type=non_negative_int, default=0, help=hidden)


def _add_learner_flags(parser: argparse.ArgumentParser) -> None:
    _add_served_flags(parser)
    hidden = argparse.SUPPRESS
    # Be the zygote (gdtui/serve/zygote.py) on this socket instead of one learner's app.
    parser.add_argument("--zygote-fd", type=non_negative_int, help=hidden)
