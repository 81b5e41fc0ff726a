"""The spotlight, the server's part: one learner's lesson shown to the whole
class as present mode shows the instructor's ("here is what bob found").

The instructor's view asks for it (the class socket's `spotlight`, with the
learner's name). The server asks that learner's app for its lesson state
(`spotlight` on their channel) and waits a moment for it (`spotlight_state`:
the state, or why there is none: on the lesson list, on MNIST); the app also
asks its learner whether the class may see their name. The state goes to
every other learner as a `follow` message with a `spotlight` field (the name
once the learner has said yes, else null: "a classmate"), so each follower
draws it as present mode's lesson, at their own size and in their language.
The learner's `spotlight_name` says yes or no; a yes sends the same state
again with the name. `spotlight_end` (Escape in the view) sends the end of
presenting: followers stay where they are, on their own.

Kept in the class store as class_state `spotlight` (whose, the state, the
answer), and what followers get is what a late login gets after its hello.
The state is the learner app's, checked by each follower's app; here it is
only an object of a bounded size with a lesson id (as in present.py).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterable

from gdtui.serve.channel import encode
from gdtui.serve.present import MAX_BY, MAX_STATE

STATE_WAIT = 4.0  # seconds for the learner's app to send its state (the view waits 5)

# Why a learner's app had no state to send (its `spotlight_state` error), as
# the instructor reads it: {name} is the learner's, already made visible.
NO_STATE = {
    "list": "{name} is on the lesson list: no lesson to show",
    "image": "{name} is on {lesson}, whose data set is too big for the class to follow",
    "long": "{name}'s lesson has too many changes to send; ask them to press 0 or B",
}


class Spotlighting:
    def __init__(self, learners: Callable[[], Iterable], keep=None) -> None:
        self.learners = learners  # () -> the sessions of connected learners
        self.keep = keep  # StoreWriter.keep, with a state folder
        self.on: dict | None = None  # the spotlight now: id, user, state, by, agreed
        self.last_id = 0
        self._waiting: dict[int, tuple[str, asyncio.Future]] = {}  # id -> (user, its state)

    def load(self, kept: tuple[float, str] | None) -> None:
        """The spotlight the store had when the server started."""
        try:
            value = json.loads(kept[1]) if kept else None
        except ValueError:
            return
        if (isinstance(value, dict) and isinstance(value.get("state"), dict)
                and isinstance(value.get("user"), str)):
            step = value.get("step")
            self.on = {"id": 0, "user": value["user"], "state": value["state"],
                       "step": step if type(step) is int else None,
                       "by": str(value.get("by", ""))[:MAX_BY] or "the instructor",
                       "agreed": value.get("agreed") if value.get("agreed") in (True, False)
                       else None}

    # -- the class socket's ops --------------------------------------------------------
    async def start(self, user: object, by: object) -> dict:
        """`spotlight`: ask `user`'s app for its lesson and show it to the others."""
        from gdtui.text.safe import visible

        if not isinstance(user, str) or not user:
            return {"ok": False, "error": "spotlight: whose lesson? (a learner's name)"}
        name = visible(user)
        session = self._session(user)
        if session is None:
            return {"ok": False, "error": f"{name} is not connected"}
        self.last_id = max(self.last_id + 1, int(time.time() * 1000))  # never reused
        spot_id = self.last_id
        reply: asyncio.Future = asyncio.get_running_loop().create_future()
        self._waiting[spot_id] = (user, reply)
        session.channel.send({"t": "spotlight", "id": spot_id, "by": _by(by)})
        left = asyncio.ensure_future(session.finished.wait())
        try:
            done, _ = await asyncio.wait({reply, left}, timeout=STATE_WAIT,
                                         return_when=asyncio.FIRST_COMPLETED)
        finally:
            left.cancel()
            self._waiting.pop(spot_id, None)
        if reply not in done:
            reply.cancel()
            session.channel.send({"t": "spotlight", "id": spot_id, "ended": True})
            if left in done:
                return {"ok": False, "error": f"{name} left before their lesson came"}
            return {"ok": False, "error": f"{name}'s app did not send its lesson in time; "
                                          "try again"}
        message = reply.result()
        state = message.get("state")
        if state is None:
            why = message.get("error")
            lesson = visible(str(message.get("lesson", "?"))[:100])
            return {"ok": False, "error": NO_STATE.get(why, "{name} has no lesson to show")
                    .format(name=name, lesson=lesson)}
        if (not isinstance(state, dict) or not isinstance(state.get("lesson"), str)
                or len(encode(state)) > MAX_STATE):
            return {"ok": False, "error": f"{name}'s app sent a lesson that cannot be shown"}
        step = message.get("step")
        step = step if type(step) is int and step >= 0 else None  # shown to the instructor only
        self.end(quiet=True)  # another learner's spotlight, if any, ends here
        self.on = {"id": spot_id, "user": user, "state": state, "step": step, "by": _by(by),
                   "agreed": None}
        sent = self._show()
        return {"ok": True, "sent": sent, "lesson": state["lesson"], "step": step}

    def status(self) -> dict:
        """`spotlight_status`: whose lesson the class sees, and what they answered."""
        on = self.on
        if on is None:
            return {"ok": True, "on": False}
        return {"ok": True, "on": True, "user": on["user"], "agreed": on["agreed"],
                "lesson": on["state"]["lesson"], "step": on["step"],
                "connected": self._session(on["user"]) is not None}

    def end(self, quiet: bool = False) -> dict:
        """`spotlight_end`: the class stays where it is, on its own (quiet: the
        followers are about to be sent something else; only the learner is told)."""
        on, self.on = self.on, None
        if on is None:
            return {"ok": True, "sent": 0}
        session = self._session(on["user"])
        if session is not None:
            session.channel.send({"t": "spotlight", "id": on["id"], "ended": True,
                                  "by": on["by"]})
        sent = 0 if quiet else self._send({"t": "follow", "state": None, "by": on["by"]},
                                          on["user"])
        self._keep(None)
        return {"ok": True, "sent": sent}

    # -- the spotlighted learner's app ---------------------------------------------------
    def heard(self, user: str, message: dict) -> None:
        """`spotlight_state` (the lesson asked for) or `spotlight_name` (yes or no)."""
        spot_id = message.get("id")
        if message["t"] == "spotlight_state":
            waiting = self._waiting.get(spot_id)
            if waiting is not None and waiting[0] == user and not waiting[1].done():
                waiting[1].set_result(message)
            return
        agreed = message.get("agreed")
        on = self.on
        if on is None or on["id"] != spot_id or on["user"] != user or agreed not in (True, False):
            return
        was, on["agreed"] = on["agreed"], agreed
        if agreed is not was:
            self._show()

    def catch_up(self, user: str) -> list[dict]:
        """What a learner's app is sent after its hello (not the spotlighted one's)."""
        if self.on is None or self.on["user"] == user:
            return []
        return [self._message()]

    # -- sending -------------------------------------------------------------------------
    def _message(self) -> dict:
        on = self.on
        return {"t": "follow", "state": on["state"], "by": on["by"],
                "spotlight": {"name": on["user"] if on["agreed"] else None}}

    def _show(self) -> int:
        self._keep(self.on)
        return self._send(self._message(), self.on["user"])

    def _send(self, message: dict, besides: str) -> int:
        sent = 0
        for session in self.learners():
            if session.channel is not None and session.user != besides:
                session.channel.send(message)
                sent += 1
        return sent

    def _session(self, user: str):
        return next((s for s in self.learners()
                     if s.user == user and s.channel is not None), None)

    def _keep(self, on: dict | None) -> None:
        if self.keep is not None:
            value = None if on is None else {k: on[k] for k in ("user", "state", "step", "by",
                                                                 "agreed")}
            self.keep("spotlight", json.dumps(value if value else {"state": None}), time.time())


def _by(by: object) -> str:
    return by[:MAX_BY] if isinstance(by, str) and by.strip() else "the instructor"
