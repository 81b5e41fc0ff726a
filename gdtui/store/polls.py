"""Every class poll, kept in plain SQL: one `polls` row a poll, one
`poll_answers` row for each learner's answer (what `gdtui class --format csv
--poll` prints, a row an answer). The last poll whole, as the instructor's
view judged it, is class_state `poll` too (`--format json --poll`).

The tables are made when the first poll is kept (IF NOT EXISTS), like
class_state, so stores made before them open as they are. A judged poll is
checked field by field before anything is written (ValueError names the
field): only values the store would write itself go in.
"""

from __future__ import annotations

import math
import sqlite3

from gdtui.store.names import check_name

POLL_TABLES = (
    """CREATE TABLE IF NOT EXISTS polls (
        poll_id BIGINT PRIMARY KEY,
        at DOUBLE PRECISION NOT NULL,
        lesson VARCHAR(100) NOT NULL,
        step BIGINT NOT NULL,
        quantity VARCHAR(32) NOT NULL,
        truth DOUBLE PRECISION NOT NULL,
        answers BIGINT NOT NULL,
        answered_right BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS poll_answers (
        poll_id BIGINT NOT NULL,
        learner VARCHAR(64) NOT NULL,
        answer DOUBLE PRECISION NOT NULL,
        verdict VARCHAR(16) NOT NULL,
        slip VARCHAR(100),
        PRIMARY KEY (poll_id, learner)
    )""",
)
VERDICTS = ("right", "close", "wrong")
MAX_COUNT = 2**53  # as the events' counts


def _text(value: object, field: str, most: int) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= most:
        raise ValueError(f"{field}: text of 1 to {most} characters")
    return value


def _finite(value: object, field: str) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError(f"{field}: a finite number")
    return float(value)


def _count(value: object, field: str, low: int = 0) -> int:
    if type(value) is not int or not low <= value <= MAX_COUNT:
        raise ValueError(f"{field}: a whole number from {low}")
    return value


def poll_rows(poll_id: int, at: float, result: object) -> tuple[tuple, list[tuple]]:
    """(the polls row, the poll_answers rows) of a judged poll
    (gdtui.practice.poll.PollResult.to_json), or ValueError naming the field."""
    if not isinstance(result, dict):
        raise ValueError("a poll is an object")
    given = result.get("by_learner")
    if not isinstance(given, list):
        raise ValueError("by_learner: a list")
    answers, seen = [], set()
    for item in given:
        if not isinstance(item, dict):
            raise ValueError("by_learner: objects")
        try:
            learner = check_name(item.get("user"))
        except ValueError as exc:
            raise ValueError(f"by_learner user: {exc}") from None
        if learner in seen:
            raise ValueError("by_learner: one answer a learner")
        seen.add(learner)
        verdict, slip = item.get("verdict"), item.get("slip")
        if verdict not in VERDICTS:
            raise ValueError("by_learner verdict: right, close or wrong")
        if slip is not None:
            _text(slip, "by_learner slip", 100)
        answers.append((poll_id, learner, _finite(item.get("answer"), "by_learner answer"),
                        verdict, slip))
    right = sum(a[3] == "right" for a in answers)
    if result.get("answers") != len(answers) or result.get("right") != right:
        raise ValueError("answers and right: the counts of by_learner")
    poll = (poll_id, _finite(at, "at"), _text(result.get("lesson"), "lesson", 100),
            _count(result.get("step"), "step", 1), _text(result.get("quantity"), "quantity", 32),
            _finite(result.get("truth"), "truth"), len(answers), right)
    return poll, answers


def keep_poll(conn: sqlite3.Connection, poll: tuple, answers: list[tuple]) -> None:
    """Both in one transaction (a poll kept twice is kept once)."""
    for statement in POLL_TABLES:
        conn.execute(statement)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO polls (poll_id, at, lesson, step, quantity, truth, answers,"
                     " answered_right) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                     " ON CONFLICT (poll_id) DO NOTHING", poll)
        conn.executemany("INSERT INTO poll_answers (poll_id, learner, answer, verdict, slip)"
                         " VALUES (?, ?, ?, ?, ?) ON CONFLICT (poll_id, learner) DO NOTHING",
                         answers)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


ANSWER_COLUMNS = ["poll", "at", "lesson", "step", "quantity", "truth", "learner", "answer",
                  "verdict", "slip"]


def poll_answers(conn: sqlite3.Connection) -> list[dict]:
    """Every poll's answers, oldest poll first, learners by name; a poll
    nobody answered is one row without a learner (none: no poll kept)."""
    try:
        rows = conn.execute(
            "SELECT p.poll_id, p.at, p.lesson, p.step, p.quantity, p.truth,"
            " a.learner, a.answer, a.verdict, a.slip"
            " FROM polls p LEFT JOIN poll_answers a ON a.poll_id = p.poll_id"
            " ORDER BY p.at, p.poll_id, a.learner").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    return [dict(zip(ANSWER_COLUMNS, row)) for row in rows]
