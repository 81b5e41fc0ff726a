"""Every place the app draws text not written by us, with every kind of
hostile string: nothing raw reaches the terminal, nothing is parsed as markup.

A lesson file puts one hostile string (a family below) in each of its fields
(title, notes, labels, prompts, exercise texts, hints) and a broken file puts
it in its error; the learner types and pastes it (predict and edit fields);
it is the trace folder's path, the MNIST folder's path, the class view's state
folder, a progress warning,
a message from the teacher. The walk visits every screen that shows one of
them and checks, on each, what is drawn (every segment of every widget shown
on every screen in the stack, toasts included):

- no control character (C0, DEL, C1), bidi override or isolate, or lone
  surrogate in any segment's text;
- no link, @click action or blink in any style (markup such as
  `[@click=app.quit]`, `[link=…]` or `[blink]` parsed);
- and the place shows the string as `visible` writes it (so `[b]x[/b]` was
  not taken as bold, `[/]` did not crash).

The families: tests/hostile_text.py; the command line's prints:
tests/output/test_cli_hostile_text.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from cli_support import SHARED_MNIST
from fuzz_support import handled
from hostile_text import FAMILIES, RAW, lesson_source
from gdtui.lessons.loader import load_catalog
from gdtui.practice.progress import Progress, Recorder
from gdtui.text.safe import visible
from gdtui.ui.app import make_app
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.driver.parser import SafeXTermParser
from app_support import leaks, listed, search_palette, shown, strips


def drawn(app) -> str:
    """Every segment's text of every widget shown, then each notice's
    text (whole: on screen a long one is cut), as one string."""
    lines = ["".join(segment.text for segment in strip) for _, strip in strips(app)]
    return "\n".join(lines + [shown(toast) for toast in app.screen.query("Toast")])


def flat(text: str) -> str:
    return "".join(text.split())  # a long line may wrap: compare without spaces


async def type_raw(pilot, raw: str) -> None:
    """Type `raw` as a terminal would send it (through gdtui's parser), then
    paste it (bracketed). Textual's parser turns an ESC, typed or inside a
    paste, into a "^" key and reads on (Textual's XTermParser); a C1 or
    bidi character typed is not printable, so no field takes it; pasted, it
    is shown as its escape (gdtui.ui.paste.pasted_text)."""
    parser = SafeXTermParser()
    for message in [*parser.feed(raw), *parser.tick(), *parser.feed("\x1b[200~" + raw + "\x1b[201~")]:
        pilot.app.post_message(message)
    await handled(pilot)


class Walk:
    """Visits the places in order; each check notes what it found wrong."""

    def __init__(self, app, raw: str) -> None:
        self.app, self.raw, self.expected = app, raw, visible(raw)
        self.problems: list[str] = []
        self.seen: set[str] = set()  # leaks already noted, at the first place they showed

    def check(self, place: str, text: str | None = None, raw: str | None = None,
              typed: bool = False) -> None:
        for leak in leaks(self.app):
            if leak not in self.seen:
                self.seen.add(leak)
                self.problems.append(f"{place}: {leak}")
        shows = drawn(self.app) if text is None else text
        expected = self.expected if raw is None else visible(raw)
        if typed:  # what a field holds: never a hidden character
            if RAW.search(text):
                self.problems.append(f"{place}: the field holds {text!r}")
            if "\x1b" in self.raw:
                return  # Textual makes ESC in a paste keys ("^", then the rest): see type_raw
        if flat(expected) not in flat(shows):
            self.problems.append(f"{place}: {expected!r} not shown")


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory):
    out = {}
    for k, (family, raw) in enumerate(FAMILIES.items()):
        directory = tmp_path_factory.mktemp(f"family{k}")
        (directory / "hostile.py").write_text(lesson_source(raw), encoding="utf-8")
        (directory / "broken.py").write_text(f"raise RuntimeError({raw!r})\n", encoding="utf-8")
        catalog = load_catalog([str(directory)], use_env=False)
        assert "hostile" in catalog.lessons, catalog.problems
        out[family] = catalog
    return out


@pytest.mark.parametrize("family", list(FAMILIES))
async def test_every_place_shows_hostile_text_as_written(family, catalogs, tmp_path, monkeypatch):
    raw = FAMILIES[family]
    # The environment holds bytes: a lone surrogate from it is one that
    # stands for a byte (\udc80-\udcff), never \ud800.
    in_path = raw.replace("\ud800", "")
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(tmp_path / f"t{in_path}"))
    recorder = Recorder(Progress("learner"), warning=f"progress: {raw}")
    app = make_app(catalogs[family], None, lang="en", recorder=recorder)
    walk = Walk(app, raw)
    async with app.run_test(size=(220, 60), notifications=True) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        titles = "\n".join(listed(options, i) for i in range(options.option_count))
        walk.check("list: title", titles)
        walk.check("list: skipped file", shown(app.screen.query_one("#problems")))
        walk.check("list: progress warning")  # a toast

        await search_palette(pilot, "hostile")
        await handled(pilot)
        walk.check("palette: title")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson.id == "hostile"

        await pilot.press("space")
        for widget in ("StatusBar", "LessonNote", "ChainView", "MatrixView"):  # labels, the note
            walk.check(f"lesson: {widget}", shown(screen.query_one(widget)))
        await pilot.press("h")
        walk.check("lesson: History", shown(screen.query_one("History")))
        await pilot.press("h")
        walk.check("lesson: prompt", shown(screen.query_one("PromptLine")))
        walk.check("lesson: exercise", shown(screen.query_one("ExerciseLine")))
        await pilot.press("i")
        hint = shown(screen.query_one("ExerciseLine")).split("\n", 1)[-1]
        walk.check("lesson: hint", hint)
        await pilot.press("n")
        walk.check("lesson: whole note", shown(screen.query_one("LessonNote")))
        walk.check("lesson: status line, input weight", shown(screen.query_one("StatusBar")))
        await pilot.press("right")
        app.teacher_says(raw)
        await handled(pilot)
        walk.check("lesson: status line, teacher's message", shown(screen.query_one("StatusBar")))
        walk.check("lesson: notice")

        await pilot.press("s")  # a trace saved under a hostile folder
        await pilot.pause()
        walk.check("lesson: trace saved", raw=in_path)

        await pilot.press("p", "space")
        assert isinstance(app.screen, PredictScreen), type(app.screen).__name__
        walk.check("predict: question", shown(app.screen.query_one("#question")))
        await pilot.press("tab")  # from the direction (a key answers it) to pred: a field to type in
        assert app.screen.query_one(Input).has_focus
        await type_raw(pilot, raw)
        typed = app.screen.query_one(Input).value
        walk.check("predict: typed", typed, typed=True)
        await pilot.press("enter")
        walk.check("predict: refused", shown(app.screen.query_one("#hint")), raw=typed.strip())
        await pilot.press("escape", "p")
        assert isinstance(app.screen, LessonScreen)

        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        labels = "\n".join(str(label.render()) for label in app.screen.query(Label))
        walk.check("edit: labels", labels)
        await type_raw(pilot, raw)  # into the first field, alpha
        walk.check("edit: typed", app.screen.query_one(Input).value, typed=True)
        await pilot.press("enter")
        walk.check("edit: refused")
        await pilot.press("escape")
    assert app.return_code in (None, 0)
    assert not walk.problems, "\n".join(walk.problems)


def path_part(raw: str) -> str:
    """`raw` as a file name can hold it: the bytes of a path decode to lone
    surrogates \\udc80-\\udcff only (never \\ud800), and `/` separates folders."""
    return raw.replace("\ud800", "")


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no shared MNIST here")
@pytest.mark.parametrize("family", list(FAMILIES))
async def test_mnist_folders_are_shown_as_written(family, tmp_path, monkeypatch):
    raw = path_part(FAMILIES[family])
    monkeypatch.chdir(tmp_path)  # relative paths: short enough to be shown whole
    folder = Path(f"m{raw}")
    folder.mkdir(parents=True)
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (folder / name).symlink_to(SHARED_MNIST / name)
    empty = Path(f"e{raw}")
    empty.mkdir(parents=True)
    for directory, place in ((folder, "mnist: data source"), (empty, "mnist: cannot open")):
        app = make_app(load_catalog(use_env=False), None, lang="en", mnist_dir=str(directory))
        walk = Walk(app, str(directory))
        async with app.run_test(size=(220, 60), notifications=True) as pilot:
            app.open_lesson("mnist")
            await pilot.pause()
            if place == "mnist: data source":
                assert type(app.screen).__name__ == "MnistScreen", drawn(app)[-300:]
                await pilot.press("n")  # the source ends the opened note
                await pilot.pause()
            walk.check(place)
        assert app.return_code in (None, 0)
        assert not walk.problems, "\n".join(walk.problems)


@pytest.mark.parametrize("family", list(FAMILIES))
async def test_the_class_view_shows_its_state_folder_as_written(family, tmp_path, monkeypatch):
    from gdtui.ui.classroom.app import ClassApp

    monkeypatch.chdir(tmp_path)
    folder = Path(f"s{path_part(FAMILIES[family])}")  # no server there: the view says so
    app = ClassApp(folder, look_every=0.3)
    walk = Walk(app, str(folder))
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        for _ in range(100):
            if "no gdtui serve is running" in drawn(app):
                break
            await pilot.pause(0.05)
        walk.check("class view: head and problem")
    assert not walk.problems, "\n".join(walk.problems)
