"""Run mode pauses by itself at convergence and at an overflow, and says so
(issue 20, item 7: `r` ran on forever; hot-cold reached step 182,979)."""

import pytest
from rich.cells import cell_len

from app_support import app_for, shown, until
from gdtui.engine.diagnose import CONVERGED_ERROR
from gdtui.text.i18n import tr

# lesson: the first step whose error is below 1e-6 (engine's run, 3,000 steps)
CONVERGES = {"learning-steps": 6, "alpha-fix": 12, "direction-amount": 23, "reducing-error": 25,
             "multi-input": 5, "multi-io": 7, "frozen-weight": 8, "hot-cold": 1100,
             "multi-output": 162}


async def run_until_paused(pilot, screen, fast=True):
    await pilot.press(*(["plus"] * 6 if fast else []), "r")  # (the speed first: it says so too)
    await until(pilot, lambda: not screen.session.running, pauses=6000)
    await pilot.pause()


@pytest.mark.parametrize("lesson_id, step", sorted(CONVERGES.items()))
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_pauses_at_the_step_it_converges(lesson_id, step, lang):
    app = app_for(lesson_id, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await run_until_paused(pilot, screen)
        trainer = screen.session.trainer
        assert trainer.steps_done == step  # the very step: flat out goes back the slice's extra
        assert trainer.errors[-1] < CONVERGED_ERROR and trainer.errors[-2] >= CONVERGED_ERROR
        said = tr("msg_paused_converged", lang, n=step)
        line = shown(screen.query_one("StatusBar")).rstrip("\n")
        assert said in line and cell_len(line) <= 80
        # the weights are the step's own: the same as a fresh run of that many steps
        fresh = screen.lesson.trainer()
        fresh.run(step)
        assert trainer.weights.tobytes() == fresh.weights.tobytes()


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_r_again_runs_on_past_convergence(lang):
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await run_until_paused(pilot, screen)
        await pilot.press("r")
        await until(pilot, lambda: screen.session.trainer.steps_done > 10, pauses=4000)
        assert screen.session.running
        # "paused (r runs on)" does not stay up while it runs on
        step = CONVERGES["learning-steps"]
        assert screen.message == tr("msg_running_on", lang, n=step)
        assert tr("msg_paused_converged", lang, n=step) not in shown(screen.query_one("StatusBar"))
        await pilot.press("r")
        await until(pilot, lambda: not screen.session.running, pauses=4000)
        await pilot.press("r")  # paused by hand, not by convergence: nothing more is said
        await until(pilot, lambda: screen.session.running, pauses=4000)
        words = tr("msg_running_on", lang, n=0).split("(")[0].split("（")[0]
        assert words not in screen.message


async def test_at_the_default_speed_too():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await run_until_paused(pilot, screen, fast=False)
        assert screen.session.trainer.steps_done == CONVERGES["learning-steps"]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_pauses_at_an_overflow_and_says_so(lang):
    app = app_for("explosion", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await run_until_paused(pilot, screen)
        assert screen.session.trainer.diverged_at == 326 and not screen.session.running
        line = shown(screen.query_one("StatusBar")).rstrip("\n")
        assert tr("msg_paused_overflow", lang) in line and tr("overflowed", lang, n=326) in line
        assert cell_len(line) <= 80


async def test_a_run_that_has_not_converged_runs_on():
    """multi-output at alpha 0.1 converges at step 162 (CONVERGES): run mode
    never pauses itself before that. Watched at every pause of the test, and
    however far apart a busy machine puts those (the run steps at 200 a
    second meanwhile), a pause is only ever the one at convergence."""
    app = app_for("multi-output")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        session = screen.session
        await pilot.press("r", *["plus"] * 3)
        stopped: list[int] = []

        def at_40_or_stopped() -> bool:
            if not session.running and not stopped:
                stopped.append(session.trainer.steps_done)
            return bool(stopped) or session.trainer.steps_done >= 40

        await until(pilot, at_40_or_stopped, pauses=4000)
        if stopped:  # the machine was slow: the run got to its convergence first
            assert stopped == [CONVERGES["multi-output"]]
            return
        await pilot.press("r")
        assert "converged" not in screen.message
