"""The command line's grammar: one argparse parser per command, each reporting a
bad command line as one line (UsageError), never usage + traceback."""

from __future__ import annotations

import argparse

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


def build_parser() -> dict[str, argparse.ArgumentParser]:
    parsers: dict[str, argparse.ArgumentParser] = {}

    p = Parser(prog="gdtui list", description="List the lessons, id first, then title.")
    _add_scenarios_flag(p)
    parsers["list"] = p

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
    parsers["run"] = p

    p = Parser(
        prog="gdtui check",
        description="Check lesson files and folders of them; exit 1 if any is bad.",
    )
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    parsers["check"] = p

    p = Parser(prog="gdtui data", description="MNIST for the mnist lesson: fetch, import, status.")
    sub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    fetch = sub.add_parser("fetch", help="download MNIST into the cache (hash-checked)")
    fetch.add_argument("name", choices=["mnist"])
    imp = sub.add_parser("import", help="check local MNIST files and copy them into the cache")
    imp.add_argument("dir")
    status = sub.add_parser("status", help="say what MNIST data is where")
    _add_mnist_flag(status)
    parsers["data"] = p

    p = Parser(prog="gdtui progress", description="Print a learner's progress: lessons opened, "
               "exercises done, predict scores.")
    p.add_argument("--format", default="table", choices=["table", "json"])
    p.add_argument("--user", help="whose progress (default: the login name)")
    parsers["progress"] = p

    p = Parser(prog="gdtui serve", description="Serve the app to a class over SSH.")
    _add_serve_flags(p)
    parsers["serve"] = p

    p = Parser(
        prog="gdtui",
        description="A terminal trainer for gradient descent. Without a command, opens the app.",
        epilog="commands: list, run ID, check FILE..., data fetch|import|status, serve, progress "
        "(each has --help)",
    )
    p.add_argument("id", nargs="?", help="open this lesson directly")
    p.add_argument("--lang", choices=["en", "zh"], help="lesson notes language (default: LANG)")
    p.add_argument("--ascii", action="store_true", help="ASCII only: no Unicode glyphs")
    _add_mnist_flag(p)
    _add_scenarios_flag(p)
    _add_learner_flags(p)
    parsers["app"] = p
    return parsers


def _add_serve_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=port, default=2222, help="port (default 2222)")
    parser.add_argument("--password-file", metavar="FILE",
                        help="class password: the first line of FILE")
    parser.add_argument("--authorized-keys", metavar="FILE",
                        help="also let in these public keys (OpenSSH authorized_keys format)")
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
                        help="where the host key is kept (default: the user data dir)")
    parser.add_argument("--scenarios", metavar="DIR", action="append", default=[],
                        help="also offer lesson files from DIR (repeatable)")
    parser.add_argument("--lang", choices=["en", "zh"], help="lesson notes language")


def _add_learner_flags(parser: argparse.ArgumentParser) -> None:
    """What `gdtui serve` gives a learner's app (gdtui/serve/learner.py), never typed by hand."""
    hidden = argparse.SUPPRESS
    parser.add_argument("--served", action="store_true", help=hidden)
    # Where the app's developer output (tracebacks, skipped lessons) goes: the server's log.
    parser.add_argument("--log-fd", type=non_negative_int, help=hidden)
    # The session's address-space limit (bytes; 0: none), set in the app's first lines.
    parser.add_argument("--memory-limit", type=non_negative_int, default=0, help=hidden)
    # Be the zygote (gdtui/serve/zygote.py) on this socket instead of one learner's app.
    parser.add_argument("--zygote-fd", type=non_negative_int, help=hidden)
