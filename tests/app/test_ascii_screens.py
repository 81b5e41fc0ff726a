"""ASCII mode (--ascii, LANG=C) on every screen: no glyph a learner needs
falls back to `?`, and our own text reads right (`->`, never a lone `>`).

What a screen draws reaches ASCII two ways: the lesson's widgets through
AsciiOnly and what Textual draws (borders, notices, modal screens) through
the driver; both end in gdtui.viz.ascii.to_ascii, whose last resort is `?`.
Each case records every character that went to `?` there, in the widgets
as they render and in everything the screenshot shows.
"""

import pathlib

import pytest

from app_support import app_for, shown, until
from gdtui.viz import ascii as ascii_module
from gdtui.viz.ascii import spelled, to_ascii
from gdtui.viz.glyphs import ASCII_OF, GLYPHS


@pytest.fixture
def question_marks(monkeypatch):
    """The characters to_ascii could only show as `?`, from a fresh table."""
    seen: list[str] = []
    stand_in = ascii_module._stand_in

    def recorded(char: str) -> str:
        out = stand_in(char)
        if "?" in out:
            seen.append(char)
        return out

    table = ascii_module._Table({code: code for code in range(128)})
    table.update(ascii_module.ASCII_MAP)
    monkeypatch.setattr(ascii_module, "_stand_in", recorded)
    monkeypatch.setattr(ascii_module, "_TABLE", table)
    return seen


def drawn(app) -> str:
    """Every non-ASCII character on the screen (Textual's part is ASCII only
    once the driver has passed it through to_ascii)."""
    return "".join(sorted({c for c in app.export_screenshot() if not c.isascii()}))


# (lesson, size, keys): a state of each screen a learner meets
CASES = {
    "lesson list": (None, (100, 34), []),
    "three steps": ("learning-steps", (100, 34), ["space"] * 3),
    "the note open, the history": ("learning-steps", (100, 34), ["space", "n", "h"]),
    "an exercise and its hint": ("alpha-fix", (100, 34), ["x", "i"]),
    "alpha raised (a notice)": ("learning-steps", (100, 34), ["space", "bracketright"]),
    "predict mode asks": ("learning-steps", (100, 34), ["space", "p"]),
    "predict mode reveals a slip": ("learning-steps", (100, 34), ["space", "p", *"0.168", "enter"]),
    "hot-cold": ("hot-cold", (100, 34), ["space"] * 2),
    "3x3, a weight frozen": ("multi-io", (120, 40), ["space", "right", "f", "space"]),
    "the explosion overflows": ("explosion", (100, 34), ["r", *["plus"] * 8]),  # the fastest run
    "the edit form": ("multi-io", (100, 34), ["e"]),
    "help": ("learning-steps", (100, 34), ["question_mark"]),
    "mnist": ("mnist", (120, 40), ["space"] * 2),
    "mnist maps and the dot product": ("mnist", (120, 40), ["space", "m", "d"]),
    "too small": ("learning-steps", (40, 10), []),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_no_glyph_falls_back_to_a_question_mark(case, question_marks):
    lesson_id, size, keys = case
    app = app_for(lesson_id, ascii_only=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        if "r" in keys:
            await until(pilot, lambda: app.screen.session.trainer.stopped, pauses=4000)
        await pilot.pause()
        for widget in app.screen.query("*"):
            if hasattr(widget, "part") and widget.display:
                assert shown(widget).isascii(), type(widget).__name__
        assert to_ascii(drawn(app)).isascii()
    assert not question_marks, sorted(set(question_marks))


def test_every_named_glyph_has_an_ascii_one():
    from gdtui.viz import glyphs as module

    source = pathlib.Path(module.__file__).read_text()
    for name in GLYPHS[False]:  # a name given twice in one table keeps only its last glyph
        assert source.count(f'"{name}":') == 2, name
    assert GLYPHS[False].keys() == GLYPHS[True].keys()
    assert all(value.isascii() for value in GLYPHS[True].values())
    for name, glyph in GLYPHS[False].items():
        for char in {c for c in glyph if not c.isascii()}:
            assert char in ASCII_OF, (name, char)


@pytest.mark.parametrize("text, spelled_text, one_cell", [
    ("w 0→0.88 · error 0.64→0.0138", "w 0->0.88 | error 0.64->0.0138", "w 0>0.88 | error 0.64>0.0138"),
    ("w -2.3→8.5", "w -2.3->8.5", "w -2.3>8.5"),  # spelled, never a comparison
    ("✓ exercise 2 done", "ok exercise 2 done", "v exercise 2 done"),
    ("▸ Press Space", "> Press Space", "> Press Space"),
    ("error = delta² ≥ 0", "error = delta^2 >= 0", "error = delta2 > 0"),
    ("weight −= alpha × weight_delta", "weight -= alpha * weight_delta", "weight -= alpha * weight_delta"),
    ("weight ± step_amount", "weight +/- step_amount", "weight + step_amount"),
    ("↑, ↓ or =", "up, down or =", "^, v or ="),
])
def test_spelled_before_the_layout_and_cell_for_cell_after(text, spelled_text, one_cell):
    assert spelled(text) == spelled_text
    assert to_ascii(text) == one_cell
