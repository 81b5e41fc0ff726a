"""Every place the app draws text not written by us, with every kind of
hostile string: nothing raw reaches the terminal, nothing is parsed as markup.

A lesson file puts one hostile string (a family below) in each of its fields
(title, notes, labels, prompts, exercise texts, hints) and a broken file puts
it in its error; the learner types and pastes it (predict and edit fields);
it is the trace folder's path, the MNIST folder's path, a progress warning,
a message from the teacher. The walk visits every screen that shows one of
them and checks, on each, what the compositor hands the terminal (every
segment of every screen in the stack, toasts included):

- no control character (C0, DEL, C1), bidi override or isolate, or lone
  surrogate in any segment's text;
- no link, @click action or blink in any style (markup such as
  `[@click=app.quit]`, `[link=…]` or `[blink]` parsed);
- and the place shows the string as `visible` writes it (so `[b]x[/b]` was
  not taken as bold, `[/]` did not crash).

The command line's prints are in tests/output/test_cli_hostile_text.py.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from textual.widgets import Input, Label, OptionList

from fuzz_support import handled
from gdtui.lessons.loader import load_catalog
from gdtui.practice.progress import Progress, Recorder
from gdtui.text.safe import visible
from gdtui.ui.app import make_app
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.driver.parser import SafeXTermParser
from app_support import search_palette, shown

# family: one string of it, short enough for a label (at most 40 characters).
FAMILIES = {
    "osc title": "\x1b]0;pwned\x07",
    "screen clear": "\x1b[2J\x1b[H",
    "osc 52": "\x1b]52;c;cHduZWQ=\x07",
    "csi": "\x1b[31mred\x1b[0m",
    "c1 controls": "\x9b2J\x85\x9d0;t\x9c",  # \x85 inside: str.strip() takes it as a space
    "bidi": "\u202eevil\u202c\u2066i\u2069",
    "lone surrogates": "x\udcff\ud800",
    "close tag": "[/]",
    "bold": "[b]x[/b]",
    "blink": "[blink]x[/blink]",  # gdtui never blinks: a blinking cell is markup parsed
    "click": "[@click=app.quit]x",
    "link": "[link=https://e.x]x",
}

# What the terminal must never receive raw (defined here, not taken from
# gdtui.text.safe, so the test does not share the code it checks).
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def lesson_source(raw: str) -> str:
    text = repr(raw)
    return textwrap.dedent(f"""
        from gdtui import Lesson
        lesson = Lesson(
            id="hostile", title={text}, notes={{"en": {text}, "zh": {text}}},
            weights=[[0.1, 0.2], [0.3, 0.4]], input=[1, 2], goal=[0.5, 0.2], alpha=0.1, steps=4,
            input_labels=[{text}, "b"], output_labels=[{text}, "o"],
            prompts=[{{"after": 0, "en": {text}, "zh": {text}}}],
            exercises=[{{"id": "e1", "en": {text}, "zh": {text},
                         "hint": {{"en": {text}, "zh": {text}}}, "check": {{"diverged": True}}}}],
        )
    """)


def leaks(app) -> list[str]:
    """What the compositor would send raw, or as a live link/action."""
    found = []
    for screen in app.screen_stack:
        for strip in screen._compositor.render_strips():
            for segment in strip:
                style = segment.style
                if RAW.search(segment.text):
                    found.append(f"{type(screen).__name__}: raw {segment.text!r}")
                if style is not None and (style.link or "@click" in (style.meta or {}) or style.blink):
                    found.append(f"{type(screen).__name__}: markup parsed {segment.text!r}: {style}")
    return found


def drawn(app) -> str:
    """Every segment's text of every screen in the stack, as one string."""
    return "\n".join(
        "".join(segment.text for segment in strip)
        for screen in app.screen_stack for strip in screen._compositor.render_strips()
    )


def flat(text: str) -> str:
    return "".join(text.split())  # a long line may wrap: compare without spaces


async def type_raw(pilot, raw: str) -> None:
    """Type `raw` as a terminal would send it (through gdtui's parser), then
    paste it (bracketed). Textual's parser turns an ESC, typed or inside a
    paste, into a "^" key and reads on (textual/_xterm_parser.py); a C1 or
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
        titles = "\n".join(options.get_option_at_index(i).prompt.plain
                           for i in range(options.option_count))
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
