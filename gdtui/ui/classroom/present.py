"""Present mode, the instructor's side: `P` in the class view lists the
lessons, Enter presents one. The instructor gets the lesson screen; each key
that changes the lesson's state is kept by its session (a
gdtui.practice.follow_state.LessonState) and the new state goes to the
server (the class socket's `present`), which sends it to every learner.
Escape ends presenting; p asks the class to predict the coming step (the
class poll: poll.py), Tab picks the quantity it asks about.

Requests go out through one thread, in order, the newest state only: a run
that changes the lesson twenty times a second sends what is current when the
socket is free, never an older state after a newer one, and a poll reaches
the server after the state it asks about.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding

from gdtui.lessons.lesson import Scenario
from gdtui.practice.follow_state import LessonState
from gdtui.practice.poll import PollResult, judge_poll
from gdtui.ui.keys import PRESENT, bindings
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen


class Sender:
    """Sends the class socket's requests in order, one at a time, in its own
    thread: a `present` followed at once by a newer one is skipped (only the
    newest state matters). A reply, if given, gets the answer (None if the
    server refused or did not answer); a problem goes to on_problem."""

    def __init__(self, state_dir: Path, on_problem: Callable[[str], None]) -> None:
        self.state_dir = state_dir
        self.on_problem = on_problem
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="gdtui-present", daemon=True)
        self._thread.start()

    def send(self, message: dict, reply: Callable[[dict | None], None] | None = None) -> None:
        self._queue.put((message, reply))

    def close(self) -> None:
        self._queue.put(None)

    def join(self, seconds: float) -> None:
        self._thread.join(seconds)

    def _run(self) -> None:
        from gdtui.classroom import client

        while True:
            items = [self._queue.get()]
            while not self._queue.empty():
                items.append(self._queue.get())
            for item, after in zip(items, items[1:] + [None]):
                if item is None:  # closing: what came before it has gone out
                    return
                if after is not None and _present(item) and _present(after):
                    continue
                self._send(client, *item)

    def _send(self, client, message: dict, reply) -> None:
        try:
            answer = client.request(self.state_dir, message)
        except client.NoServer as exc:
            self.on_problem(str(exc))
            answer = None
        else:
            if not answer.get("ok"):
                self.on_problem(str(answer.get("error", "?")))
                answer = None
        if reply is not None:
            reply(answer)


def _present(item) -> bool:
    return item is not None and item[0].get("op") == "present"


class PresentListScreen(LessonListScreen):
    """The lessons to present; Escape goes back to the class."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    def footer_keys(self) -> list[tuple[str, str]]:
        return [("Esc", "k_back"), *super().footer_keys()]


class PresentingScreen(LessonScreen):
    """The lesson screen, every change of its state sent to the class."""

    BINDINGS = bindings(PRESENT)  # p polls, Tab picks the poll's quantity (gdtui.ui.keys)
    KEYS_OF = PRESENT  # (the help shows these)

    def __init__(self, lesson: Scenario, send: Callable[[dict | None], None]) -> None:
        super().__init__(lesson)
        self.send_state = send  # a state's JSON, or None: presenting ends
        self.sent: dict | None = None
        self.ended = False
        self.replaced = False  # another lesson is presented instead: no end between

    def on_mount(self) -> None:
        # (Textual calls the lesson screen's on_mount first: handlers run for each class.)
        self.publish()

    @property
    def state(self) -> LessonState:
        """The lesson as its keys made it (kept by the session), and the selected weight."""
        return self.session.state.select(self.selected)

    def publish(self) -> None:
        message = self.state.to_json()
        if message != self.sent:
            self.sent = message
            self.send_state(message)

    # Every change of the session comes through here (its `changed` hook), a
    # run once a frame.
    def watch_revision(self) -> None:
        if self.is_mounted:
            self.publish()

    def watch_selected(self) -> None:
        if self.is_mounted:
            self.publish()

    def action_lesson(self, direction: int) -> None:
        target = self.neighbour(direction)
        if target is None:
            super().action_lesson(direction)  # says there is none
        else:
            self.app.open_lesson(target)  # presents that one instead

    # -- the class poll (poll.py) ------------------------------------------------------
    def action_poll(self) -> None:
        """p: ask the class to predict the coming step's quantity."""
        from gdtui.ui.classroom.poll import PollScreen

        self.pause()
        if self.session.trainer.stopped:
            self.tell("msg_poll_stopped")
            return
        self.publish()  # the state the poll asks about goes out first
        self.app.push_screen(PollScreen(self, self.app.class_request))

    @property
    def quantity(self) -> str:
        """What the next poll asks about (the session's predict quantity)."""
        return self.session.quantity

    def poll_asked(self) -> dict:
        """The poll about the coming step, as the server is asked it."""
        return {"lesson": self.lesson.id, "step": self.session.trainer.steps_done + 1,
                "quantity": self.quantity, "selected": list(self.selected)}

    def poll_title(self, revealed: bool) -> str:
        """The question asked (revealed: about the step just taken)."""
        return self.question(self.quantity, self.session.trainer.steps_done + (not revealed))

    def next_quantity(self) -> None:
        from gdtui.ui.classroom.poll import quantity_cycle

        self.session.quantity = quantity_cycle(self.lesson.settings.rule, self.quantity)

    def action_next_quantity(self) -> None:
        """Tab: the quantity the next poll asks about."""
        self.next_quantity()
        self.tell("msg_poll_quantity", quantity=self.quantity)

    def reveal_poll(self, answers: list[tuple[str, float]]) -> PollResult | None:
        """The poll's reveal: the step taken (and sent to the class), each
        answer judged, the result kept on the server."""
        from gdtui.viz.weights import weight_label

        step = self.session.step()  # sent on by watch_revision
        if step is None:
            return None
        row, col = self.selected
        lesson = self.lesson
        of = (weight_label(row, col, lesson.input_labels, lesson.output_labels)
              if self.quantity in ("direction", "weight", "weight_delta")
              else lesson.output_labels[row])
        result = judge_poll(step, self.quantity, answers, row, col, lesson.id, of)
        self.app.class_request({"op": "poll_result", "result": result.to_json()},
                               lambda answer: None)
        return result

    def end(self) -> None:
        """Presenting ends; learners stay where they are, on their own."""
        if not self.ended:
            self.ended = True
            self.send_state(None)

    def action_lessons(self) -> None:
        """Escape: back to the class view."""
        self.pause()
        self.end()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        # (Textual calls the session screen's on_unmount after this one.)
        self.pause()  # where the run stopped goes out before the end
        if not self.replaced:
            self.end()  # q, or the view closing: the class is not left following
