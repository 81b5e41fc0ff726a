"""What each command does, once its command line is parsed.

The headless commands never import Textual, and Rich only for `--format table`.
A bad lesson id, data folder or user is a UsageError: one line, exit 2.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from gdtui.blas import one_thread
from gdtui.cli.parser import UsageError, build_parser


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
    from gdtui.output.run import write_run

    lesson = _lesson(_catalog(args.scenarios), args.id)
    rule = lesson.settings.rule
    setting = rule.setting
    if args.alpha is not None and not rule.by_alpha:
        raise UsageError(
            f"gdtui run: --alpha does not apply to {lesson.id}: its rule is {rule}"
            + (f", which moves by {setting}" if setting else "")
        )
    if lesson.is_image_lesson:
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
    one_thread()  # before the catalog imports NumPy (gdtui.blas says why)
    if args.zygote_fd is not None:
        return _zygote(args)
    # Start-up allocates what lives on (modules, classes, the lessons): the
    # collector would scan it a dozen times for nothing (~15 ms of a 0.3 s
    # start). Once the first frame is out, the app's collector takes over
    # (gdtui.ui.collector: it collects between keys).
    gc.disable()
    if args.served:
        return _served(args)
    catalog = _catalog(args.scenarios)
    if args.id is not None:
        _lesson(catalog, args.id)
    _need_terminal()
    from gdtui.ui.app import run_app

    return run_app(
        catalog, lesson_id=args.id, lang=args.lang, ascii_only=args.ascii, served=args.served,
        mnist_dir=args.mnist_dir,
    )


def _served(args) -> int:
    """`gdtui --served`: one learner's app, started by `gdtui serve` (exec'd or forked)."""
    from gdtui.serve import learner

    learner.take_terminal(args.channel_fd, args.memory_limit)  # before anything else can fail

    def make_app():
        from gdtui.ui.app import make_app

        recorder = learner.recorder()  # the server's hello: who, and their progress
        catalog = _catalog(args.scenarios)  # in a zygote's child: files unchanged, nothing re-run
        if args.id is not None:
            _lesson(catalog, args.id)
        return make_app(catalog, args.id, lang=args.lang, ascii_only=args.ascii, served=True,
                        mnist_dir=args.mnist_dir, recorder=recorder)

    from gdtui.ui.leave import leave

    leave(learner.run_served(make_app))  # no teardown: the terminal is already given back


def _zygote(args) -> int:
    """`gdtui --served --zygote-fd N`: fork learners' apps, each running this
    command line's learner (`_served`) with what the server asks on socket N."""
    import stat

    from gdtui.serve import zygote

    try:
        is_socket = stat.S_ISSOCK(os.fstat(args.zygote_fd).st_mode)
    except OSError:
        is_socket = False
    if not is_socket:
        raise UsageError(f"gdtui: --zygote-fd {args.zygote_fd}: not a socket from gdtui serve")

    def learner(argv: list[str]) -> int:
        return cmd_app(build_parser()["app"].parse_args(argv))

    return zygote.serve(args.zygote_fd, lambda: preload(args.scenarios), learner)


def preload(scenarios: Sequence[str]) -> None:
    """What every learner's app needs, done once in the zygote: Textual, Rich,
    NumPy, the engine, the screens and the served start-up imported, and every
    lesson file read (the loader keeps each built lesson until its file changes)."""
    import importlib

    import rich.cells

    from gdtui.lessons.loader import load_catalog

    for module in PRELOADED:
        importlib.import_module(module)
    rich.cells.cell_len("中")  # Rich's table of character widths, loaded on first use
    load_catalog(list(scenarios))


# What a served app imports on its way to its screens (gdtui.ui.app, what it
# imports only once a key or the server asks: the edit form, MNIST's data, the
# instructor's lesson followed; what Textual loads only once an app runs; and
# the codec a plot's rows are decoded with, loaded on first use;
# tests/serve/test_zygote.py checks it).
PRELOADED = (
    "gdtui.ui.app", "gdtui.ui.screens.edit", "gdtui.data", "gdtui.ui.screens.followed",
    "gdtui.serve.learner",
    "gdtui.ui.driver.driver", "rich.console",
    "textual.layouts.factory", "textual.layouts.horizontal", "textual.layouts.vertical",
    "textual.layouts.grid", "textual.layouts.stream", "textual.scrollbar",
    "encodings.utf_32_le",
)


def _need_terminal(instead: str = "`gdtui list` or `gdtui run ID`", what: str = "the app") -> None:
    """The app reads keys from stdin and draws on stdout/stderr: without a
    terminal it would wait for keys that never come (`gdtui < /dev/null | cat`)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if not os.isatty(fd):
            raise UsageError(
                f"gdtui: {what} needs a terminal, but {name} is not one; "
                f"for a pipe or a file use {instead}"
            )


def cmd_serve(args) -> int:
    from gdtui.serve import run

    return run(args)


def cmd_progress(args) -> int:
    import json

    from gdtui.practice import progress

    try:
        user = progress.user_name(args.user)
    except progress.ProgressError as exc:
        raise UsageError(f"gdtui progress: {exc}") from None
    if args.state_dir is not None:
        from gdtui.store.classroom import served_progress

        found, problem, warning = served_progress(args.state_dir, user)
        if problem:
            raise UsageError(f"gdtui progress: {problem}")
        if warning:
            print(f"gdtui progress: {warning}", file=sys.stderr)
    else:
        recorder = progress.open_recorder(user)
        if recorder.warning:
            print(f"gdtui: {recorder.warning}", file=sys.stderr)
        found = recorder.progress
    if args.format == "json":
        print(json.dumps(found.to_json(), indent=1, sort_keys=True))
    else:
        from gdtui.lessons.loader import load_catalog

        counts = {i: len(lesson.exercises) for i, lesson in load_catalog().lessons.items()}
        print(progress.table(found, counts))
    return 0


def cmd_class(args) -> int:
    from gdtui.classroom.command import run

    if args.make_roster:
        return make_roster(args.make_roster)

    if args.served:  # an instructor's view, started by gdtui serve on their pty
        from gdtui.serve import learner

        learner.take_terminal(args.channel_fd, args.memory_limit)
    if args.format is None and args.say is None and not args.make_roster and not args.poll:
        _need_terminal("`gdtui class --format json` or `--format csv`", "the class view")

    def live_view(state_dir, thresholds) -> int:
        from gdtui.ui.classroom.app import run_class_view

        return run_class_view(state_dir, thresholds, presenter=args.as_name,
                              scenarios=args.scenarios, served=args.served)

    return run(args, live_view)


def make_roster(given: list[str]) -> int:
    from gdtui.serve.roster import RosterError, make_roster as write
    from gdtui.text.safe import visible

    if len(given) < 2:
        raise UsageError("gdtui class: --make-roster FILE NAME [NAME...]")
    try:
        pairs = write(given[0], given[1:])
    except RosterError as exc:
        print(f"gdtui class: {exc}", file=sys.stderr)
        return 1
    width = max(len(name) for name, _ in pairs)
    print(f"# {len(pairs)} learner(s) in {visible(given[0])}; give each their password:")
    for name, password in pairs:
        print(f"{name:<{width}}  {password}")
    return 0


COMMANDS = {
    "list": cmd_list, "run": cmd_run, "check": cmd_check, "data": cmd_data, "serve": cmd_serve,
    "progress": cmd_progress, "class": cmd_class,
}
