"""The `gdtui` command: open the app, or list, run and check lessons headless.

The headless commands never import Textual (start-up time), and Rich only for
`--format table`. Every bad command line gets one line on stderr and exit 2;
output that cannot be written ends as output_safety says (a closed pipe
quietly, a full disk or closed stdout with one line and exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from gdtui.output import safety as output_safety
from gdtui.argtypes import MAX_STEPS, positive_float, step_count

EXIT_USAGE = 2


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

    from gdtui.serve import add_arguments

    p = Parser(prog="gdtui serve", description="Serve the app to a class over SSH.")
    add_arguments(p)
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
    p.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    _add_mnist_flag(p)
    _add_scenarios_flag(p)
    parsers["app"] = p
    return parsers


# -- commands ------------------------------------------------------------------


def _catalog(dirs: Sequence[str]):
    from gdtui.lessons.loader import load_catalog

    catalog = load_catalog(list(dirs))
    for problem in catalog.problems:
        print(f"gdtui: skipped {problem}", file=sys.stderr)
    return catalog


def _lesson(catalog, lesson_id: str):
    if lesson_id not in catalog.lessons:
        raise UsageError(
            f"gdtui: unknown lesson {lesson_id!r}; the lessons are: {', '.join(catalog.ids())}"
        )
    return catalog.lessons[lesson_id]


def cmd_list(args) -> int:
    catalog = _catalog(args.scenarios)
    width = max((len(i) for i in catalog.lessons), default=0)
    for lesson in catalog.lessons.values():
        print(f"{lesson.id:<{width}}  {lesson.title}")
    return 0


def cmd_run(args) -> int:
    from gdtui.engine.rules import RULES
    from gdtui.output.run import write_run

    lesson = _lesson(_catalog(args.scenarios), args.id)
    setting = RULES[lesson.rule].setting
    if args.alpha is not None and setting != "alpha":
        raise UsageError(
            f"gdtui run: --alpha does not apply to {lesson.id}: its rule is {lesson.rule}"
            + (f", which moves by {setting}" if setting else "")
        )
    if lesson.data is not None:
        from gdtui.data import DataError

        try:
            lesson = lesson.loaded(args.mnist_dir)
        except DataError as exc:
            raise UsageError(f"gdtui: {exc}") from None
        if lesson.dataset.hint:
            print(f"gdtui: {lesson.dataset.where}. {lesson.dataset.hint}", file=sys.stderr)
    trainer = lesson.trainer(alpha=args.alpha)
    write_run(
        lesson, trainer, args.steps or lesson.steps, args.format, sys.stdout, full=args.full
    )
    if trainer.diverged_at is not None:
        print(
            f"gdtui: diverged: the numbers overflowed at step {trainer.diverged_at}; "
            "a smaller alpha keeps them finite",
            file=sys.stderr,
        )
    return 0


def cmd_data(args) -> int:
    from gdtui import data

    try:
        if args.action == "fetch":
            paths = data.fetch_mnist(progress=True)
            print(f"MNIST is in {data.cache_dir()} ({len(paths)} files checked)")
        elif args.action == "import":
            paths = data.import_mnist(args.dir)
            print(f"imported {len(paths)} files into {data.cache_dir()}")
        else:
            report = data.status(args.mnist_dir)
            print("\n".join(report))
            if report.error is not None:  # the report says it too; stderr gets the one line
                raise report.error
    except data.DataError as exc:
        raise UsageError(f"gdtui data: {exc}") from None
    return 0


def cmd_check(args) -> int:
    from gdtui.lessons.loader import check_paths

    checked, problems = check_paths(args.files)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems and not checked:
        print("gdtui check: no lesson files among those given", file=sys.stderr)
        return 1
    if not problems:
        print(f"{checked} file(s) OK")
    return 1 if problems else 0


def cmd_app(args) -> int:
    catalog = _catalog(args.scenarios)
    if args.id is not None:
        _lesson(catalog, args.id)
    _need_terminal()
    from gdtui.ui.app import run_app

    return run_app(
        catalog, lesson_id=args.id, lang=args.lang, ascii_only=args.ascii, served=args.served,
        mnist_dir=args.mnist_dir,
    )


def _need_terminal() -> None:
    """The app reads keys from stdin and draws on stdout/stderr: without a
    terminal it would wait for keys that never come (`gdtui < /dev/null | cat`)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if not os.isatty(fd):
            raise UsageError(
                f"gdtui: the app needs a terminal, but {name} is not one; "
                "for a pipe or a file use `gdtui list` or `gdtui run ID`"
            )


def cmd_serve(args) -> int:
    from gdtui.serve import run

    return run(args)


def cmd_progress(args) -> int:
    import json

    from gdtui import progress

    try:
        path = progress.path_for(args.user)
    except progress.ProgressError as exc:
        raise UsageError(f"gdtui: {exc}") from None
    book = progress.Book(path, args.user or progress.default_user())
    if book.warning:
        print(f"gdtui: {book.warning}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(book.progress.to_json(), indent=1, sort_keys=True))
    else:
        from gdtui.lessons.loader import load_catalog

        counts = {i: len(lesson.exercises) for i, lesson in load_catalog().lessons.items()}
        print(progress.table(book.progress, counts))
    return 0


COMMANDS = {
    "list": cmd_list, "run": cmd_run, "check": cmd_check, "data": cmd_data, "serve": cmd_serve,
    "progress": cmd_progress,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every way it can end is an exit status (see output_safety)."""
    with output_safety.guarded_stdio():
        try:
            code = _dispatch(list(sys.argv[1:] if argv is None else argv))
        except output_safety.OutputClosed:  # `| head`: the reader has all it wanted
            code = 0
        except output_safety.OutputFailed as exc:
            output_safety.say(str(exc))
            code = output_safety.EXIT_WRITE_ERROR
        return output_safety.finish(code)


def _dispatch(argv: list[str]) -> int:
    parsers = build_parser()
    command = argv[0] if argv and argv[0] in COMMANDS else "app"
    if command != "app":
        argv = argv[1:]
    try:
        args = parsers[command].parse_args(argv)
        return COMMANDS.get(command, cmd_app)(args)
    except UsageError as exc:
        output_safety.say(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # argparse after --help
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
