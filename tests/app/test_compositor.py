"""LineCompositor (gdtui/ui/driver/compositor.py) sends what Textual's own
compositor sends, from a partial update of any dirty regions, while it asks
no widget for lines that are not sent."""

import random

import pytest
from rich.console import Console
from textual._compositor import Compositor
from textual.app import App
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from gdtui.ui.driver.compositor import LineCompositor, compose_by_line
from gdtui.ui.driver.versions import patched

SIZE = (60, 20)


class Boxes(Screen):
    """Widgets side by side, a clipped scroll, a border, an overlay on top, a dock."""

    DEFAULT_CSS = """
    #top { height: 2; background: blue; }
    Horizontal { height: 6; }
    Horizontal Static { width: 1fr; border: round green; }
    VerticalScroll { height: 5; }
    VerticalScroll Static { height: 3; }
    #over { layer: above; offset: 10 3; width: 20; height: 4; background: red; }
    #bottom { dock: bottom; height: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        compose_by_line(self)

    def compose(self):
        yield Static("top", id="top")
        with Horizontal():
            for name in "abc":
                yield Static(name, id=name)
        with VerticalScroll():
            for i in range(4):
                yield Static(f"scrolled {i}", id=f"s{i}")
        yield Static("over", id="over")
        yield Static("bottom", id="bottom")

    def on_mount(self) -> None:
        self.styles.layers = "default above"


class Host(App):
    def on_mount(self) -> None:
        self.push_screen(Boxes())


def render(update, console) -> str:
    return "" if update is None else update.render_segments(console)


def regions_of(case: str, rng: random.Random) -> list[Region]:
    w, h = SIZE
    if case == "top and bottom":  # a lesson step: the box is the whole screen
        return [Region(0, 0, w, 1), Region(0, h - 1, w, 1)]
    if case == "one cell":
        return [Region(rng.randrange(w), rng.randrange(h), 1, 1)]
    if case == "whole":
        return [Region(0, 0, w, h)]
    if case == "under the overlay":
        return [Region(8, 2, 30, 6)]
    if case == "the scroll's clipped rows":
        return [Region(0, 8, w, 5)]
    regions = []  # random, overlapping, clipped to the screen as Textual clips them
    for _ in range(rng.randrange(1, 6)):
        x, y = rng.randrange(-5, w + 5), rng.randrange(-5, h + 5)
        region = Region(x, y, rng.randrange(1, w), rng.randrange(1, 8)).intersection(Region(0, 0, w, h))
        if region:
            regions.append(region)
    return regions or [Region(0, 0, 1, 1)]


CASES = ["top and bottom", "one cell", "whole", "under the overlay", "the scroll's clipped rows",
         *[f"random {i}" for i in range(40)]]


@pytest.mark.parametrize("ours_first", [True, False])
async def test_it_sends_what_textual_sends(ours_first):
    app = Host()
    console = Console(width=SIZE[0], color_system="truecolor", force_terminal=True, legacy_windows=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(VerticalScroll).scroll_to(y=2, animate=False)
        await pilot.pause()
        compositor = screen._compositor
        assert isinstance(compositor, LineCompositor)
        rng = random.Random(19)
        statics = list(screen.query(Static))
        for n, case in enumerate(CASES):
            # New content somewhere, so whichever goes first must render it.
            for static in rng.sample(statics, 3):
                static.update(f"{static.id} {n} " + "x" * rng.randrange(30))
            await pilot.pause()
            for static in statics:  # drawn anew at the next render, as a refresh marks it
                static._styles_cache.set_dirty(static.size.region)
            dirty = set(regions_of(case, rng))
            first, second = (LineCompositor, Compositor) if ours_first else (Compositor, LineCompositor)
            compositor._dirty_regions = set(dirty)
            got_first = render(first.render_partial_update(compositor), console)
            compositor._dirty_regions = set(dirty)
            got_second = render(second.render_partial_update(compositor), console)
            assert got_first == got_second, case
            assert not compositor._dirty_regions


async def test_a_widget_without_a_dirty_line_is_not_asked(monkeypatch):
    """Two lines dirty, the top and the bottom one: Textual's compositor
    renders every widget between them (the canary: the day it does not, drop
    LineCompositor); ours renders only the two widgets holding them."""
    asked: list[str] = []
    real = Static.render_lines

    def render_lines(self, crop):
        asked.append(self.id)
        return real(self, crop)

    monkeypatch.setattr(Static, "render_lines", render_lines)
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        compositor = app.screen._compositor
        w, h = SIZE
        asked_by = {}
        for kind in (Compositor, LineCompositor):
            asked.clear()
            compositor._dirty_regions = {Region(0, 0, w, 1), Region(0, h - 1, w, 1)}
            kind.render_partial_update(compositor)
            asked_by[kind] = set(asked)
        assert {"a", "b", "c", "s0", "over"} <= asked_by[Compositor]  # the bug
        assert asked_by[LineCompositor] == {"top", "bottom"}


async def test_only_the_widgets_under_a_dirty_span_are_asked(monkeypatch):
    """Side by side, a widget is asked for a line only where a dirty span
    reaches it (not for its neighbour's), once for all its lines, and the
    containers behind the widgets (the screen, a scroll, a row) are asked for
    no covered line."""
    asked: list[tuple[str, int, int]] = []
    real = Widget.render_lines

    def render_lines(self, crop):
        asked.append((self.id or type(self).__name__, crop.y, crop.height))
        return real(self, crop)

    monkeypatch.setattr(Widget, "render_lines", render_lines)
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        compositor = screen._compositor
        a, c = screen.query_one("#a"), screen.query_one("#c")  # (b is under the overlay)
        for spans, want in [
            ([Region(a.region.x + 2, a.region.y, 3, 2)],
             {("a", 0, 2)}),
            ([Region(a.region.x + 1, a.region.y + 1, 2, 1), Region(c.region.x + 1, c.region.y + 2, 2, 1)],
             {("a", 1, 1), ("c", 2, 1)}),
            # a's whole top row: the cursor moves to b's start and writes none of b
            ([Region(a.region.x, a.region.y, a.region.width, 1)],
             {("a", 0, 1)}),
            # two of a's rows with one between: one call from the first to the last
            ([Region(a.region.x + 2, a.region.y, 2, 1), Region(a.region.x + 2, a.region.y + 2, 2, 1)],
             {("a", 0, 3)}),
        ]:
            asked.clear()
            compositor._dirty_regions = set(spans)
            LineCompositor.render_partial_update(compositor)
            assert set(asked) == want, spans


@pytest.mark.parametrize("lesson", ["learning-steps", "mnist"])
async def test_the_lesson_screens_compose_by_line(lesson):
    from app_support import app_for

    app = app_for(lesson)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen._compositor, LineCompositor)


def test_compose_by_line_only_on_the_textual_it_was_written_for(monkeypatch):
    from gdtui.ui.driver import versions

    screen = Screen()
    compose_by_line(screen)
    assert isinstance(screen._compositor, LineCompositor) == patched()
    monkeypatch.setattr(versions, "installed", lambda: "9.0.0")
    stock = Screen()
    compose_by_line(stock)
    assert type(stock._compositor) is Compositor
