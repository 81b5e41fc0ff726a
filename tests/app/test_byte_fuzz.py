"""Byte fuzz: what a terminal (or someone typing into an SSH session) can send,
fed the way the terminal's bytes reach the app: through the UTF-8 decoder and
the parser that gdtui's driver uses, cut at random places as reads are, into
the app under run_test (notifications on, so their markup is rendered too).

Raw escape sequences, huge CSI parameters, bracketed pastes (markup inside,
and 1 MB), control bytes, bytes that are not UTF-8, focus events, SGR and X10
mouse reports, in-band resizes, and window resizes; into every screen: the
lesson list, a lesson, the edit form, help, the command palette and MNIST.
The app must neither crash nor hang, and must still answer afterwards.

Seeded; a failure prints the seed and the shortest sequence found that still
fails. Rerun one with `pytest tests/test_byte_fuzz.py -k <screen>`.
"""

from __future__ import annotations

import asyncio
import random
import time

import pytest
from textual.command import CommandPalette
from textual.drivers.headless_driver import HeadlessDriver
from textual.screen import ModalScreen

from fuzz_support import Watchdog, handled, press, resize
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.help import HelpScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.mnist import MnistScreen
from gdtui.ui.driver.driver import decoder
from gdtui.ui.driver.parser import SafeXTermParser

SEED = 9_000_000
FRAGMENTS = 240  # per screen: a few seconds of CPU each
PER_READ = 4  # at most this many fragments arrive in one read
SIZE = (100, 30)
SHRINK_SECONDS = 60.0  # how long a failure may spend looking for a shorter sequence

CATALOG = load_catalog(use_env=False)

# screen -> (the lesson to open, the keys that bring it up from there)
SCREENS = {
    "list": (None, []),
    "lesson": ("multi-io", []),
    "edit": ("multi-io", ["e"]),
    "help": ("learning-steps", ["question_mark"]),
    "palette": (None, ["ctrl+p"]),
    "mnist": ("mnist", []),
}
SCREEN_CLASS = {
    "list": LessonListScreen, "lesson": LessonScreen, "edit": EditScreen,
    "help": HelpScreen, "palette": CommandPalette, "mnist": MnistScreen,
}

MARKUP = ["[/]", "[/b]", "[b]", "[red]x[/red]", "[link=file:///etc/passwd]x", "[@click=app.quit]x",
          "[", "]", "\\[", "[[/]]", ":smile:", "[b][/i]", "[on #zzzzzz]"]
TEXT = ["1", "0.5", "-2e-3", "nan", "inf", "1e309", "9" * 40, " ", ",", ";", "é", "中文", "😀", "\u200b",
        "\u202e", "a", "x", "r", "e", "s", "f", "b", "0", "l", "L", "E", "+", "-", "?", " "]
FINALS = "ABCDEFGHIJKLMPSTZ@`abcdfhilmnpqrstu~$^"


def number(rng: random.Random) -> str:
    return rng.choice([
        str(rng.randint(0, 9)), str(rng.randint(0, 300)), str(rng.randint(0, 70000)),
        "9" * rng.randint(10, 25), "1" + "0" * 18, str(2**63), "", "0",
    ])


def csi(rng: random.Random) -> bytes:
    prefix = rng.choice(["", "", "?", "<", ">", "="])
    params = ";".join(number(rng) + (":" + number(rng) if rng.random() < 0.1 else "")
                      for _ in range(rng.randint(0, 4)))
    return f"\x1b[{prefix}{params}{rng.choice(['', '', '$', ' '])}{rng.choice(FINALS)}".encode()


def paste(rng: random.Random, big: bool) -> bytes:
    if big:
        body = ("[/]" + "12345 " * 20 + "\n") * (1_000_000 // 124)
    else:
        body = "".join(rng.choice(MARKUP + TEXT + ["\n", "\r", "\t", "\x1b", "\x00", "\x1b[A"])
                       for _ in range(rng.randint(0, 40)))
    end = "\x1b[201~" if rng.random() < 0.9 else ""  # now and then a paste that never ends
    return f"\x1b[200~{body}{end}".encode()


def mouse(rng: random.Random) -> bytes:
    if rng.random() < 0.6:  # SGR
        button = rng.choice([0, 1, 2, 3, 32, 35, 64, 65, 66, 67]) | rng.choice([0, 4, 8, 16])
        x, y = (rng.choice([0, -1, 1, rng.randint(1, 200), 10**rng.randint(5, 20)]) for _ in "xy")
        return f"\x1b[<{button};{x};{y}{rng.choice('Mm')}".encode()
    return b"\x1b[M" + bytes(rng.randint(32, 255) for _ in range(3))  # X10


def fragment(rng: random.Random) -> bytes | tuple[int, int]:
    """One thing a terminal sends: bytes, or a window resize (a tuple)."""
    kind = rng.choices(
        ["text", "markup", "control", "csi", "ss3", "osc", "alt", "paste", "focus", "mouse",
         "inband", "report", "utf8", "resize", "keys"],
        [14, 4, 6, 14, 3, 2, 4, 6, 3, 6, 2, 2, 3, 2, 10],
    )[0]
    if kind == "text":
        return "".join(rng.choice(TEXT) for _ in range(rng.randint(1, 6))).encode()
    if kind == "markup":
        return rng.choice(MARKUP).encode()
    if kind == "control":
        return bytes(rng.choice([*range(0, 32), 127]) for _ in range(rng.randint(1, 4)))
    if kind == "csi":
        return csi(rng)
    if kind == "ss3":
        return b"\x1bO" + bytes([rng.randint(32, 126)])
    if kind == "osc":
        end = rng.choice(["\x07", "\x1b\\"])
        return f"\x1b]{rng.randint(0, 52)};{rng.choice(MARKUP)}{end}".encode()
    if kind == "alt":
        return b"\x1b" + bytes([rng.randint(0, 127)])
    if kind == "paste":
        return paste(rng, big=False)
    if kind == "focus":
        return rng.choice([b"\x1b[I", b"\x1b[O"])
    if kind == "mouse":
        return mouse(rng)
    if kind == "inband":
        rows, cols = number(rng) or "0", number(rng) or "0"
        return f"\x1b[48;{rows};{cols};{number(rng) or 0};{number(rng) or 0}t".encode()
    if kind == "report":
        return rng.choice([b"\x1b[?2026;2$y", b"\x1b[?2048;1$y", b"\x1b[?2048;2$y", b"\x1b[?1;2c",
                           f"\x1b[{number(rng)};{number(rng)}R".encode()])
    if kind == "utf8":
        return bytes(rng.randint(128, 255) for _ in range(rng.randint(1, 3)))
    if kind == "resize":
        return (rng.choice([1, 2, 20, 80, 120, 250]), rng.choice([1, 2, 6, 24, 40, 90]))
    # keys the app binds, so the fuzz wanders: steps, run mode, speeds, edit, save, back
    return rng.choice([b" ", b"r", b"+", b"-", b"e", b"s", b"f", b"b", b"0", b"\r", b"\t",
                       b"\x1b", b"\x1b[C", b"\x1b[B", b"\x1b[5~", b"?", b"E", b"\x10", b"q"])


def fragments_for(screen: str, seed: int) -> list[bytes | tuple[int, int]]:
    rng = random.Random(seed)
    fragments = [fragment(rng) for _ in range(FRAGMENTS)]
    if screen in ("edit", "palette"):  # where a paste lands in a field
        fragments[FRAGMENTS // 4] = paste(rng, big=True)
    return fragments


def reads(fragments, rng: random.Random):
    """The fragments as the app's reads see them: up to PER_READ at a time
    joined into one, each resize on its own."""
    pending = []
    for item in fragments:
        if isinstance(item, tuple):
            if pending:
                yield b"".join(pending)
                pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= rng.randint(1, PER_READ):
            yield b"".join(pending)
            pending = []
    if pending:
        yield b"".join(pending)


class Feeder:
    """Bytes in, the way gdtui's driver takes them (GdtuiDriver)."""

    def __init__(self, app, rng: random.Random) -> None:
        self.app, self.rng = app, rng
        self.parser, self.decode = SafeXTermParser(), decoder()
        # A driver of our own does the driver's share (mouse offsets, button
        # state; the app's headless one takes no input) and posts straight
        # into the app's queue. Its send_message only schedules the post
        # (run_coroutine_threadsafe), so `handled` could return before the fed
        # keys were even queued, and they landed later, after bring_up's own
        # keys: a late ESC closed the form bring_up had just opened (seen
        # under load as "cannot get back to edit").
        self.driver = HeadlessDriver(app)
        self.driver.send_message = app.post_message

    def deliver(self, message) -> None:
        self.driver.process_message(message)

    def feed(self, data: bytes) -> None:
        cuts = sorted(self.rng.sample(range(len(data) + 1), k=min(2, len(data) + 1)))
        for start, end in zip([0, *cuts], [*cuts, len(data)]):
            text = self.decode(data[start:end])
            # "" would tell the parser the input has ended (half a UTF-8
            # character decodes to ""): the driver skips it too.
            for message in self.parser.feed(text) if text else ():
                self.deliver(message)

    def tick(self) -> None:
        for message in self.parser.tick():  # a lone ESC, once the escape delay is over
            self.deliver(message)


def describe(error: BaseException | str) -> str:
    return error if isinstance(error, str) else f"{type(error).__name__}: {error}"


async def bring_up(pilot, screen: str) -> None:
    """From wherever the fuzz left the app, back to the screen under test."""
    app = pilot.app
    await resize(pilot, *SIZE)
    if isinstance(app.screen, SCREEN_CLASS[screen]):
        return
    for _ in range(6):  # modals, then the lesson
        if isinstance(app.screen, (ModalScreen, HelpScreen)) or (
            screen in ("list", "palette") and isinstance(app.screen, LessonScreen)
        ):
            await press(pilot, "escape")
    lesson, keys = SCREENS[screen]
    on = app.screen
    if lesson is not None and not (isinstance(on, LessonScreen) and on.lesson.id == lesson):
        app.open_lesson(lesson)
        await handled(pilot)
    await press(pilot, *keys)


async def play(screen: str, seed: int, fragments, dog: Watchdog | None = None) -> str | None:
    """Feed `fragments` into a fresh app on `screen`: None if it survived and
    still answers, else what went wrong."""
    lesson, _ = SCREENS[screen]
    app = make_app(CATALOG, lesson, lang="en")
    quits = []
    app.action_quit = lambda: quits.append(1)  # q and ctrl+c would end the fuzz, not the app
    feeder, rng = Feeder(app, random.Random(seed)), random.Random(seed)
    if dog is not None:
        dog.app = app  # a hang: the watchdog stops run mode, then raises AppHung
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await bring_up(pilot, screen)
            for read in reads(fragments, random.Random(seed)):
                if dog is not None:
                    dog.beat()
                if app.return_code is not None:
                    break
                if isinstance(read, tuple):
                    await resize(pilot, *read)
                    continue
                feeder.feed(read)
                await handled(pilot)  # handled, and drawn
                feeder.tick()
                if rng.random() < 0.1:
                    await bring_up(pilot, screen)
            if app.return_code is None:
                await asyncio.sleep(0.15)  # past the escape delay: a lone ESC comes out
                feeder.tick()
                await bring_up(pilot, screen)
                if not isinstance(app.screen, SCREEN_CLASS[screen]):
                    return f"cannot get back to {screen}: on {type(app.screen).__name__}"
                del app.action_quit
                for _ in range(6):  # q types a q in a form: leave the modals first
                    if isinstance(app.screen, ModalScreen):
                        await press(pilot, "escape")
                await press(pilot, "q")  # the app still answers keys
                await handled(pilot)
    except Exception as error:  # what run_test re-raises: the app's own crash
        return describe(error)
    return None if app.return_code == 0 else f"exit code {app.return_code}"


async def shrink(screen: str, seed: int, fragments, failure: str) -> list:
    """The shortest run of fragments found (delta debugging, bounded by
    SHRINK_SECONDS) that fails the same way."""
    kind = failure.split(":", 1)[0]
    deadline = time.monotonic() + SHRINK_SECONDS

    async def fails(candidate) -> bool:
        with Watchdog(None, lambda: "shrinking") as dog:
            found = await play(screen, seed, candidate, dog)
        return found is not None and found.split(":", 1)[0] == kind

    last = fragments[-1]  # most crashes take one sequence: the one fed last
    if not isinstance(last, tuple) and await fails([last]):
        return [last]
    parts = 2
    while len(fragments) > 1 and time.monotonic() < deadline:
        size = -(-len(fragments) // parts)
        for start in range(0, len(fragments), size):
            rest = fragments[:start] + fragments[start + size:]
            if rest and await fails(rest):
                fragments, parts = rest, max(parts - 1, 2)
                break
        else:
            if size == 1:
                break
            parts = min(parts * 2, len(fragments))
    return fragments


@pytest.fixture(autouse=True)
def private_paths(tmp_path, monkeypatch):
    """Synthetic digits for mnist; traces (s) and screenshots (the palette's
    command) go to tmp_path, never into the checkout."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_byte_fuzz(screen):
    seed = SEED + list(SCREENS).index(screen)
    fragments = fragments_for(screen, seed)
    with Watchdog(None, lambda: f"screen={screen} seed={seed}") as dog:
        failure = await play(screen, seed, fragments, dog)
    if failure is None:
        return
    if failure.startswith("AppHung"):  # replaying hangs would take minutes each
        pytest.fail(f"screen={screen} seed={seed}: {failure}", pytrace=False)
    shortest = await shrink(screen, seed, fragments, failure)
    pytest.fail(f"screen={screen} seed={seed}: {failure}\nshortest failing input "
                f"({len(shortest)} of {FRAGMENTS} fragments):\n{shortest!r}", pytrace=False)
