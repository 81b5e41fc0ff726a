"""A served learner's app and the spotlight: asked for its lesson, it sends
its session's state from wherever the learner is (or why there is none), and
asks whether the class may see the learner's name; a follower's banner says
whose lesson it is, in the learner's language, names escaped. Nothing is
recorded as either learner's own."""

from __future__ import annotations

import pytest

from app_support import app_for, notices, shown
from gdtui.practice.follow_state import MAX_OPS, LessonState
from gdtui.practice.progress import Recorder
from gdtui.store.progress import Progress
from gdtui.ui.screens.followed import FollowBanner, FollowedLessonScreen
from gdtui.ui.screens.name_question import NameQuestion

ASK = {"t": "spotlight", "id": 7, "by": "ms-lee"}
STEP2 = {"lesson": "learning-steps", "ops": [["step", 2]], "selected": [0, 0]}


def served_app(lesson_id=None, lang="en"):
    events, sent = [], []
    app = app_for(lesson_id, served=True, lang=lang,
                  recorder=Recorder(Progress("ada"), events.append))
    app.to_server = sent.append
    return app, events, sent


def too_many(app) -> None:
    """A lesson whose keys do not compact past what a state may hold."""
    session = app.screen.session
    for _ in range(MAX_OPS + 1):
        session.toggle_frozen(0, 0, "w")


# Each family: the lesson opened (None: the list), the keys, what is done
# besides, and the reply the server gets.
WHERE = {
    "on the list": (None, [], None, {"state": None, "error": "list"}),
    "at step 2": ("learning-steps", ["space", "space"], None, {"state": STEP2, "step": 2}),
    "the second weight selected": ("multi-input", ["space", "right"], None, {"state": {
        "lesson": "multi-input", "ops": [["step", 1]], "selected": [0, 1]}, "step": 1}),
    "with help open over the lesson": ("learning-steps", ["space", "space", "question_mark"],
                                       None, {"state": STEP2, "step": 2}),
    "following a presented lesson": (None, [], lambda app: app.follow(
        {"t": "follow", "state": STEP2, "by": "ms-lee"}), {"state": STEP2, "step": 2}),
    "on MNIST": ("mnist", ["space"], None, {"state": None, "error": "image", "lesson": "mnist"}),
    "too many changes": ("frozen-weight", [], too_many, {"state": None, "error": "long"}),
}


@pytest.mark.parametrize("name", WHERE)
async def test_the_app_sends_the_lesson_on_its_screen_or_why_not(name):
    lesson_id, keys, then, reply = WHERE[name]
    app, events, sent = served_app(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        if then is not None:
            then(app)
            await pilot.pause()
        before = list(events)
        app.spotlit(ASK)
        await pilot.pause()
        assert sent[0] == {"t": "spotlight_state", "id": 7, **reply}
        asked = isinstance(app.screen, NameQuestion)
        assert asked == (reply["state"] is not None)  # asked only when the class sees it
        assert events == before  # nothing recorded as the learner's


# Each family: the learner's key on the question, and what the server is told.
ANSWERS = {"y": True, "n": False, "escape": False}


@pytest.mark.parametrize("key", ANSWERS)
async def test_the_learners_answer_goes_to_the_server(key):
    app, _, sent = served_app("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.spotlit(ASK)
        await pilot.pause()
        question = shown(app.screen.query_one("Static"))
        assert "ms-lee is showing your lesson to the class" in question
        await pilot.press(key)
        await pilot.pause()
        assert sent[1:] == [{"t": "spotlight_name", "id": 7, "agreed": ANSWERS[key]}]
        assert not isinstance(app.screen, NameQuestion)
        said = "with your name" if ANSWERS[key] else "as a classmate's, without your name"
        assert any(said in n.message for n in notices(app))
        app.spotlit({"t": "spotlight", "id": 7, "ended": True, "by": "ms-lee"})
        await pilot.pause()
        assert notices(app)[-1].message == "ms-lee stopped showing your lesson"


async def test_the_end_before_an_answer_closes_the_question_and_names_nobody():
    app, _, sent = served_app("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.spotlit(ASK)
        await pilot.pause()
        app.spotlit({"t": "spotlight", "id": 6, "ended": True})  # another spotlight's end
        await pilot.pause()
        assert isinstance(app.screen, NameQuestion)
        app.spotlit({"t": "spotlight", "id": 7, "ended": True})
        await pilot.pause()
        assert not isinstance(app.screen, NameQuestion)
        await pilot.press("y")  # too late: nothing to answer
        await pilot.pause()
        assert [m["t"] for m in sent] == ["spotlight_state"]


# Each family: the language, the name the class may see (None: not agreed),
# and the follower's banner, then the line a refused key shows.
BANNERS = {
    "anonymous": ("en", None, "a classmate's lesson, shown by ms-lee — F to work on your own",
                  "a classmate's lesson: F to work on your own"),
    "named": ("en", "ada", "here is what ada found (shown by ms-lee) — F to work on your own",
              "ada's lesson: F to work on your own"),
    "a name with escapes": ("en", "a\x1b[2Jda", "here is what a\\x1b[2Jda found",
                            "a\\x1b[2Jda's lesson"),
    "anonymous, in Chinese": ("zh", None, "一位同学的课程,由 ms-lee 展示", "一位同学的课程:按 F"),
    "named, in Chinese": ("zh", "ada", "这是 ada 的发现(由 ms-lee 展示)", "ada 的课程:按 F"),
}


@pytest.mark.parametrize("name", BANNERS)
async def test_a_follower_sees_whose_lesson_it_is(name):
    lang, whose, banner, refused = BANNERS[name]
    app, events, _ = served_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        app.follow({"t": "follow", "state": STEP2, "by": "ms-lee", "spotlight": {"name": whose}})
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowedLessonScreen) and screen.session.trainer.steps_done == 2
        assert banner in " ".join(shown(screen.query_one(FollowBanner)).split())
        await pilot.press("space")
        await pilot.pause()
        assert refused in screen.message and screen.session.trainer.steps_done == 2
        app.follow({"t": "follow", "state": None, "by": "ms-lee"})
        await pilot.pause()
        ended = {"en": "the spotlight ended", "zh": "展示已结束"}[lang]
        assert ended in shown(screen.query_one(FollowBanner))
    assert not [e for e in events if e.kind in ("step", "answer", "tick")]


async def test_a_late_name_names_the_lesson_already_shown():
    app, _, _ = served_app()
    async with app.run_test(size=(80, 24)) as pilot:
        message = {"t": "follow", "state": STEP2, "by": "ms-lee", "spotlight": {"name": None}}
        app.follow(message)
        await pilot.pause()
        screen = app.screen
        app.follow(dict(message, spotlight={"name": "ada"}))
        await pilot.pause()
        assert app.screen is screen  # the same screen, the same step: only the banner
        assert "here is what ada found" in shown(screen.query_one(FollowBanner))
