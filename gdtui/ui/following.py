"""A served learner's app following the instructor's presented lesson: a
mixin of GdtuiApp.

The server sends `follow` messages (gdtui/serve/channel.py) with the
instructor's lesson state; while the learner follows (the default), the
app opens that lesson as a FollowedLessonScreen and takes it from state to
state. `F` works on one's own, and follows again. A state that comes before
the app runs (sent with the hello) is shown once it has mounted.

A spotlight is a `follow` too: a classmate's lesson the instructor shows
(its `spotlight` field: the name, once that learner has agreed, else null).

The class poll (`poll` messages) opens the followed screen's predict box;
the answer goes back over `to_server` (the channel's send, set by the served
start: gdtui/serve/learner.py).
"""

from __future__ import annotations

import sys

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdtui.practice.follow_state import LessonState
from gdtui.text.i18n import tr
from gdtui.text.safe import visible

if TYPE_CHECKING:  # a class poll comes only to a served app: imported when one does
    from gdtui.practice.poll import PollQuestion

MAX_BY = 40


@dataclass(frozen=True)
class Spot:
    """A spotlight: whose lesson it is (None until they agree to be named)."""

    name: str | None = None


class FollowsInstructor:
    following = True  # the learner follows whatever is presented
    # The state, who presents it, and whose lesson it is when it is a spotlight
    # (Spot: the learner's name, or None: a classmate's).
    presented: tuple[LessonState, str, Spot | None] | None = None
    poll: PollQuestion | None = None  # the class poll open now
    to_server = None  # (message) -> None: to the class server, when served

    def class_poll(self, message: dict) -> None:
        """A `poll` message from the server: asked, or closed (revealed with
        the answer counted as this learner's, or cancelled)."""
        screen = self.followed_screen()
        if message.get("poll") is None:
            asked = self.poll
            if asked is None or message.get("closed") != asked.id:
                return
            self.poll = None
            if screen is not None:
                counted = message.get("answer")
                screen.poll_closed(asked, "answer" in message,
                                   counted if type(counted) in (int, float) else None)
            return
        from gdtui.practice.poll import PollQuestion

        try:
            self.poll = PollQuestion.from_json(message["poll"])
        except ValueError as exc:  # for the server's log, not the learner
            print(f"gdtui: a class poll was refused: {exc}", file=sys.stderr)
            return
        if screen is not None and self.is_running:
            screen.ask_poll(self.poll)

    def follow(self, message: dict) -> None:
        """A `follow` message from the server (on the app's loop)."""
        by = str(message.get("by") or "")[:MAX_BY] or "the instructor"
        if message.get("state") is None:
            self.presented = None
            screen = self.followed_screen()
            if screen is not None:
                screen.presenting_ended()
            return
        try:
            state = LessonState.from_json(message["state"])
        except ValueError as exc:  # for the server's log, not the learner
            print(f"gdtui: a presented lesson was refused: {exc}", file=sys.stderr)
            return
        spot = message.get("spotlight")
        if isinstance(spot, dict):
            name = spot.get("name")
            spot = Spot(str(name)[:MAX_BY] if isinstance(name, str) and name else None)
        else:
            spot = None
        self.presented = (state, by, spot)
        if self.is_running and self.screen_stack:
            self.show_presented()

    def followed_screen(self):
        from gdtui.ui.screens.followed import FollowedLessonScreen

        return next((s for s in reversed(self.screen_stack)
                     if isinstance(s, FollowedLessonScreen)), None)

    def show_presented(self, fresh: bool = False) -> None:
        """Where the instructor is: this screen taken there, or the lesson opened."""
        if self.presented is None:
            return
        state, by, spot = self.presented
        screen = self.followed_screen()
        if screen is not None and not fresh:
            if screen.following and screen.lesson.id == state.lesson:
                try:
                    screen.go_to(state, by, spot)
                except ValueError as exc:
                    print(f"gdtui: {exc}", file=sys.stderr)
                return
            if not self.following:  # working alone (F): the banner says who presents
                screen.note_presenter(by, spot)
                return
        if not self.following:
            return
        lesson = self.catalog.lessons.get(state.lesson)
        if lesson is None or lesson.is_image_lesson:
            self.notify(tr("follow_missing", self.lang, by=visible(by),
                           lesson=visible(state.lesson)), severity="warning", markup=False)
            return
        from gdtui.ui.screens.followed import FollowedLessonScreen

        try:
            followed = FollowedLessonScreen(lesson, state, by, spot)
        except ValueError as exc:
            print(f"gdtui: {exc}", file=sys.stderr)
            return
        self.show_lesson_screen(followed)

    def toggle_follow(self) -> None:
        """F: work on one's own, or follow the instructor (again, or from the
        next time they present)."""
        screen = self.followed_screen()
        if screen.following if screen is not None else self.following:
            self.following = False
            if screen is not None:
                screen.work_alone()
            return
        self.following = True
        if self.presented is not None:
            self.show_presented(fresh=True)
        else:
            self.notify(tr("follow_nothing", self.lang), markup=False)
