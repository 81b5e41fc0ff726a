"""The class poll, the server's part: while presenting, the instructor asks
the class to predict the coming step's quantity.

The instructor's view opens a poll (the class socket's `poll`; the server
numbers it), which goes to every learner's channel as `poll` (and to a
learner who logs in while it is open, after the hello); each learner's app
answers with `poll_answer` (the last answer of each learner counts); the view
asks `poll_count` as the answers come, and `poll_close` when it reveals: the
answers come back and each learner is told the poll is closed, with the
answer counted as theirs (their app judges it against the step, which the
instructor's view then takes). The view
then sends the judged poll (`poll_result`), kept in the class store
(class_state `poll`) for `gdtui class --format json --poll`. Verdicts and
slips are the instructor's app's to work out (gdtui.practice.predict): it
has the step; the server parent loads no NumPy.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable

from gdtui.serve.channel import encode
from gdtui.serve.present import MAX_STATE

MAX_QUANTITY = 20  # characters: the longest is weight_delta
MAX_ANSWERS = 10_000  # learners answering one poll; far past a class


class Polling:
    def __init__(self, learners: Callable[[], Iterable], keep=None) -> None:
        self.learners = learners  # () -> the sessions of connected learners
        self.keep = keep  # StoreWriter.keep, with a state folder
        self.keep_poll = None  # StoreWriter.keep_poll, with a state folder
        self.asked: dict | None = None  # the open poll, as learners get it
        self.answers: dict[str, float] = {}  # user -> their last answer
        self.last_id = 0
        self.closed_id: int | None = None  # the last poll revealed: its result comes next

    def _send(self, message: dict) -> int:
        sent = 0
        for session in self.learners():
            if session.channel is not None:
                session.channel.send(message)
                sent += 1
        return sent

    def open(self, poll: object) -> dict:
        """`poll`: a new poll (an open one is closed first: asked again about
        another quantity, its answers so far are dropped)."""
        if not isinstance(poll, dict):
            return {"ok": False, "error": "poll: an object"}
        lesson, step, quantity = poll.get("lesson"), poll.get("step"), poll.get("quantity")
        selected = poll.get("selected", [0, 0])
        if (not isinstance(lesson, str) or not 0 < len(lesson) <= 100
                or type(step) is not int or step < 1
                or not isinstance(quantity, str) or not 0 < len(quantity) <= MAX_QUANTITY
                or not isinstance(selected, list) or len(selected) != 2
                or not all(type(v) is int and 0 <= v <= 10**6 for v in selected)):
            return {"ok": False, "error": "poll: a lesson, a step from 1, a quantity and "
                                          "the selected [row, col]"}
        self.cancel()
        # Numbered past the last and past the clock: a poll id is never reused,
        # even by a restarted server, so a late answer never counts for another.
        self.last_id = max(self.last_id + 1, int(time.time() * 1000))
        self.asked = {"id": self.last_id, "lesson": lesson, "step": step,
                      "quantity": quantity, "selected": selected}
        self.answers = {}
        return {"ok": True, "id": self.last_id, "sent": self._send({"t": "poll", "poll": self.asked})}

    def answer(self, user: str, message: dict) -> None:
        """A learner's `poll_answer` (ignored unless it is a finite number
        answering the open poll)."""
        value = message.get("answer")
        if (self.asked is None or message.get("poll") != self.asked["id"]
                or type(value) not in (int, float) or not math.isfinite(value)):
            return
        if user in self.answers or len(self.answers) < MAX_ANSWERS:
            self.answers[user] = float(value)

    def count(self) -> dict:
        if self.asked is None:
            return {"ok": True, "open": False, "answers": 0}
        return {"ok": True, "open": True, "id": self.asked["id"], "answers": len(self.answers)}

    def close(self, poll_id: object) -> dict:
        """`poll_close`: the answers, and the learners told."""
        if self.asked is None or poll_id != self.asked["id"]:
            return {"ok": False, "error": "no such poll is open"}
        answers = [{"user": u, "answer": a} for u, a in sorted(self.answers.items())]
        self.closed_id = self.asked["id"]
        for session in self.learners():  # each with the answer counted as theirs (or none)
            if session.channel is not None:
                session.channel.send({"t": "poll", "poll": None, "closed": self.asked["id"],
                                      "answer": self.answers.get(session.user)})
        self.asked, self.answers = None, {}
        return {"ok": True, "answers": answers}

    def cancel(self) -> dict:
        """`poll_cancel`: the open poll, if any, closed without a reveal (also
        when presenting ends, or another poll is asked)."""
        if self.asked is not None:
            self._send({"t": "poll", "poll": None, "closed": self.asked["id"]})
        self.asked, self.answers = None, {}
        return {"ok": True}

    def result(self, result: object) -> dict:
        """`poll_result`: the judged poll of the poll last revealed, kept whole
        for `gdtui class --format json --poll` and as rows (gdtui.store.polls)."""
        from gdtui.store.polls import poll_rows

        if self.closed_id is None:
            return {"ok": False, "error": "poll_result: no poll has been revealed"}
        now = time.time()
        try:
            poll, answers = poll_rows(self.closed_id, now, result)
        except ValueError as exc:
            return {"ok": False, "error": f"poll_result: {exc}"}
        if len(encode(result)) > MAX_STATE:
            return {"ok": False, "error": "poll_result: too big"}
        if self.keep is not None:
            self.keep("poll", json.dumps(dict(result, id=self.closed_id, at=now)), now)
        if self.keep_poll is not None:
            self.keep_poll(poll, answers)
        self.closed_id = None  # one result a reveal
        return {"ok": True}

    def catch_up(self) -> list[dict]:
        """What a learner's app is sent after its hello (and the presented lesson)."""
        return [{"t": "poll", "poll": self.asked}] if self.asked is not None else []
