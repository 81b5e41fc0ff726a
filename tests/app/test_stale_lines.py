"""What the screen says is never older than the run: a message goes once the
run moves on without saying anything new, a reopened lesson shows the
exercise still to do, the freeze prompt follows the weight's state."""

import pytest

from app_support import app_for, shown

# (what, lesson, keys, the words, on the status line after the keys)
MESSAGES = [
    ("alpha said", "learning-steps", ["right_square_bracket"], "alpha 1 → 2 from the next step", True),
    ("alpha gone after the step", "learning-steps", ["right_square_bracket", "space"],
     "alpha 1 → 2", False),
    ("alpha gone after a step back", "learning-steps", ["space", "right_square_bracket", "b"],
     "alpha 1 → 2", False),
    ("alpha said twice, the second stays", "learning-steps",
     ["right_square_bracket", "space", "right_square_bracket"], "alpha 2 → 5 from the next step", True),
    ("edit said", "learning-steps", ["e", "backspace", "2", "enter"],
     "changed: it applies from the next step", True),
    ("edit gone after the step", "learning-steps", ["e", "backspace", "2", "enter", "space"],
     "changed", False),
    ("an untouched form changes nothing", "learning-steps", ["e", "enter"], "nothing changed", True),
    ("... and does not say changed", "learning-steps", ["e", "enter"], "changed:", False),
    ("freeze said", "multi-input", ["f"], "a: toes frozen from next step", True),
    ("freeze gone after the step", "multi-input", ["f", "space"], "frozen", False),
    ("speed said", "learning-steps", ["plus"], "run speed 50 steps/s", True),
    ("speed gone after the step", "learning-steps", ["plus", "space"], "run speed", False),
    ("reset said at step 0", "learning-steps", ["space", "0"], "reset to", True),
    ("reset gone after the step", "learning-steps", ["space", "0", "space"], "reset to", False),
]


@pytest.mark.parametrize("what, lesson_id, keys, words, there", MESSAGES,
                         ids=[m[0] for m in MESSAGES])
async def test_a_message_lasts_until_the_run_moves_on(what, lesson_id, keys, words, there):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        status = shown(app.screen.query_one("StatusBar"))
        assert (words in status) == there, status


def prompt_text(app) -> str:
    return " ".join(shown(app.screen.query_one("PromptLine")).split())


# (what, frozen-weight's steps run first, keys, words in the prompt, words not in it)
FREEZE_PROMPTS = [
    ("frozen at the start", 0, [], "a (toes) is frozen", "a is free"),
    ("unfrozen at step 0", 0, ["f"], "a is free", "is frozen"),
    ("frozen again", 0, ["f", "f"], "a (toes) is frozen", "a is free"),
    ("converged, still frozen", 400, [], "Press f to unfreeze a", "a is free"),
    ("converged, then unfrozen", 400, ["f"], "a is free: step, and it stays put",
     "Press f to unfreeze"),
    ("unfrozen and stepped", 400, ["f", "space"], "it stays put", "Press f to unfreeze"),
]


@pytest.mark.parametrize("what, steps, keys, there, gone", FREEZE_PROMPTS,
                         ids=[p[0] for p in FREEZE_PROMPTS])
async def test_the_freeze_prompt_follows_the_weight(what, steps, keys, there, gone):
    app = app_for("frozen-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.session.run(steps)
        screen.session.caught_up()
        await pilot.press(*keys)
        text = prompt_text(app)
        assert there in text and gone not in text, text
