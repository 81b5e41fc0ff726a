"""Present mode, the server's part: the lesson the instructor presents, sent
to every learner's app and kept.

The instructor's view sends each new state over the class socket
(control.py: `present`); the server passes it to every learner's channel as
`follow` and keeps the latest in the class store (class_state `present`), so a
learner who logs in late, or comes back after a dropped link or a server
restart, is sent it right after their hello. A state of null ends presenting:
learners stay where they are, on their own.

The state itself (gdtui.practice.follow_state) is checked by each learner's
app; the server parent loads no NumPy, so here it is only an object of a
bounded size with a lesson id. The instructor is trusted (the socket is the
server's user's alone), the learners' apps still trust nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable

from gdtui.serve.channel import MAX_LINE, encode

MAX_STATE = MAX_LINE - 1024  # a follow message fits a channel line
MAX_BY = 40  # characters of the presenter's name


class Presenting:
    def __init__(self, learners: Callable[[], Iterable], keep=None) -> None:
        self.learners = learners  # () -> the sessions of connected learners
        self.keep = keep  # StoreWriter.keep, with a state folder
        self.message: dict | None = None  # the follow message a late learner gets

    def load(self, kept: tuple[float, str] | None) -> None:
        """The presentation the store had when the server started."""
        if kept is None:
            return
        try:
            message = json.loads(kept[1])
        except ValueError:
            return
        if isinstance(message, dict) and isinstance(message.get("state"), dict):
            self.message = {"t": "follow", "state": message["state"],
                            "by": str(message.get("by", ""))[:MAX_BY]}

    def present(self, state: object, by: object) -> dict:
        """The control socket's `present`: the answer to send back."""
        if state is not None:
            if not isinstance(state, dict) or not isinstance(state.get("lesson"), str):
                return {"ok": False, "error": "present: a state with a lesson, or null"}
            if len(encode(state)) > MAX_STATE:
                return {"ok": False, "error": "present: the state is too big"}
        by = by if isinstance(by, str) and by.strip() else "the instructor"
        message = {"t": "follow", "state": state, "by": by[:MAX_BY]}
        sent = 0
        for session in self.learners():
            if session.channel is not None:
                session.channel.send(message)
                sent += 1
        self.message = message if state is not None else None
        if self.keep is not None:
            self.keep("present", json.dumps({"state": state, "by": message["by"]}), time.time())
        return {"ok": True, "sent": sent}

    def forget(self) -> None:
        """Nothing presented any more, without telling the class (a spotlight
        has just replaced it: serve/spotlight.py)."""
        if self.message is not None:
            self.message = None
            if self.keep is not None:
                self.keep("present", json.dumps({"state": None, "by": ""}), time.time())

    def catch_up(self) -> list[dict]:
        """What a learner's app is sent after its hello."""
        return [self.message] if self.message is not None else []
