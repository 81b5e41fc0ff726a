"""The lesson the instructor presents, on a learner's own screen.

A LessonScreen whose session takes its trainer from a Follower's (gdtui.practice.follow_state):
each state the server sends takes it where the instructor's lesson is, drawn
at this learner's size and in their language. While following, the keys that
would change the lesson are refused with the banner's hint, and nothing is
recorded as the learner's own (a following step is not their step). `F`
works on one's own from where the lesson is (progress counts from there); `F`
again follows the instructor once more.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.reactive import var
from textual.widgets import Static

from gdtui.lessons.lesson import Scenario
from gdtui.practice.follow_state import Follower, LessonState
from gdtui.text.i18n import tr
from gdtui.text.safe import visible
from gdtui.ui.screens.lesson import LessonScreen

# What following refuses: every key that changes the lesson's state.
LOCKED = ("step", "back", "run", "alpha", "restart", "reset", "edit", "freeze", "select",
          "lesson", "predict", "next_exercise", "reset_exercises")


class FollowBanner(Static):
    DEFAULT_CSS = """
    FollowBanner { height: 1; background: $accent; color: $text; padding: 0 1; }
    FollowBanner.-free { background: $panel; color: $text-muted; }
    """


class FollowedLessonScreen(LessonScreen):
    BINDINGS = [Binding("F", "toggle_follow", "Follow", priority=True)]

    following = var(True, init=False)

    def __init__(self, lesson: Scenario, state: LessonState, by: str) -> None:
        super().__init__(lesson)
        self.by = by
        self.presenting = True  # the instructor still presents (this lesson or another)
        self.follower = Follower(lesson.trainer)
        self._take(state)

    def compose(self) -> ComposeResult:
        yield FollowBanner(self.banner_text())
        yield from super().compose()

    def recorder(self):
        """Nothing is the learner's own while following."""
        return None if self.following else super().recorder()

    # -- the instructor's states -------------------------------------------------------
    def _take(self, state: LessonState) -> None:
        follower = self.follower
        follower.go_to(state)
        self.session.follow(follower.trainer, follower.ghost, follower.ghost_alpha)
        outputs, inputs = follower.trainer.weights.shape
        row, col = state.selected
        self.selected = (row, col) if row < outputs and col < inputs else (0, 0)

    def note_presenter(self, by: str) -> None:
        self.by, self.presenting = by, True
        self.show_banner()

    def go_to(self, state: LessonState, by: str) -> None:
        """A new state of this lesson from the instructor (ValueError if it does not fit)."""
        self.note_presenter(by)
        if not self.following:
            return
        self.pause()
        self._take(state)

    def presenting_ended(self) -> None:
        """The instructor stopped: the learner stays here, on their own."""
        self.presenting = False
        self.work_alone()
        self.show_banner()

    def banner_text(self) -> Text:
        if self.following:
            key = "follow_on"
        else:
            key = "follow_off" if self.presenting else "follow_ended"
        return Text(tr(key, self.app.lang, by=visible(self.by)))

    def show_banner(self) -> None:
        try:
            banner = self.query_one(FollowBanner)
        except NoMatches:  # not composed yet: compose draws it
            return
        banner.update(self.banner_text())
        banner.set_class(not self.following, "-free")

    # -- keys --------------------------------------------------------------------------
    def action_toggle_follow(self) -> None:
        self.app.toggle_follow()

    def work_alone(self) -> None:
        """F while following: the lesson stays where it is, and is the learner's from here."""
        if self.following:
            self.following = False
            self.message = ""  # the last refusal is old news
            self.session.recorder = self.recorder()
            self.session.opened()  # progress counts from here
            self.show_banner()

    def action_lessons(self) -> None:
        """Escape: back to the list, on one's own (F follows again)."""
        if self.following:
            self.app.toggle_follow()
        super().action_lessons()

    def refuse(self) -> None:
        self.message = tr("follow_locked", self.lang, by=visible(self.by))


def _locked(name: str):
    method = getattr(LessonScreen, f"action_{name}")

    def action(self: FollowedLessonScreen, *args):
        if self.following:
            self.refuse()
            return None
        return method(self, *args)

    action.__name__ = f"action_{name}"
    return action


for _name in LOCKED:
    setattr(FollowedLessonScreen, f"action_{_name}", _locked(_name))
