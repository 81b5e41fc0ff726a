"""The MNIST screen at 80x24: every key named, every page within the screen.

(issue 20: the Textual footer stopped at `… l Log L`, so E, m, d, ? and q
were never named; the lower half of the dot page was below the fold.)
"""

import pytest

from app_support import CATALOG, app_for, shown
from gdtui.ui.keys import MNIST, named
from gdtui.ui.view import KeysPart
from gdtui.ui.widgets.key_bar import key_lines

SIZES = [(80, 24), (100, 30), (120, 40), (160, 50)]
LANGS = ["en", "zh"]


# The app keeps a loaded lesson in its catalog: each test starts with it unloaded.
pytestmark = pytest.mark.usefixtures("fresh_mnist_lesson")


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ascii_only", [False, True])
def test_key_lines_name_every_key_within_the_width(width, lang, ascii_only):
    from rich.cells import cell_len

    part = KeysPart(lesson=CATALOG.lessons["mnist"], lang=lang, ascii_only=ascii_only, footer=MNIST)
    lines = key_lines(part, width)
    keys = [key for line in lines for key, _ in line]
    # every key (but L where Chinese cannot be drawn: it would only say so)
    assert len(keys) == len(named(MNIST)) - ascii_only
    for line in lines:
        # " key word " each; the line's last space may be cut
        assert sum(cell_len(k) + cell_len(w) + 3 for k, w in line) - 1 <= width or len(line) == 1
    if width >= 80:
        assert len(lines) <= 2
    if ascii_only:
        assert all((k + w).isascii() for line in lines for k, w in line) or lang == "zh"


WORDS = {
    "en": ["Space step", "E one pass", "m maps", "d dot product", "? keys", "q quit", "L 中文", "f freeze",
           "p predict"],
    "zh": ["Space 一步", "E 学一遍", "m 权重图", "d 点积", "? 按键", "q 退出", "L English", "p 预测"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
async def test_every_key_is_named_on_the_first_page(size, lang):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        bar = app.screen.query_one("MnistKeyBar")
        text = " ".join(shown(bar).split())
        for words in WORDS[lang]:
            assert words in text, (words, text)
        # the bar is as tall as its lines, and within the screen
        assert bar.region.bottom == size[1] and bar.size.height == len(shown(bar).rstrip("\n").split("\n"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("steps", [0, 3])
async def test_the_dot_page_fits_the_screen(size, steps):
    app = app_for("mnist")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*["space"] * steps, "d")
        await pilot.pause()
        page = app.screen.query_one("#dot")
        assert page.max_scroll_y == 0, (page.virtual_size, page.size)
        dot = shown(app.screen.query_one("DotPanel"))
        for words in ("nothing in common: 0", "alike: large", "opposite: negative", "sum = −2",
                      "dot pro", "image × w[0]", "Σ ="):
            assert words in dot, words
        # every score is on the page
        assert all(f"{digit} │" in dot for digit in range(10))


async def test_the_dot_page_lays_out_again_when_the_terminal_grows():
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert "a=[0 1 0 1]" in shown(app.screen.query_one("DotPanel"))  # one line a pair
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        dot = shown(app.screen.query_one("DotPanel"))
        assert "a = [ 0  1  0  1]" in dot and "a=[" not in dot
        assert app.screen.query_one("#dot").max_scroll_y == 0


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_curves_are_drawn_whole_below_the_picture(size):
    app = app_for("mnist")
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "space")
        await pilot.pause()
        curves = app.screen.query_one("CurvesPanel")
        body = app.screen.query_one("#body")
        # the curves end inside the page at step 0 of the scroll
        assert curves.region.bottom <= body.region.bottom
        assert "step" in shown(curves)  # the x axis, the plot's last line
