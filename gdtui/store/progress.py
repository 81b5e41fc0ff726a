"""A learner's progress as the lesson list shows it: per lesson, how often it
was opened, the exercises done, predictions right / asked, the best streak.

The store keeps the same numbers in its `lessons` and `ticks` tables, updated
in SQL in the event's own transaction (db.py); `apply` is the same rule in
Python, for a copy held in memory (a served learner's, or events still
waiting to be written). tests/store hold the two to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gdtui.store.events import Event


@dataclass
class LessonProgress:
    opened: int = 0
    exercises: list[str] = field(default_factory=list)  # ids done, in the order done
    right: int = 0  # predictions, over every session
    asked: int = 0
    best_streak: int = 0
    # What the learner said went wrong in wrong answers: quantity -> choice -> times
    # (gdtui.practice.explain; the store reads its `explain` events).
    explained: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class Progress:
    user: str
    lessons: dict[str, LessonProgress] = field(default_factory=dict)

    def lesson(self, lesson_id: str) -> LessonProgress:
        return self.lessons.setdefault(lesson_id, LessonProgress())

    @classmethod
    def from_json(cls, data: object, user: str) -> Progress:
        """What to_json made (the server's hello); whatever does not fit is left out."""
        progress = cls(user)
        lessons = data.get("lessons") if isinstance(data, dict) else None
        for lesson_id, entry in (lessons or {}).items():
            if not isinstance(lesson_id, str) or not isinstance(entry, dict):
                continue
            counts = [entry.get(k) for k in ("opened", "right", "asked", "best_streak")]
            done = entry.get("exercises")
            if all(type(c) is int and c >= 0 for c in counts) and isinstance(done, list):
                progress.lessons[lesson_id] = LessonProgress(
                    counts[0], [d for d in done if isinstance(d, str)], *counts[1:],
                    _explained(entry.get("explained")))
        return progress

    def to_json(self) -> dict:
        return {"user": self.user, "lessons": {
            k: {"opened": v.opened, "exercises": list(v.exercises), "right": v.right,
                "asked": v.asked, "best_streak": v.best_streak,
                "explained": {q: dict(c) for q, c in v.explained.items()}}
            for k, v in self.lessons.items()}}


def _explained(data: object) -> dict[str, dict[str, int]]:
    """to_json's `explained`, what of it fits (a count per quantity and choice)."""
    out: dict[str, dict[str, int]] = {}
    for quantity, counts in (data.items() if isinstance(data, dict) else ()):
        if isinstance(quantity, str) and isinstance(counts, dict):
            kept = {c: n for c, n in counts.items() if isinstance(c, str) and type(n) is int and n > 0}
            if kept:
                out[quantity] = kept
    return out


def explain(entry: LessonProgress, quantity: str, choice: str, times: int = 1) -> None:
    counts = entry.explained.setdefault(quantity, {})
    counts[choice] = counts.get(choice, 0) + times


def apply(progress: Progress, event: Event) -> None:
    """What `event` changes in `progress` (the same as the store's SQL)."""
    if event.kind == "explain" and event.lesson and event.quantity and event.slip:
        explain(progress.lesson(event.lesson), event.quantity, event.slip)
        return
    if event.lesson is None or event.kind not in ("open", "answer", "tick", "untick"):
        return
    entry = progress.lesson(event.lesson)
    if event.kind == "open":
        entry.opened += 1
    elif event.kind == "answer":
        entry.asked += 1
        entry.right += event.verdict == "right"
        entry.best_streak = max(entry.best_streak, event.streak or 0)
    elif event.kind == "tick":
        if event.exercise not in entry.exercises:
            entry.exercises.append(event.exercise)
    else:
        entry.exercises.clear()
