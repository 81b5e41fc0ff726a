"""The command line's grammar: one argparse parser per command, each reporting a
bad command line as one line (UsageError), never usage + traceback."""

from __future__ import annotations

import argparse

from gdtui.cli.argtypes import MAX_STEPS, positive_float, step_count


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
    p.add_argument("--state-dir", metavar="DIR",
                   help="a class server's state folder: a served learner's progress there")
    parsers["progress"] = p

    from gdtui.serve import add_arguments

    p = Parser(prog="gdtui serve", description="Serve the app to a class over SSH.")
    add_arguments(p)
    parsers["serve"] = p

    from gdtui.classroom.command import add_arguments as add_class_arguments

    p = Parser(prog="gdtui class", description="The instructor's view of a class served by "
               "gdtui serve: live, or printed (--format json|csv), or a message (--say).")
    add_class_arguments(p)
    parsers["class"] = p

    p = Parser(
        prog="gdtui",
        description="A terminal trainer for gradient descent. Without a command, opens the app.",
        epilog="commands: list, run ID, check FILE..., data fetch|import|status, serve, class, "
        "progress (each has --help)",
    )
    p.add_argument("id", nargs="?", help="open this lesson directly")
    p.add_argument("--lang", choices=["en", "zh"], help="lesson notes language (default: LANG)")
    p.add_argument("--ascii", action="store_true", help="ASCII only: no Unicode glyphs")
    p.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    _add_mnist_flag(p)
    _add_scenarios_flag(p)
    parsers["app"] = p
    return parsers
