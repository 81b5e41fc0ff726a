"""`gdtui class`: the instructor's view of a class served from a state folder.

    gdtui class [--state-dir D]                 the live view (a Textual app)
    gdtui class --state-dir D --format json     the live roster, one object per learner
    gdtui class --state-dir D --format json --poll   the last class poll, judged
    gdtui class --state-dir D --format csv --poll    every poll's answers, a row each
    gdtui class --state-dir D --format csv      the grading table (learner x lesson)
    gdtui class --state-dir D --say TEXT [--to NAME]   a message to the class (or one learner)
    gdtui class --make-roster FILE NAME...      a roster file, and each learner's password

Only argparse and the standard library at import: Textual loads for the live view.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

EXIT_USAGE, EXIT_FAILED = 2, 1


def default_state_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("gdtui") / "serve"  # as gdtui serve's


def thresholds(args: argparse.Namespace):
    from gdtui.classroom.rules import Thresholds

    return Thresholds(no_tick=args.no_tick * 60, same_slip=args.same_slip,
                      diverged=args.diverged, no_key=args.no_key * 60, idle=args.idle,
                      slip_window=args.slip_window * 60)


def run(args: argparse.Namespace, live_view) -> int:
    """`gdtui class` as asked; live_view(state_dir, thresholds) is the Textual
    class view (gdtui.ui.classroom, a layer above this one)."""
    state_dir = Path(args.state_dir) if args.state_dir else default_state_dir()
    if args.to and args.say is None:
        return _fail("gdtui class: --to goes with --say", EXIT_USAGE)
    if args.say is not None:
        return say(state_dir, args.say, args.to)
    if args.poll and args.format is None:
        return _fail("gdtui class: --poll goes with --format json or csv", EXIT_USAGE)
    if args.poll:
        return print_poll(state_dir) if args.format == "json" else print_poll_answers(state_dir)
    if args.format == "json":
        return print_roster(state_dir, thresholds(args))
    if args.format == "csv":
        return print_grading(state_dir)
    return live_view(state_dir, thresholds(args))


def _fail(line: str, code: int = EXIT_FAILED) -> int:
    print(line, file=sys.stderr)
    return code


def say(state_dir: Path, text: str, to: str | None) -> int:
    from gdtui.classroom import client

    if not text.strip():
        return _fail("gdtui class: --say needs some text", EXIT_USAGE)
    try:
        answer = client.request(state_dir, {"op": "say", "text": text, "user": to})
    except client.NoServer as exc:
        return _fail(f"gdtui class: {exc}")
    if not answer.get("ok"):
        return _fail(f"gdtui class: {_shown(answer.get('error', '?'))}")
    sent = answer.get("sent", 0)
    if to and not sent:
        return _fail(f"gdtui class: {_shown(to)} is not connected")
    print(f"sent to {sent} learner(s)")
    return 0


def print_roster(state_dir: Path, limits) -> int:
    from gdtui.classroom.live import ClassLive

    look = ClassLive(state_dir, limits).look()
    for problem in look.problems:
        print(f"gdtui class: {problem}", file=sys.stderr)
    if not look.connected and not look.roster:
        return EXIT_FAILED
    print(json.dumps(look.roster, indent=1))
    return 0


def _from_store(read):
    """read() of the class store: (what it gave, None) or (None, the line saying why not)."""
    import sqlite3

    from gdtui.store.db import Unusable

    try:
        return read(), None
    except Unusable as exc:
        return None, f"gdtui class: {exc}"
    except sqlite3.Error as exc:
        return None, f"gdtui class: cannot read the class store ({exc})"


def print_poll(state_dir: Path) -> int:
    """{"poll": the last class poll as the instructor's view judged it, or null}."""
    from gdtui.store.classroom import last_poll

    poll, problem = _from_store(lambda: last_poll(state_dir))
    if problem:
        return _fail(problem)
    print(json.dumps({"poll": poll}, indent=1))
    return 0


def print_poll_answers(state_dir: Path) -> int:
    """Every class poll's answers as CSV, a row an answer (gdtui.store.polls)."""
    from gdtui.store.classroom import all_poll_answers
    from gdtui.store.polls import ANSWER_COLUMNS

    rows, problem = _from_store(lambda: all_poll_answers(state_dir))
    if problem:
        return _fail(problem)
    out = csv.DictWriter(sys.stdout, ANSWER_COLUMNS, lineterminator="\n")
    out.writeheader()
    for row in rows:
        out.writerow({k: cell(v) for k, v in row.items()})
    return 0


GRADING = ["user", "lesson", "exercises_done", "predict_right", "predict_asked", "best_streak",
           "minutes"]


def print_grading(state_dir: Path) -> int:
    from gdtui.classroom.live import ClassLive
    from gdtui.store.db import Unusable

    try:
        rows = ClassLive(state_dir).grading()
    except Unusable as exc:
        return _fail(f"gdtui class: {exc}")
    out = csv.DictWriter(sys.stdout, GRADING, lineterminator="\n")
    out.writeheader()
    for row in rows:
        out.writerow({k: cell(v) for k, v in row.items()})
    return 0


def cell(value: object) -> object:
    """A CSV cell: escapes shown, and no leading = + - @ (a spreadsheet would run it)."""
    if not isinstance(value, str):
        return value
    value = _shown(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _shown(text: object) -> str:
    from gdtui.text.safe import visible

    return visible(str(text))
