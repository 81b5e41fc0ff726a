"""The class poll in the apps.

A following learner: the instructor's poll opens the predict box for its one
quantity, the answer goes to the server, the reveal (the server's closed
message with the answer it counted, then the step) shows their own verdict
and slip; nothing is the learner's own record. The instructor: p asks, the
count of answers is shown as it comes, Tab asks about another quantity, p
cancels, Space reveals: the step is taken (and presented), every answer is
judged and kept, and the histogram with the named slips is drawn. The class
socket is replaced by a table of answers (FakeClass)."""

from __future__ import annotations

import pytest

from app_support import CATALOG, app_for, shown, shown_content, until
from gdtui.practice.follow_state import LessonState
from gdtui.practice.predict import true_value
from gdtui.practice.progress import Recorder
from gdtui.store.progress import Progress
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.classroom.poll import PollScreen
from gdtui.ui.classroom.present import PresentingScreen
from gdtui.ui.screens.followed import FollowedLessonScreen
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.widgets.predict_line import PredictLine
from gdtui.ui.widgets.status_bar import StatusBar
from gdtui.viz.numbers import fmt

LESSON = "learning-steps"


def truth(quantity: str, number: int, lesson=LESSON) -> float:
    """The engine's own value for step `number` of a fresh run."""
    trainer = CATALOG.lessons[lesson].trainer()
    trainer.run(number)
    return true_value(trainer.history.step(number), quantity)


def follow(steps: int, by="ms-lee") -> dict:
    state = LessonState(LESSON, (("step", steps),) if steps else ())
    return {"t": "follow", "state": state.to_json(), "by": by}


def asked(quantity="weight_delta", step=3, poll_id=7, lesson=LESSON, selected=(0, 0)) -> dict:
    return {"t": "poll", "poll": {"id": poll_id, "lesson": lesson, "step": step,
                                  "quantity": quantity, "selected": list(selected)}}


def closed(poll_id=7, **answer) -> dict:
    return {"t": "poll", "poll": None, "closed": poll_id, **answer}


def served_app():
    events, sent = [], []
    app = app_for(served=True, recorder=Recorder(Progress("ada"), events.append))
    app.to_server = sent.append
    return app, events, sent


def box_open(app, kind=PredictScreen) -> bool:
    """The box is on top and drawn."""
    return isinstance(app.screen, kind) and bool(app.screen.query("#question"))


async def open_box(pilot, app, message=None) -> PredictScreen:
    app.follow(follow(2))
    await pilot.pause()
    app.class_poll(message or asked())
    await until(pilot, lambda: box_open(app))
    return app.screen


async def type_answer(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#guess")
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


def reveal_text(app) -> str:
    return " ".join(shown(app.screen.query_one(PredictLine)).split())


# Each family: the quantity asked about step 3, what the learner types (a
# function of the step's true value), the verdict and the slip line shown.
ANSWERS = {
    "right": ("weight_delta", lambda t: f"{t:.6f}", "✓ right", None),
    "the sign flipped": ("pred", lambda t: f"{-t:.6f}", "✗ wrong", "sign flipped"),
    "goal − pred": ("weight_delta", lambda t: f"{-t:.6f}", "✗ wrong", "used goal − pred"),
    "close": ("pred", lambda t: f"{t * 1.03:.6f}", "~ close", None),
    "wrong, no slip it looks like": ("pred", lambda t: "123", "✗ wrong", None),
    "the new weight, unchanged": ("weight", lambda t: f"{truth('weight', 2):.6f}", "✗ wrong",
                                  "that is the weight before the step"),
}


@pytest.mark.parametrize("name", ANSWERS)
async def test_a_follower_answers_and_sees_their_own_verdict(name):
    quantity, typed, verdict, slip = ANSWERS[name]
    app, events, sent = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        box = await open_box(pilot, app, asked(quantity))
        assert "ms-lee asks the class: Step 3" in shown_content(box.query_one("#question"))
        assert "Tab" not in shown_content(box.query_one("#hint"))  # one quantity to answer
        await type_answer(pilot, typed(truth(quantity, 3)))
        assert isinstance(app.screen, FollowedLessonScreen)
        (answer,) = sent
        assert answer["t"] == "poll_answer" and answer["poll"] == 7
        assert answer["answer"] == pytest.approx(float(typed(truth(quantity, 3))))
        assert "your answer is in" in app.screen.message
        app.class_poll(closed(answer=answer["answer"]))  # revealed: the server counted it
        app.follow(follow(3))  # and the instructor's step comes
        await pilot.pause()
        text = reveal_text(app)
        assert text.startswith(verdict) and "step 3" in text
        assert (slip in text) if slip else len(app.screen.query_one(PredictLine).lines(
            app.screen.reveal)) == 1
        assert "1/1" in shown(app.screen.query_one(StatusBar)) or verdict != "✓ right"
        app.follow(follow(4))  # the next step: the reveal was for step 3
        await pilot.pause()
        assert reveal_text(app) == ""  # and no "Space asks first": Space is not theirs
        await pilot.press("F", "p")  # the lesson is the learner's from here: Space asks
        await pilot.pause()
        assert reveal_text(app).startswith("predict mode: Space asks first")
    assert not [e for e in events if e.kind == "answer"]  # not the learner's own prediction


async def test_the_reveal_may_come_before_the_closed_message():
    app, _, sent = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_box(pilot, app)
        await type_answer(pilot, f"{truth('weight_delta', 3):.6f}")
        app.follow(follow(3))
        await pilot.pause()
        assert reveal_text(app) == ""  # not judged before the server says what it counted
        app.class_poll(closed(answer=sent[0]["answer"]))
        await pilot.pause()
        assert reveal_text(app).startswith("✓ right")
        assert "predict weight_delta 1/1" in shown(app.screen.query_one(StatusBar))
        await pilot.press("F")  # on one's own: the polls' score was not theirs
        await pilot.pause()
        assert reveal_text(app) == "" and "predict" not in shown(app.screen.query_one(StatusBar))


# What the server's closed message says, what the learner did, and what they see.
CLOSINGS = {
    "cancelled, the box open": (closed(), None, "ms-lee cancelled the poll"),
    "cancelled after an answer": (closed(), "0.5", "ms-lee cancelled the poll"),
    "revealed, their answer came too late": (closed(answer=None), "0.5",
                                             "the poll closed before your answer reached it"),
    "revealed, they gave none": (closed(answer=None), None, ""),
    "another poll's close": (closed(poll_id=8, answer=0.5), "0.5", "your answer is in"),
}


@pytest.mark.parametrize("name", CLOSINGS)
async def test_a_poll_closed_without_a_verdict_says_why(name):
    message, typed, line = CLOSINGS[name]
    app, _, sent = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_box(pilot, app)
        if typed is not None:
            await type_answer(pilot, typed)
        app.class_poll(message)
        await pilot.pause()
        app.follow(follow(3))
        await pilot.pause()
        assert isinstance(app.screen, FollowedLessonScreen)  # the box is gone
        assert reveal_text(app) == ""
        assert line in app.screen.message if line else app.screen.message == ""


# Polls a follower's app does not ask: what comes, and why not.
NOT_ASKED = {
    "another lesson": asked(lesson="alpha-fix"),
    "a quantity the lesson has not": None,  # hot-cold's weight_delta: set below
    "a quantity that is none": asked(quantity="loss"),
    "a step that is not a number": asked(step="3"),
    "no selected weight": {"t": "poll", "poll": {"id": 7, "lesson": LESSON, "step": 3,
                                                 "quantity": "pred"}},
}


@pytest.mark.parametrize("name", NOT_ASKED)
async def test_a_poll_that_does_not_fit_opens_nothing(name, capsys):
    app, _, sent = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        if name == "a quantity the lesson has not":
            app.follow({"t": "follow", "by": "ms-lee",
                        "state": LessonState("hot-cold", (("step", 1),)).to_json()})
            await pilot.pause()
            app.class_poll(asked(lesson="hot-cold", quantity="weight_delta", step=2))
        else:
            app.follow(follow(2))
            await pilot.pause()
            app.class_poll(NOT_ASKED[name])
        await pilot.pause()
        assert isinstance(app.screen, FollowedLessonScreen) and not sent


async def test_p_opens_the_box_again_to_answer_or_change_the_answer():
    app, _, sent = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_box(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")  # answered after all
        await until(pilot, lambda: box_open(app))
        await type_answer(pilot, "0.5")
        assert "p changes it" in app.screen.message
        await pilot.press("p")  # and changed
        await until(pilot, lambda: box_open(app))
        await type_answer(pilot, "0.25")
        assert [(m["poll"], m["answer"]) for m in sent] == [(7, 0.5), (7, 0.25)]
        app.class_poll(closed(answer=0.25))
        await pilot.pause()
        await pilot.press("p")  # closed: p is refused, as following refuses it
        await pilot.pause()
        assert isinstance(app.screen, FollowedLessonScreen)
        assert "F to work on your own" in app.screen.message


async def test_working_alone_the_poll_is_not_asked_and_following_again_it_is():
    app, _, sent = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_box(pilot, app)
        await pilot.press("escape")  # skipped: nothing sent
        await pilot.pause()
        assert not sent and "no answer given" in app.screen.message
        await pilot.press("F")  # on one's own
        await pilot.pause()
        app.class_poll(asked(poll_id=8))
        await pilot.pause()
        assert isinstance(app.screen, FollowedLessonScreen) and not app.screen.following
        await pilot.press("F")  # following again: the open poll is asked
        await until(pilot, lambda: box_open(app))
        await type_answer(pilot, "0.5")
        assert [(m["poll"], m["answer"]) for m in sent] == [(8, 0.5)]


async def test_a_poll_sent_with_the_hello_is_asked_once_the_lesson_opens():
    app, _, sent = served_app()
    app.follow(follow(2))  # before the app runs, as the hello's catch-up comes
    app.class_poll(asked(quantity="direction"))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: box_open(app))
        await pilot.press("down")  # a direction's box answers with a key
        await pilot.pause()
        assert [(m["poll"], m["answer"]) for m in sent] == [(7, -1.0)]


async def test_the_instructors_name_is_shown_escaped_in_the_question():
    app, _, _ = served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.follow(follow(2, by="ms\x1b[31mlee[/b]"))
        await pilot.pause()
        app.class_poll(asked())
        await until(pilot, lambda: box_open(app))
        question = shown_content(app.screen.query_one("#question"))
        assert "ms\\x1b[31mlee[/b] asks the class" in question and "\x1b" not in question


# -- the instructor's side -------------------------------------------------------------
class FakeClass:
    """The class socket for the class view: what was asked, in order, and the
    answers a class of `following` gives (`given`: learner -> number)."""

    def __init__(self, given: dict[str, float], following: int = 3, refused=()) -> None:
        self.given, self.following = given, following
        self.refused = set(refused)  # ops answered None: the server refused or is gone
        self.asked: list[dict] = []
        self.states: list[dict | None] = []
        self.next_id = 40

    def present(self, state) -> None:
        self.states.append(state)

    def request(self, message: dict, reply) -> None:
        self.asked.append(message)
        op = message["op"]
        if op in self.refused:
            reply(None)
            return
        if op == "poll":
            self.next_id += 1
            answer = {"ok": True, "id": self.next_id, "sent": self.following}
        elif op == "poll_count":
            answer = {"ok": True, "open": True, "id": self.next_id, "answers": len(self.given)}
        elif op == "poll_close":
            answer = {"ok": True, "answers": [{"user": u, "answer": a}
                                              for u, a in sorted(self.given.items())]}
        else:
            answer = {"ok": True}
        reply(answer)

    def ops(self) -> list[str]:
        return [m["op"] for m in self.asked if m["op"] != "poll_count"]


def class_view(tmp_path, fake: FakeClass) -> ClassApp:
    app = ClassApp(tmp_path / "no-server", presenter="ms-lee")
    app.present_state = fake.present
    app.class_request = fake.request
    return app


async def present_steps(pilot, steps: int) -> PresentingScreen:
    app = pilot.app
    app.open_lesson(LESSON)
    await pilot.pause()
    for _ in range(steps):
        await pilot.press("space")
    await pilot.pause()
    assert isinstance(app.screen, PresentingScreen)
    return app.screen


def poll_text(app) -> str:
    return " ".join(" ".join(shown_content(app.screen.query_one(f"#{part}")).split())
                    for part in ("question", "body", "hint"))


async def test_p_asks_and_space_reveals_the_step_and_the_histogram(tmp_path):
    right, slipped = truth("weight_delta", 3), -truth("weight_delta", 3)  # goal − pred
    fake = FakeClass({"ada": right, "bo": slipped, "cy": right * 1.5})
    app = class_view(tmp_path, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        presenting = await present_steps(pilot, 2)
        assert presenting.quantity == "weight"  # the lesson's own
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # direction, pred, delta, error, ...
        assert presenting.quantity == "weight_delta"
        assert "the class poll asks: weight_delta" in presenting.message
        await pilot.press("p")
        await until(pilot, lambda: box_open(app, PollScreen))
        await until(pilot, lambda: "3 answer(s) · asked 3 connected learner(s)" in poll_text(app))
        poll = fake.asked[0]["poll"]
        assert poll == {"lesson": LESSON, "step": 3, "quantity": "weight_delta",
                        "selected": [0, 0]}
        assert fake.states[-1]["ops"] == [["step", 2]]  # the state it asks about went first
        await pilot.press("space")
        await until(pilot, lambda: "right" in poll_text(app))
        text = poll_text(app)
        assert "3 answer(s): 1 right, 0 close, 2 wrong" in text
        assert f"◆ true {fmt(right)}" in text and "slips: goal_minus_pred 1 used goal − pred" in text
        assert presenting.session.trainer.steps_done == 3 and fake.states[-1]["ops"] == [["step", 3]]
        result = fake.asked[-1]
        assert fake.ops() == ["poll", "poll_close", "poll_result"]
        kept = result["result"]
        assert (kept["answers"], kept["right"], kept["wrong"], kept["slips"]) == (
            3, 1, 2, {"goal_minus_pred": 1})
        assert [(a["user"], a["verdict"], a["slip"]) for a in kept["by_learner"]] == [
            ("ada", "right", None), ("bo", "wrong", "goal_minus_pred"), ("cy", "wrong", None)]
        assert kept["truth"] == pytest.approx(right) and kept["step"] == 3
        await pilot.press("space")  # closes the histogram
        await pilot.pause()
        assert app.screen is presenting


async def test_tab_asks_again_and_p_cancels_without_a_step(tmp_path):
    fake = FakeClass({"ada": 0.5})
    app = class_view(tmp_path, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        presenting = await present_steps(pilot, 1)
        await pilot.press("p")
        await until(pilot, lambda: box_open(app, PollScreen))
        await pilot.press("tab")
        await pilot.pause()
        assert [m["poll"]["quantity"] for m in fake.asked if m["op"] == "poll"] == [
            "weight", "direction"]
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is presenting and presenting.session.trainer.steps_done == 1
        assert fake.ops() == ["poll", "poll", "poll_cancel"]


async def test_nobody_answering_still_reveals_the_step(tmp_path):
    fake = FakeClass({})
    app = class_view(tmp_path, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        presenting = await present_steps(pilot, 0)
        await pilot.press("p")
        await until(pilot, lambda: box_open(app, PollScreen))
        await until(pilot, lambda: "0 answer(s) · asked 3" in poll_text(app))
        await pilot.press("space")
        await until(pilot, lambda: "answer(s)" in poll_text(app))
        assert "no answers" in poll_text(app) and presenting.session.trainer.steps_done == 1
        assert fake.asked[-1]["result"]["answers"] == 0


# The server refusing (or gone) at each point: what the box says, and whether the step is taken.
REFUSED = {
    "the poll is not opened": ("poll", "the class was not asked", 0),  # Space does nothing
    "the answers cannot be had": ("poll_close", "the answers could not be had", 1),
    "the count is not had": ("poll_count", "1 answer(s): 0 right", 1),
}


@pytest.mark.parametrize("name", REFUSED)
async def test_a_server_that_does_not_answer_leaves_nothing_stuck(tmp_path, name):
    op, line, steps = REFUSED[name]
    fake = FakeClass({"ada": 0.5}, refused={op})
    app = class_view(tmp_path, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        presenting = await present_steps(pilot, 0)
        await pilot.press("p")
        await until(pilot, lambda: box_open(app, PollScreen))
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PollScreen) and line in poll_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is presenting and presenting.session.trainer.steps_done == steps
