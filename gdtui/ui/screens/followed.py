"""The lesson the instructor presents, on a learner's own screen.

A LessonScreen whose session takes its trainer from a Follower's (gdtui.practice.follow_state):
each state the server sends takes it where the instructor's lesson is, drawn
at this learner's size and in their language. While following, the keys that
would change the lesson are refused with the banner's hint, and nothing is
recorded as the learner's own (a following step is not their step). `F`
works on one's own from where the lesson is (progress counts from there); `F`
again follows the instructor once more. A spotlight (a classmate's lesson
the instructor shows: gdtui.ui.following.Spot) is followed the same way; the
banner says whose it is, or "a classmate's" until they agree to be named.

The class poll: while following, the instructor's poll opens the predict box
for its one quantity; the answer goes to the server. When the instructor
reveals, the server says which answer it counted, and once the step arrives
it is judged here (gdtui.practice.predict) and shown as predict mode's
reveal: the verdict, and the slip it looks like. It is not the learner's own
prediction: nothing is recorded.
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
from gdtui.practice.poll import PollQuestion
from gdtui.practice.predict import answer, quantities
from gdtui.text.i18n import tr
from gdtui.text.safe import visible
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.predict import Asked, PredictScreen
from gdtui.ui.widgets.predict_line import shown_value

# What following refuses: every key that changes the lesson's state.
# (p, predict mode's key, is the class poll's while following: action_predict.)
LOCKED = ("step", "back", "run", "alpha", "restart", "reset", "edit", "freeze", "select", "slide",
          "lesson", "next_exercise", "reset_exercises")


class FollowBanner(Static):
    DEFAULT_CSS = """
    FollowBanner { height: 1; background: $accent; color: $text; padding: 0 1; }
    FollowBanner.-free { background: $panel; color: $text-muted; }
    """


class FollowedLessonScreen(LessonScreen):
    BINDINGS = [Binding("F", "toggle_follow", "Follow", priority=True)]

    following = var(True, init=False)

    def __init__(self, lesson: Scenario, state: LessonState, by: str, spot=None) -> None:
        super().__init__(lesson)
        self.by = by
        self.spot = spot  # a classmate's lesson, shown by `by` (gdtui.ui.following.Spot)
        self.presenting = True  # the instructor still presents (this lesson or another)
        self.follower = Follower(lesson.trainer)
        self.poll: PollQuestion | None = None  # asked: the box open, or answered
        self.poll_box: PredictScreen | None = None
        self.poll_guess: float | None = None  # what this learner sent
        self.poll_counted: tuple[PollQuestion, float] | None = None  # revealed, to judge
        self._take(state)

    def on_mount(self) -> None:
        # (Textual calls the lesson screens' on_mount too: handlers run for each class.)
        if self.app.poll is not None:  # asked before this screen opened (a late login, F)
            self.ask_poll(self.app.poll)

    def compose(self) -> ComposeResult:
        yield FollowBanner(self.banner_text())
        yield from super().compose()

    def recorder(self):
        """Nothing is the learner's own while following."""
        return None if self.following else super().recorder()

    def space_asks(self) -> bool:
        return not self.following  # the instructor steps; a poll asks in its own box

    def draws_ahead(self) -> bool:
        return not self.following  # (the instructor may do anything next)

    # -- the instructor's states -------------------------------------------------------
    def _take(self, state: LessonState) -> None:
        follower = self.follower
        follower.go_to(state)
        self.session.follow(follower.trainer, follower.ghost, follower.ghost_alpha, state)
        outputs, inputs = follower.trainer.weights.shape
        row, col = state.selected
        self.selected = (row, col) if row < outputs and col < inputs else (0, 0)

    def note_presenter(self, by: str, spot=None) -> None:
        self.by, self.spot, self.presenting = by, spot, True
        self.show_banner()

    def go_to(self, state: LessonState, by: str, spot=None) -> None:
        """A new state of this lesson from the instructor (ValueError if it does not fit)."""
        self.note_presenter(by, spot)
        if not self.following:
            return
        self.pause()
        self._take(state)
        self.judge_poll()

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
        if self.spot is not None:
            key = {"follow_on": "spot_on_named" if self.spot.name else "spot_on"}.get(
                key, key.replace("follow_", "spot_"))
        return Text(tr(key, self.app.lang, **self.names()))

    def names(self) -> dict:
        """Who presents, and whose lesson a spotlight shows, as the banner names them."""
        lang = self.app.lang
        name = self.spot.name if self.spot is not None else None
        whose = (tr("spot_whose", lang, name=visible(name)) if name
                 else tr("spot_whose_anon", lang))
        return {"by": visible(self.by), "name": visible(name or ""), "whose": whose}

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
            self.close_poll_box()  # on one's own: the class poll is not theirs to answer
            self.poll = None
            self.session.forget_answers()  # the polls' score was not theirs
            self.session.recorder = self.recorder()
            self.session.opened()  # progress counts from here
            self.show_banner()

    def action_lessons(self) -> None:
        """Escape: back to the list, on one's own (F follows again)."""
        if self.following:
            self.app.toggle_follow()
        super().action_lessons()

    # -- the class poll --------------------------------------------------------------
    def ask_poll(self, asked: PollQuestion) -> None:
        """The instructor asks: the predict box, for the poll's one quantity."""
        if (not self.following or asked.lesson != self.lesson.id
                or asked.quantity not in quantities(self.lesson.settings.rule)):
            return
        self.close_poll_box()
        self.poll, self.poll_guess = asked, None
        by = visible(self.by)
        lang = self.app.lang
        self.poll_box = PredictScreen(
            (asked.quantity,), asked.quantity,
            lambda q: tr("poll_ask", lang, by=by, question=self.question(q, asked.step)))
        self.app.push_screen(self.poll_box, lambda given: self.poll_answered(asked, given))

    def action_predict(self) -> None:
        """p: while following, the open class poll's box again (to answer, or
        to change the answer); on one's own, predict mode."""
        if not self.following:
            super().action_predict()
        elif self.app.poll is not None and self.poll_box is None:
            self.ask_poll(self.app.poll)
        else:
            self.refuse()

    def poll_answered(self, asked: PollQuestion, given: Asked | None) -> None:
        self.poll_box = None
        if self.poll is not asked or given is None:  # closed meanwhile, or asked again
            return
        if given.guess is None:
            self.tell("poll_skipped")
            self.keep_message_through(asked.step)
            return
        self.poll_guess = given.guess
        if self.app.to_server is not None:
            self.app.to_server({"t": "poll_answer", "poll": asked.id, "answer": given.guess})
        self.tell("poll_sent", answer=shown_value(asked.quantity, given.guess,
                                                  self.app.ascii_only, self.app.lang))
        self.keep_message_through(asked.step)  # the reveal's step must not wipe it

    def close_poll_box(self) -> None:
        box, self.poll_box = self.poll_box, None
        if box is not None and box.is_attached:
            box.dismiss(None)

    def poll_closed(self, asked: PollQuestion, revealed: bool, counted: float | None) -> None:
        """The instructor revealed (counted: the answer the server took as
        this learner's, or None) or cancelled the poll."""
        if self.poll is not asked and (self.poll is None or self.poll.id != asked.id):
            return
        guessed = self.poll_guess is not None
        self.poll, self.poll_guess = None, None
        self.close_poll_box()
        if revealed and counted is not None:
            self.poll_counted = (asked, counted)
            self.judge_poll()
            return
        if not revealed:
            self.tell("poll_cancelled", by=visible(self.by))
        elif guessed:
            self.tell("poll_late")
        self.keep_message_through(asked.step)  # said before the poll's step arrives

    def judge_poll(self) -> None:
        """The counted answer against its step, once the step is here."""
        if self.poll_counted is None:
            return
        asked, guess = self.poll_counted
        trainer = self.session.trainer
        if trainer.steps_done < asked.step:
            return
        self.poll_counted = None
        try:
            step = trainer.history.step(asked.step)
        except IndexError:  # stepped past what the history keeps: nothing to judge against
            return
        outputs, inputs = trainer.weights.shape
        row, col = asked.selected
        if row < outputs and col < inputs:
            # Shown as predict mode's reveal and score (the score of the polls:
            # the screen's own predict mode is off while following).
            self.session.show_answer(answer(step, asked.quantity, guess, row, col))
            self.message = ""  # the answer-is-in line is old news: the reveal says it

    def refuse(self) -> None:
        self.tell("follow_locked" if self.spot is None else "spot_locked", **self.names())


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
