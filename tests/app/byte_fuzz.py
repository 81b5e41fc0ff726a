"""Byte fuzz: what a terminal (or someone typing into an SSH session) can send,
fed the way the terminal's bytes reach the app: through the UTF-8 decoder and
the parser that gdtui's driver uses, cut at random places as reads are, into
the app under run_test (notifications on, so their markup is rendered too).

Raw escape sequences, huge CSI parameters, F-keys (plain and with every
modifier, in the xterm, rxvt and Linux console spellings), Alt- combinations
(ESC before a key, a character, an arrow, an F-key), bracketed pastes (markup
inside, and 1 MB), control bytes, bytes that are not UTF-8, focus events, SGR
and X10 mouse reports, in-band resizes, and window resizes; into every screen
(TARGETS). The app must not crash, hang or print a traceback, must draw no
raw control byte or escape (nor a link, action or blink from markup), and
must still answer afterwards.

The short run is tests/app/test_byte_fuzz.py, the long one (5,000 fragments
a screen) tests/benchmarks/test_byte_fuzz_long.py.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass

import pytest
from textual.command import CommandPalette
from textual.drivers.headless_driver import HeadlessDriver
from textual.screen import ModalScreen

from app_support import leaks
from fuzz_support import Watchdog, handled, press, resize
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.driver.driver import decoder
from gdtui.ui.driver.parser import SafeXTermParser
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.help import HelpScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.mnist import MnistScreen
from gdtui.ui.screens.session_screen import SessionScreen  # the lesson and MNIST screens' base
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.widgets.history import History

SEED = 9_000_000
PER_READ = 4  # at most this many fragments arrive in one read
SIZE = (100, 30)
LOOK_EVERY = 10  # reads between two looks at what is drawn (a look draws every widget)
SHRINK_SECONDS = 60.0  # how long a failure may spend looking for a shorter sequence

CATALOG = load_catalog(use_env=False)


def history_shown(app) -> bool:
    return isinstance(app.screen, LessonScreen) and any(h.display for h in app.screen.query(History))


@dataclass(frozen=True)
class Target:
    """A screen under test: the lesson the app opens, the keys that bring the
    screen up from there, and how to tell the app is on it."""
    lesson: str | None
    keys: tuple[str, ...]
    there: type | object  # a screen class, or a test of the app
    app: str = "lesson"  # "lesson": gdtui's app; "class": the class view

    def reached(self, app) -> bool:
        if isinstance(self.there, type):
            return isinstance(app.screen, self.there)
        return self.there(app)


TARGETS = {
    "list": Target(None, (), LessonListScreen),
    "lesson": Target("multi-io", (), LessonScreen),
    "history": Target("multi-io", ("h",), history_shown),
    "predict": Target("learning-steps", ("space",), PredictScreen),  # after p (bring_up)
    "edit": Target("multi-io", ("e",), EditScreen),
    "help": Target("learning-steps", ("question_mark",), HelpScreen),
    "palette": Target(None, ("ctrl+p",), CommandPalette),
    "mnist": Target("mnist", (), MnistScreen),
    "class": Target(None, (), lambda app: len(app.screen_stack) == 1, app="class"),
}

MARKUP = ["[/]", "[/b]", "[b]", "[red]x[/red]", "[link=file:///etc/passwd]x", "[@click=app.quit]x",
          "[", "]", "\\[", "[[/]]", ":smile:", "[b][/i]", "[on #zzzzzz]"]
TEXT = ["1", "0.5", "-2e-3", "nan", "inf", "1e309", "9" * 40, " ", ",", ";", "é", "中文", "😀", "\u200b",
        "\u202e", "a", "x", "r", "e", "s", "f", "b", "0", "l", "L", "E", "+", "-", "?", " "]
FINALS = "ABCDEFGHIJKLMPSTZ@`abcdfhilmnpqrstu~$^"
# F1-F4 as SS3 (xterm), CSI ~ (rxvt) and CSI [ (Linux console); F5-F20 as CSI ~.
F_SS3, F_LINUX = "PQRS", "ABCDE"
F_TILDE = [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 29, 31, 32, 33, 34]
MODIFIERS = range(2, 17)  # 1 + shift 1, alt 2, ctrl 4, meta 8
# the keys the screens bind, so the fuzz wanders: steps, run mode, speeds, edit,
# save, back, history, predict, hints, exercises, lessons, the class view's keys
BOUND = [b" ", b"r", b"+", b"-", b"e", b"s", b"f", b"b", b"B", b"0", b"\r", b"\t", b"\x1b",
         b"\x1b[C", b"\x1b[B", b"\x1b[5~", b"?", b"E", b"\x10", b"q", b"h", b"p", b"i", b"x", b"X",
         b"l", b"n", b"[", b"]", b"<", b">", b"P", b"w", b"m", b"M", b"k", b"L"]


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


def f_key(rng: random.Random) -> bytes:
    modifier = rng.choice(MODIFIERS) if rng.random() < 0.5 else None
    spelling = rng.choice(["ss3", "tilde", "tilde", "linux"])
    if spelling == "ss3":
        final = rng.choice(F_SS3)
        return (f"\x1b[1;{modifier}{final}" if modifier else f"\x1bO{final}").encode()
    if spelling == "linux":
        return f"\x1b[[{rng.choice(F_LINUX)}".encode()
    code = rng.choice(F_TILDE)
    return (f"\x1b[{code};{modifier}~" if modifier else f"\x1b[{code}~").encode()


def alt(rng: random.Random) -> bytes:
    """Alt (Meta sends ESC first) with a key: a character, a control, an
    arrow or an F-key; or an arrow with the xterm Alt modifier."""
    kind = rng.choice(["char", "char", "control", "utf8", "arrow", "xterm-arrow", "f-key"])
    if kind == "char":
        return b"\x1b" + bytes([rng.randint(32, 126)])
    if kind == "control":
        return b"\x1b" + bytes([rng.choice([*range(0, 32), 127])])
    if kind == "utf8":
        return b"\x1b" + rng.choice(["é", "中", "😀", "\u202e"]).encode()
    if kind == "arrow":
        return b"\x1b\x1b[" + rng.choice(b"ABCDHF").to_bytes(1, "big")
    if kind == "xterm-arrow":
        return f"\x1b[1;{rng.choice([3, 4, 7, 8, 9, 10])}{rng.choice('ABCDHF')}".encode()
    return b"\x1b" + f_key(rng)


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


KINDS = {  # kind: weight
    "text": 14, "markup": 4, "control": 6, "csi": 12, "ss3": 3, "osc": 2, "f-key": 6, "alt": 8,
    "paste": 6, "focus": 3, "mouse": 6, "inband": 2, "report": 2, "utf8": 3, "resize": 2,
    "keys": 12,
}


def fragment(rng: random.Random) -> bytes | tuple[int, int]:
    """One thing a terminal sends: bytes, or a window resize (a tuple)."""
    kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
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
    if kind == "f-key":
        return f_key(rng)
    if kind == "alt":
        return alt(rng)
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
    return rng.choice(BOUND)


def fragments_for(screen: str, seed: int, count: int) -> list[bytes | tuple[int, int]]:
    rng = random.Random(seed)
    fragments = [fragment(rng) for _ in range(count)]
    if screen in ("edit", "palette", "predict"):  # where a paste lands in a field
        fragments[count // 4] = paste(rng, big=True)
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


@pytest.fixture(autouse=True)
def private_paths(tmp_path, monkeypatch):
    """(Imported by the fuzz tests.) Synthetic digits for mnist; traces (s)
    and screenshots (the palette's command) go to tmp_path, never into the
    checkout."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)


def describe(error: BaseException | str) -> str:
    return error if isinstance(error, str) else f"{type(error).__name__}: {error}"


def app_for(target: Target, state_dir):
    if target.app == "class":
        # No class server: what would be sent to one is kept (as test_presenting).
        app = ClassApp(state_dir, presenter="fuzz", look_every=0.3)
        sent: list = []
        app.present_state = sent.append
        return app
    return make_app(CATALOG, target.lesson, lang="en")


async def bring_up(pilot, screen: str) -> None:
    """From wherever the fuzz left the app, back to the screen under test."""
    app, target = pilot.app, TARGETS[screen]
    await resize(pilot, *SIZE)
    if target.reached(app):
        return
    for _ in range(6):  # modals (and, for the class view, what P opened), then the lesson
        if len(app.screen_stack) > 1 and (
            isinstance(app.screen, (ModalScreen, HelpScreen)) or target.app == "class"
            or (target.lesson is None and isinstance(app.screen, SessionScreen))
        ):
            await press(pilot, "escape")
    if target.app == "class":
        return
    on = app.screen
    if target.lesson is not None and not (isinstance(on, SessionScreen) and on.lesson.id == target.lesson):
        app.open_lesson(target.lesson)
        await handled(pilot)
    if screen == "predict" and not target.reached(app):
        await press(pilot, "space")  # predict mode on: Space asks
        if not target.reached(app):
            await press(pilot, "p", "space")  # it was off
        return
    await press(pilot, *target.keys)


async def play(screen: str, seed: int, fragments, state_dir, dog: Watchdog | None = None) -> str | None:
    """Feed `fragments` into a fresh app on `screen`: None if it survived,
    drew nothing raw and still answers, else what went wrong."""
    app = app_for(TARGETS[screen], state_dir)
    quits = []
    app.action_quit = lambda: quits.append(1)  # q and ctrl+c would end the fuzz, not the app
    feeder, rng = Feeder(app, random.Random(seed)), random.Random(seed)
    if dog is not None:
        dog.app = app  # a hang: the watchdog stops run mode, then raises AppHung
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await bring_up(pilot, screen)
            for number, read in enumerate(reads(fragments, random.Random(seed))):
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
                if number % LOOK_EVERY == 0 and (drawn_raw := leaks(app)):
                    return f"drawn raw: {drawn_raw[0]}"
                if rng.random() < 0.1:
                    await bring_up(pilot, screen)
            if app.return_code is None:
                await asyncio.sleep(0.15)  # past the escape delay: a lone ESC comes out
                feeder.tick()
                await handled(pilot)
                if drawn_raw := leaks(app):
                    return f"drawn raw: {drawn_raw[0]}"
                await bring_up(pilot, screen)
                if not TARGETS[screen].reached(app):
                    return f"cannot get back to {screen}: on {type(app.screen).__name__}"
                del app.action_quit
                for _ in range(6):  # q types a q in a form: leave the modals first
                    if len(app.screen_stack) > 1:
                        await press(pilot, "escape")
                await press(pilot, "q")  # the app still answers keys
                await handled(pilot)
    except Exception as error:  # what run_test re-raises: the app's own crash
        return describe(error)
    return None if app.return_code == 0 else f"exit code {app.return_code}"


async def shrink(screen: str, seed: int, fragments, failure: str, state_dir) -> list:
    """The shortest run of fragments found (delta debugging, bounded by
    SHRINK_SECONDS) that fails the same way."""
    kind = failure.split(":", 1)[0]
    deadline = time.monotonic() + SHRINK_SECONDS

    async def fails(candidate) -> bool:
        with Watchdog(None, lambda: "shrinking") as dog:
            found = await play(screen, seed, candidate, state_dir, dog)
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


async def fuzz(screen: str, count: int, state_dir, capfd) -> str | None:
    """A seeded run of `count` fragments into `screen`: None, or the failure
    with its seed and the shortest input found that still fails."""
    seed = SEED + list(TARGETS).index(screen)
    fragments = fragments_for(screen, seed, count)
    with Watchdog(None, lambda: f"screen={screen} seed={seed}") as dog:
        failure = await play(screen, seed, fragments, state_dir, dog)
    printed = capfd.readouterr()
    if failure is None and "Traceback" in printed.out + printed.err:
        failure = "a traceback printed: " + (printed.out + printed.err)[-2000:]
    if failure is None:
        return None
    if failure.startswith(("AppHung", "a traceback")):  # replaying these would take minutes each
        return f"screen={screen} seed={seed}: {failure}"
    shortest = await shrink(screen, seed, fragments, failure, state_dir)
    return (f"screen={screen} seed={seed}: {failure}\nshortest failing input "
            f"({len(shortest)} of {count} fragments):\n{shortest!r}")
