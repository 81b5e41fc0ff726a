"""The class as the store's events tell it, joined with who is connected now.

ClassModel is fed the store's events in time order (each once: the reader
asks again from a little before the last one, and keys are remembered), and
keeps per learner only what the roster needs: where they are, when each
lesson was opened and last ticked, divergences since alpha last changed,
their recent answers. The counts (exercises, right/asked) come from the
store's progress tables, passed in with each roster call.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from gdtui.classroom.rules import Thresholds, status
from gdtui.store.events import Event
from gdtui.store.progress import LessonProgress

RECENT_ANSWERS = 50
GAP_CAP = 5 * 60  # seconds between two events that still count as time spent on a lesson


@dataclass
class LessonState:
    opened_at: float | None = None
    total: int | None = None  # exercises it has (from its open event)
    last_tick_at: float | None = None
    diverged_since_alpha: int = 0
    alpha: float | None = None

    @property
    def alpha_text(self) -> str:
        return "?" if self.alpha is None else f"{self.alpha:g}"


@dataclass
class Answer:
    at: float
    lesson: str | None
    step: int | None
    quantity: str | None
    answer: float | None
    truth: float | None
    verdict: str | None
    slip: str | None
    streak: int
    explained: str | None = None  # what the learner said went wrong (an `explain` event)


@dataclass
class Learner:
    name: str
    lesson: str | None = None
    step: int | None = None
    last_seen: float = 0.0
    login_at: float | None = None
    lessons: dict[str, LessonState] = field(default_factory=dict)
    answers: deque = field(default_factory=lambda: deque(maxlen=RECENT_ANSWERS))

    def feed(self, event: Event) -> None:
        self.last_seen = max(self.last_seen, event.at)
        kind, name = event.kind, event.lesson
        if kind == "login":
            self.login_at = event.at
            self.lesson = self.step = None
            for lesson in self.lessons.values():
                lesson.diverged_since_alpha = 0  # counted within one session
            return
        if kind == "logout" or kind == "leave":
            self.lesson = self.step = None
            return
        if name is None:
            return
        lesson = self.lessons.setdefault(name, LessonState())
        self.lesson = name
        if event.step is not None:
            self.step = event.step
        if kind == "open":
            lesson.opened_at, lesson.total, self.step = event.at, event.total, 0
            lesson.alpha = event.alpha
        elif kind == "tick":
            lesson.last_tick_at = event.at
        elif kind == "alpha":
            lesson.diverged_since_alpha, lesson.alpha = 0, event.alpha
        elif kind == "diverged":
            lesson.diverged_since_alpha += 1
        elif kind == "answer":
            self.answers.append(Answer(event.at, name, event.step, event.quantity, event.answer,
                                       event.truth, event.verdict, event.slip, event.streak or 0))
        elif kind == "explain":  # about the newest answer to that step's question
            for a in reversed(self.answers):
                if (a.lesson, a.step, a.quantity) == (name, event.step, event.quantity):
                    a.explained = event.slip
                    break


@dataclass
class LearnerView:
    """What the rules look at for one learner."""

    name: str
    connected: bool
    since: float | None
    idle_s: float
    lesson: str | None
    lesson_state: LessonState | None
    exercises_done: int
    answers: list[Answer]


class ClassModel:
    def __init__(self) -> None:
        self.learners: dict[str, Learner] = {}
        self.slips: deque[tuple[float, str, str, str]] = deque()  # at, learner, lesson, slip
        self._seen: dict[tuple, float] = {}  # event keys already fed, and when they happened
        self.last_at = 0.0

    def feed(self, rows) -> None:
        """store.classroom.Row objects, oldest first; one seen before is skipped."""
        for row in rows:
            if row.key in self._seen:
                continue
            event = row.event
            self._seen[row.key] = event.at
            self.last_at = max(self.last_at, event.at)
            learner = self.learners.setdefault(row.learner, Learner(row.learner))
            learner.feed(event)
            if event.kind == "answer" and event.slip and event.lesson:
                self.slips.append((event.at, row.learner, event.lesson, event.slip))
        # Keys older than the overlap the reader asks again for are not needed.
        horizon = self.last_at - 2 * OVERLAP
        if len(self._seen) > 10_000:
            self._seen = {k: at for k, at in self._seen.items() if at >= horizon}

    def roster(self, live: list[dict], progress: dict[tuple[str, str], LessonProgress],
               now: float, thresholds: Thresholds) -> list[dict]:
        """One row per learner, stuck ones first. live: the server's sessions
        (may be empty: then everyone is offline)."""
        connected = {s["user"]: s for s in live}
        rows = []
        for name in sorted(set(self.learners) | set(connected)):
            learner = self.learners.get(name) or Learner(name)
            session = connected.get(name)
            lesson = session["lesson"] if session else learner.lesson
            step = session["step"] if session else learner.step
            entry = progress.get((name, lesson)) if lesson else None
            state = learner.lessons.get(lesson) if lesson else None
            done = len(entry.exercises) if entry else 0
            view = LearnerView(name, session is not None, session["since"] if session else None,
                               float(session["idle_s"]) if session else 0.0, lesson, state, done,
                               list(learner.answers))
            state_name, rule, why = status(view, thresholds, now)
            last = learner.answers[-1] if learner.answers else None
            rows.append({
                "user": name, "connected": session is not None,
                "since": session["since"] if session else None,
                "last_seen": max(learner.last_seen, session["last_key"] if session else 0) or None,
                "lesson": lesson, "step": step,
                "exercises_done": done, "exercises_total": state.total if state else None,
                "predict_right": entry.right if entry else 0,
                "predict_asked": entry.asked if entry else 0,
                "streak": last.streak if last and last.lesson == lesson else 0,
                "idle_s": round(view.idle_s) if session else None,
                "status": state_name, "stuck": rule, "why": why,
            })
        order = {"stuck": 0, "idle": 1, "active": 2, "offline": 3}
        rows.sort(key=lambda r: (order[r["status"]], r["user"]))
        return rows

    def class_slips(self, now: float, window: float) -> list[dict]:
        """The class's named slips since now - window: slip, lesson, how many learners."""
        while self.slips and self.slips[0][0] < now - window:
            self.slips.popleft()
        counts: dict[tuple[str, str], set[str]] = {}
        answers: dict[tuple[str, str], int] = {}
        for _, learner, lesson, slip in self.slips:
            counts.setdefault((slip, lesson), set()).add(learner)
            answers[(slip, lesson)] = answers.get((slip, lesson), 0) + 1
        out = [{"slip": slip, "lesson": lesson, "learners": len(who), "answers": answers[slip, lesson]}
               for (slip, lesson), who in counts.items()]
        out.sort(key=lambda r: (-r["learners"], -r["answers"], r["slip"], r["lesson"]))
        return out


OVERLAP = 5.0  # seconds the reader asks again for (a write stamped, committed a moment later)


def minutes_spent(rows) -> dict[tuple[str, str], float]:
    """(learner, lesson) -> minutes, from the whole history in learner-then-time
    order: the time from each event to the next, while in a lesson, each gap
    counted up to GAP_CAP (a learner gone to lunch is not learning)."""
    spent: dict[tuple[str, str], float] = {}
    learner, current, last = None, None, None
    for row in rows:
        event = row.event
        if row.learner != learner:
            learner, current, last = row.learner, None, None
        if current is not None and last is not None:
            gap = min(max(event.at - last, 0.0), GAP_CAP)
            spent[(learner, current)] = spent.get((learner, current), 0.0) + gap
        last = event.at
        if event.kind in ("leave", "logout", "login"):
            current = None
        elif event.lesson is not None:
            current = event.lesson
    return {k: v / 60 for k, v in spent.items()}


def slip_meaning(slip: str | None) -> str:
    """What a named slip means, in the learner app's own words ('' if unknown)."""
    from gdtui.text.i18n import TEXT

    entry = TEXT.get(f"slip_{slip}")
    return entry["en"] if entry else ""
