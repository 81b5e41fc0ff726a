"""The class now: the store read since the last look, the server asked who
is connected, the rules applied. One ClassLive per `gdtui class` process;
`look()` is cheap enough to call every second or two."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from gdtui.classroom import client
from gdtui.classroom.model import OVERLAP, ClassModel, minutes_spent
from gdtui.classroom.rules import Thresholds
from gdtui.store.classroom import all_events, all_progress, events_since, store_path
from gdtui.store.db import Unusable, open_reader

HISTORY = 12 * 3600  # learners seen in the last 12 hours are listed


@dataclass
class Look:
    roster: list[dict]
    slips: list[dict]
    problems: list[str] = field(default_factory=list)  # the store or the server cannot be read
    connected: bool = False  # the server answered


class ClassLive:
    def __init__(self, state_dir: str | Path, thresholds: Thresholds = Thresholds()) -> None:
        self.state_dir = Path(state_dir)
        self.thresholds = thresholds
        self.model = ClassModel()
        self.conn: sqlite3.Connection | None = None
        self.cursor = time.time() - HISTORY

    def _reader(self) -> sqlite3.Connection:
        if self.conn is None:
            self.conn = open_reader(store_path(self.state_dir))
        return self.conn

    def look(self) -> Look:
        problems, progress = [], {}
        try:
            conn = self._reader()
            self.model.feed(events_since(conn, self.cursor - OVERLAP))
            self.cursor = max(self.cursor, self.model.last_at)
            progress = all_progress(conn)
        except Unusable as exc:
            problems.append(str(exc))
        except sqlite3.Error as exc:
            problems.append(f"cannot read the class store ({exc})")
            self.close()
        try:
            answer = client.request(self.state_dir, {"op": "roster"})
            live, connected = answer.get("sessions", []), True
        except client.NoServer as exc:
            live, connected = [], False
            problems.append(str(exc))
        now = time.time()
        return Look(self.model.roster(live, progress, now, self.thresholds),
                    self.model.class_slips(now, self.thresholds.slip_window), problems, connected)

    def answers(self, user: str) -> list:
        """user's recent answers (as the model has them), newest last."""
        learner = self.model.learners.get(user)
        return list(learner.answers) if learner else []

    def grading(self) -> list[dict]:
        """Learner x lesson: exercises done, predictions right / asked, best
        streak, minutes spent. Unusable if there is no store."""
        conn = self._reader()
        spent = minutes_spent(all_events(conn))
        rows = []
        for (learner, lesson), entry in sorted(all_progress(conn).items()):
            rows.append({"user": learner, "lesson": lesson, "exercises_done": len(entry.exercises),
                         "predict_right": entry.right, "predict_asked": entry.asked,
                         "best_streak": entry.best_streak,
                         "minutes": round(spent.get((learner, lesson), 0.0), 1)})
        return rows

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
