"""Key fuzz: 3,000 seeded random keypresses through Pilot, spread over every
lesson and the lesson list, with run mode toggled and the terminal resized
between 20x6 and 200x60. Nothing may raise, and whenever we look (every
CHECK_EVERY keys and at the end) the numbers on screen are the engine's.

A failure names its start and seed; rerun one with
`pytest tests/test_fuzz.py -k <start>`.
"""

from __future__ import annotations

import io
import random
import re

import pytest
from rich.console import Console
from textual import events
from textual.screen import ModalScreen

from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app
from gdtui.ui.screens.session_screen import SessionScreen
from gdtui.ui.session import speed_text
from gdtui.ui.screens.mnist import MnistScreen
from gdtui.viz.numbers import fmt

from fuzz_support import CHARS, Watchdog, handled, press, resize

PRESSES = 3000
SEED = 20240607
CHECK_EVERY = 60
CHECK_SIZE = (120, 40)  # wide enough that the status bar is not cut short

# Every key the app binds but q (it would end the fuzz) and Escape (below),
# weighted towards the lesson keys. The junk keys matter most in the edit
# form, where they are typed into its fields; on the lesson list, arrows and
# Enter open another lesson, so the fuzz wanders between lessons too.
KEYS = ["space"] * 6 + [
    "b", "b", "r", "r", "plus", "plus", "minus", "equals_sign", "0", "e", "f", "left", "right",
    "l", "L", "s", "question_mark", "E",
    "x", "enter", "enter", "tab", "up", "down", "pageup", "backspace", "1", "full_stop",
]
# Escape closes a modal, but on a lesson it leaves for the list: now and then
# there, often in a modal, so most keys land on lessons.
ESCAPE_CHANCE = {"lesson": 0.03, "modal": 0.3}  # per batch of keys

STARTS = [None, *load_catalog(use_env=False).lessons]  # None: the lesson list
STEP = re.compile(r"\bstep (\d+)\b|第 (\d+)")  # English or Chinese status line


@pytest.fixture(autouse=True)
def private_paths(tmp_path, monkeypatch):
    """Synthetic digits for mnist (no developer's MNIST cache), and the traces
    that s saves go to tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(tmp_path))


def rendered(widget) -> str:
    console = Console(file=io.StringIO(), width=widget.size.width or 80, color_system=None)
    console.print(widget.render())
    return console.file.getvalue()


async def type_keys(pilot, keys: list[str]) -> None:
    """Send keys back to back, as a fast typist or key repeat would.

    Pilot.press waits for the app to look idle after every key (at least
    40 ms each, and a whole second while run mode is busy). These are the
    events it sends, straight into the app's queue (as fuzz_support.press
    does, so nothing is still on its way when a check starts); the app
    handles them in order, and the checks wait for it (back_to_a_lesson)."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARS.get(key, key)))
    await pilot.pause(0.002)  # let the app (and run mode) take its turn


async def back_to_a_lesson(pilot) -> SessionScreen | None:
    """Resize to CHECK_SIZE (the too-small screen goes), close any modal and
    pause run mode: the lesson screen, or None when on the lesson list."""
    app = pilot.app
    if app.return_code is not None:  # it crashed: run_test raises why
        return None
    await resize(pilot, *CHECK_SIZE)
    for _ in range(5):
        if not isinstance(app.screen, ModalScreen):
            break
        await press(pilot, "escape")
    assert not isinstance(app.screen, ModalScreen), f"stuck on {app.screen!r}"
    # A lesson just opened: wait for its widgets (the watchdog bounds this).
    while isinstance(app.screen, SessionScreen) and not app.screen.query("StatusBar"):
        await pilot.pause(0.01)
    screen = app.screen
    if not isinstance(screen, SessionScreen):
        return None
    if screen.session.running:
        await press(pilot, "r")
    await handled(pilot)  # let a last Stepped message land
    assert not screen.session.running
    return screen


def check_numbers(screen: SessionScreen, where: str) -> None:
    """The status bar's step count and the worked chain's pred are the engine's."""
    trainer = screen.session.trainer
    status = rendered(screen.query_one("StatusBar"))
    shown = STEP.search(status)
    assert shown and int(shown.group(1) or shown.group(2)) == trainer.steps_done, \
        f"{where}: {status!r}"
    if isinstance(screen, MnistScreen) or trainer.last is None:
        return  # MNIST has no chain; before the first step there is no pred
    chain = rendered(screen.query_one("ChainView"))
    # Weights slid or edited since the last step: the chain shows the coming step.
    shown_step = trainer.coming() if screen.session.slid else trainer.last
    for pred in shown_step.pred.ravel()[:3]:  # the chain shows up to three outputs
        # The chain gives 4 to 8 significant digits, by the lesson's shape.
        texts = [fmt(pred, d).replace("-", "−") for d in (4, 5, 6, 8)]
        assert any(t in chain for t in texts), f"{where}: pred {texts} not in\n{chain}"


def presses_for(index: int) -> int:
    """PRESSES spread over the starts; the first ones take the remainder."""
    share, extra = divmod(PRESSES, len(STARTS))
    return share + (index < extra)


def state(app) -> str:
    """Where the app is, for failure messages."""
    lesson = next((s for s in reversed(app.screen_stack) if isinstance(s, SessionScreen)), None)
    where = f"on {type(app.screen_stack[-1]).__name__}"
    if lesson is None:
        return where
    session = lesson.session
    return (f"{where}, lesson {lesson.lesson.id} at step {session.trainer.steps_done}, "
            f"running={session.running}, {speed_text(session.speed)}")


@pytest.mark.parametrize("start", STARTS, ids=[s or "lesson-list" for s in STARTS])
async def test_key_fuzz(start):
    index = STARTS.index(start)
    seed = SEED + index
    rng = random.Random(seed)
    budget = presses_for(index)
    app = make_app(load_catalog(use_env=False), start, lang="en")
    done = 0

    with Watchdog(app, lambda: f"start={start} seed={seed} after {done} keys, {state(app)}") as dog:
        async with app.run_test(size=CHECK_SIZE) as pilot:
            checked_at = 0
            # return_code is set once the app has crashed: run_test raises why.
            while done < budget and app.return_code is None:
                dog.beat()
                roll = rng.random()
                if roll < 0.04:
                    await resize(pilot, rng.randint(20, 200), rng.randint(6, 60))
                elif roll < 0.07:
                    await pilot.pause(rng.uniform(0.01, 0.05))  # let run mode take steps
                else:
                    keys = rng.choices(KEYS, k=min(rng.randint(1, 10), budget - done))
                    modal = isinstance(app.screen, ModalScreen)
                    if rng.random() < ESCAPE_CHANCE["modal" if modal else "lesson"]:
                        keys[-1] = "escape"
                    await type_keys(pilot, keys)
                    done += len(keys)
                if done - checked_at >= CHECK_EVERY or done >= budget:
                    checked_at = done
                    screen = await back_to_a_lesson(pilot)
                    dog.beat()
                    if screen is not None:
                        check_numbers(screen, f"start={start} seed={seed} after {done} keys")
            if app.return_code is None:
                await press(pilot, "q")
    assert app.return_code == 0


async def test_enter_twice_on_the_lesson_list():
    """Found by the fuzz: a second Enter before the first lesson has mounted
    pops that lesson unmounted, whose on_mount then fails (NoMatches)."""
    app = make_app(load_catalog(use_env=False), None, lang="en")
    async with app.run_test(size=CHECK_SIZE) as pilot:
        await type_keys(pilot, ["enter", "enter"])
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
