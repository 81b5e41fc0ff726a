"""The class from its events: each stuck rule fires when it should and only
then, the roster's order, the class's slips, time spent, and the reader
that is fed each event once."""

from __future__ import annotations

import pytest

from gdtui.classroom.model import ClassModel, minutes_spent
from gdtui.classroom.rules import Thresholds
from gdtui.store.events import Event
from gdtui.store.progress import LessonProgress

T0 = 1_000_000.0


class Row:
    def __init__(self, learner, n, event):
        self.learner, self.key, self.event = learner, ("s-" + learner, n), event


def rows(learner, events):
    return [Row(learner, n, e) for n, e in enumerate(events)]


def at(seconds, kind, lesson=None, **fields):
    return Event(kind, lesson, at=T0 + seconds, **fields)


def answer(seconds, slip=None, verdict=None, lesson="learning-steps", streak=0):
    return at(seconds, "answer", lesson, step=1, quantity="weight", answer=1.0, truth=2.0,
              verdict=verdict or ("wrong" if slip else "right"), slip=slip, streak=streak)


def live(user, idle=1.0, since=0.0, lesson="learning-steps", step=3):
    return {"user": user, "since": T0 + since, "last_key": T0, "idle_s": idle, "lesson": lesson,
            "step": step, "cols": 80, "rows": 24}


def roster(events, sessions, now, progress=None, **limits):
    model = ClassModel()
    model.feed(rows("alice", events))
    return model.roster(sessions, progress or {}, T0 + now, Thresholds(**limits))


OPEN = at(0, "open", "learning-steps", step=0, total=2, alpha=1.0)
CASES = {
    # name: (events, live session, now, expected status and rule)
    "active": ([OPEN], live("alice"), 30, ("active", None)),
    "offline": ([OPEN], None, 30, ("offline", None)),
    "idle": ([OPEN], live("alice", idle=90), 100, ("idle", None)),
    "no key": ([OPEN], live("alice", idle=301), 400, ("stuck", "no key")),
    "no key, not yet": ([OPEN], live("alice", idle=299), 400, ("idle", None)),
    "no tick": ([OPEN], live("alice", idle=2), 8 * 60 + 1, ("stuck", "no tick")),
    "no tick, a tick lately": ([OPEN, at(200, "tick", "learning-steps", exercise="a")],
                               live("alice", idle=2), 8 * 60 + 1, ("active", None)),
    "no tick, but no keys either": ([OPEN], live("alice", idle=120), 8 * 60 + 1, ("idle", None)),
    "no tick, a lesson without exercises": (
        [at(0, "open", "measure-error", step=0, total=0)],
        live("alice", idle=2, lesson="measure-error"), 9 * 60, ("active", None)),
    "same slip": ([OPEN, *(answer(10 + k, "sign") for k in range(3))], live("alice"), 30,
                  ("stuck", "same slip")),
    "same slip, broken by a right one": (
        [OPEN, answer(10, "sign"), answer(11), answer(12, "sign"), answer(13, "sign")],
        live("alice"), 30, ("active", None)),
    "two different slips": ([OPEN, answer(10, "sign"), answer(11, "sign"), answer(12, "forgot_input")],
                            live("alice"), 30, ("active", None)),
    "wrong, no named slip": ([OPEN, *(answer(10 + k, verdict="wrong") for k in range(3))],
                             live("alice"), 30, ("active", None)),
    "diverging": ([OPEN, at(5, "diverged", "learning-steps", step=4),
                   at(9, "diverged", "learning-steps", step=4)], live("alice"), 30,
                  ("stuck", "diverging")),
    "diverging, alpha changed between": (
        [OPEN, at(5, "diverged", "learning-steps", step=4),
         at(7, "alpha", "learning-steps", step=0, alpha=0.1, old_alpha=1.0),
         at(9, "diverged", "learning-steps", step=4)], live("alice"), 30, ("active", None)),
    "diverging in another lesson": (
        [OPEN, at(5, "diverged", "learning-steps", step=4), at(6, "open", "explosion", step=0),
         at(9, "diverged", "explosion", step=4)], live("alice", lesson="explosion"), 30,
        ("active", None)),
    "diverging, a new session": ([OPEN, at(5, "diverged", "learning-steps", step=4),
                                  at(6, "login", note="x"), at(7, "open", "learning-steps"),
                                  at(9, "diverged", "learning-steps", step=4)],
                                 live("alice"), 30, ("active", None)),
}


@pytest.mark.parametrize("case", CASES)
def test_each_rule_fires_when_it_should_and_only_then(case):
    events, session, now, expected = CASES[case]
    (row,) = roster(events, [session] if session else [], now)
    assert (row["status"], row["stuck"]) == expected, row["why"]
    assert ("\n" not in row["why"]) and (bool(row["why"]) == (row["status"] in ("stuck", "idle")))


def test_thresholds_are_the_flags():
    events = [OPEN, *(answer(10 + k, "sign") for k in range(3))]
    (row,) = roster(events, [live("alice")], 30, same_slip=4)
    assert row["status"] == "active"
    (row,) = roster([OPEN], [live("alice", idle=2)], 3 * 60, no_tick=2 * 60)
    assert row["stuck"] == "no tick"


def test_the_roster_puts_the_stuck_first_and_counts_from_the_store():
    model = ClassModel()
    model.feed(rows("zed", [OPEN, *(answer(10 + k, "sign") for k in range(3))]))
    model.feed(rows("amy", [OPEN, answer(10, streak=1), answer(11, streak=2)]))
    model.feed(rows("kim", [OPEN]))
    progress = {("amy", "learning-steps"): LessonProgress(1, ["six-steps"], 2, 2, 2)}
    out = model.roster([live("zed"), live("amy"), live("bob", idle=100)], progress, T0 + 30,
                       Thresholds())
    assert [(r["user"], r["status"]) for r in out] == [
        ("zed", "stuck"), ("bob", "idle"), ("amy", "active"), ("kim", "offline")]
    amy = out[2]
    assert (amy["exercises_done"], amy["exercises_total"], amy["predict_right"],
            amy["predict_asked"], amy["streak"], amy["step"]) == (1, 2, 2, 2, 2, 3)


def test_each_event_is_fed_once():
    model = ClassModel()
    events = rows("alice", [OPEN, answer(10, "sign"), answer(11, "sign")])
    model.feed(events)
    model.feed(events)  # the reader asks again from a little before the last one
    assert len(model.learners["alice"].answers) == 2
    assert model.class_slips(T0 + 20, 900) == [
        {"slip": "sign", "lesson": "learning-steps", "learners": 1, "answers": 2}]


def test_the_class_slips_count_learners_within_the_window():
    model = ClassModel()
    model.feed(rows("a", [answer(0, "sign"), answer(100, "sign")]))
    model.feed(rows("b", [answer(200, "sign"), answer(210, "forgot_alpha", lesson="alpha-fix")]))
    model.feed(rows("c", [answer(300, "forgot_alpha", lesson="alpha-fix")]))
    assert model.class_slips(T0 + 400, 900) == [  # most learners first, then most answers
        {"slip": "sign", "lesson": "learning-steps", "learners": 2, "answers": 3},
        {"slip": "forgot_alpha", "lesson": "alpha-fix", "learners": 2, "answers": 2}]
    assert model.class_slips(T0 + 1050, 900) == [  # since T0 + 150
        {"slip": "forgot_alpha", "lesson": "alpha-fix", "learners": 2, "answers": 2},
        {"slip": "sign", "lesson": "learning-steps", "learners": 1, "answers": 1}]


def test_minutes_spent_count_gaps_up_to_five_minutes_while_in_a_lesson():
    history = rows("a", [at(0, "login", note="x"), at(10, "open", "l1", step=0),
                         at(70, "step", "l1", step=1), at(70 + 3600, "step", "l1", step=2),
                         at(4000, "leave", "l1", step=2), at(5000, "open", "l2", step=0),
                         at(5060, "logout", note="quit")])
    history += rows("b", [at(0, "open", "l1", step=0), at(120, "step", "l1", step=3)])
    spent = minutes_spent(history)
    assert spent == pytest.approx({("a", "l1"): (60 + 300 + 300) / 60,  # two gaps capped
                                   ("a", "l2"): 1.0, ("b", "l1"): 2.0})


@pytest.mark.parametrize("events, expected", [
    # (the events, what each answer shows the learner said went wrong, oldest first)
    ([answer(1, "sign", lesson="learning-steps"),
      at(2, "explain", "learning-steps", step=1, quantity="weight", slip="forgot_alpha")],
     ["forgot_alpha"]),
    ([answer(1, "sign"), answer(5, verdict="wrong"),
      at(6, "explain", "learning-steps", step=1, quantity="weight", slip="not_sure")],
     [None, "not_sure"]),  # about the newest answer to that step's question
    ([answer(1, "sign"), at(2, "explain", "learning-steps", step=1, quantity="pred", slip="sign")],
     [None]),  # another quantity's: not this answer's
    ([at(2, "explain", "learning-steps", step=1, quantity="weight", slip="sign")], []),
])
def test_what_a_learner_said_went_wrong_is_beside_the_answer(events, expected):
    """The class view's answers (AnswersScreen) show it after the slip."""
    model = ClassModel()
    model.feed(rows("alice", events))
    assert [a.explained for a in model.learners["alice"].answers] == expected


@pytest.mark.parametrize("verdicts,title", [
    ([], "alice: no answers yet (Esc closes)"),
    (["right"], "alice: the last answer, right (Esc closes)"),
    (["wrong"], "alice: the last answer, not right (Esc closes)"),
    (["right", "close", "wrong"], "alice: the last 3 answers, 1 right (Esc closes)"),
])
def test_the_answers_window_says_how_many(verdicts, title):
    from gdtui.ui.classroom.modals import answers_title

    model = ClassModel()
    model.feed(rows("alice", [answer(n, verdict=v) for n, v in enumerate(verdicts, 1)]))
    learner = model.learners.get("alice")
    assert answers_title("alice", list(learner.answers) if learner else []) == title
