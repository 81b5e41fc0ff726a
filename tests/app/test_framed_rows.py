"""RowsWidget frames its rows itself (part_widget.Box): what it gives the
compositor is, segment for segment, what Textual's StylesCache gives for the
same widget, on every lesson, in both languages, in ASCII, in the light
theme, cropped; and with any style the Box does not cover (a border, a
tint, an opacity, padding above) it leaves the lines to Textual."""

import pytest
from textual.geometry import Region
from textual.widget import Widget

from app_support import app_for
from gdtui.lessons.loader import load_catalog
from gdtui.ui.widgets.part_widget import Box, RowsWidget

LESSONS = [lesson for lesson in load_catalog([]).lessons if lesson != "mnist"]


def textuals(widget, crop: Region) -> list[list[tuple]]:
    widget.refresh()  # (a whole refresh empties Textual's line cache: drawn afresh)
    return [list(strip) for strip in Widget.render_lines(widget, crop)]


def ours(widget, crop: Region) -> list[list[tuple]]:
    return [list(strip) for strip in widget.render_lines(crop)]


def whole(widget) -> Region:
    return Region(0, 0, widget.outer_size.width, widget.outer_size.height)


async def same_lines(app, pilot, keys, crop_of=whole):
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    widgets = list(app.screen.query(RowsWidget))
    assert widgets
    for widget in widgets:
        if not widget.display or not widget.outer_size.area:
            continue
        crop = crop_of(widget)
        got = ours(widget, crop)
        assert got == textuals(widget, crop), (type(widget).__name__, crop)
    return widgets


# (lesson, language, ascii, theme, size)
CASES = ([(lesson, "en", False, None, (120, 40)) for lesson in LESSONS]
         + [(lesson, "zh", False, None, (80, 24)) for lesson in ("learning-steps", "multi-io")]
         + [("multi-io", "en", True, None, (80, 24)),
            ("learning-steps", "en", False, "textual-light", (120, 40)),
            ("hot-cold", "zh", True, "textual-light", (100, 30))])


@pytest.mark.parametrize("lesson, lang, ascii_only, theme, size", CASES)
async def test_our_lines_are_textuals_lines(lesson, lang, ascii_only, theme, size):
    app = app_for(lesson, lang=lang, ascii_only=ascii_only)
    async with app.run_test(size=size) as pilot:
        if theme:
            app.theme = theme
        await pilot.pause()
        widgets = await same_lines(app, pilot, ["space", "space", "space"])
        # The frame is ours, not a fallback to Textual's (which would pass trivially).
        assert all(Box.of(widget) is not None for widget in widgets)
        await same_lines(app, pilot, ["b", "l"])


CROPS = {
    "left edge": lambda w: Region(0, 1, 3, 2),
    "middle": lambda w: Region(2, 0, max(1, w.outer_size.width - 5), w.outer_size.height),
    "right padding": lambda w: Region(w.outer_size.width - 1, 0, 1, 1),
    "below the drawing": lambda w: Region(0, w.outer_size.height - 1, w.outer_size.width, 1),
}


@pytest.mark.parametrize("crop", list(CROPS))
async def test_a_crop_is_textuals_crop(crop):
    app = app_for("multi-io")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await same_lines(app, pilot, ["space"], CROPS[crop])


STYLES = {
    "a border": "border: solid red;",
    "a tint": "tint: red 30%;",
    "an opacity": "opacity: 0.5;",
    "a text opacity": "text-opacity: 0.5;",
    "padding above": "padding: 1 1 0 1;",
    "an outline": "outline: heavy blue;",
    "a hatch": "hatch: cross red;",
}


@pytest.mark.parametrize("style", list(STYLES))
async def test_other_styles_are_left_to_textual(style):
    app = app_for("learning-steps")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for widget in app.screen.query(RowsWidget):
            widget.set_styles(STYLES[style])
        await pilot.pause()
        widgets = await same_lines(app, pilot, ["space"])
        assert all(Box.of(widget) is None for widget in widgets)


async def test_a_style_change_frames_again():
    """New colours: the framed rows are made again, in them."""
    app = app_for("learning-steps")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await same_lines(app, pilot, ["space"])
        app.theme = "textual-light"
        await pilot.pause()
        await same_lines(app, pilot, [])
        for widget in app.screen.query(RowsWidget):
            widget.set_styles("background: darkblue;")
        await pilot.pause()
        await same_lines(app, pilot, ["space"])
        for widget in app.screen.query(RowsWidget):  # see-through: the screen's colour shows
            widget.set_styles("background: darkblue 40%;")
        app.screen.styles.background = "darkred"  # an ancestor's colour, inline
        await pilot.pause()
        widgets = await same_lines(app, pilot, [])
        assert all(Box.of(widget) == widget._box for widget in widgets)
        parent = widgets[0].parent  # an ancestor's opacity, inline: Textual's path
        parent.styles.opacity = 0.5
        await pilot.pause()
        await same_lines(app, pilot, ["space"])
        assert all(widget._box is None for widget in parent.query(RowsWidget))
