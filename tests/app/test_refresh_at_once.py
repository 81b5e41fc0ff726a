"""gdtui.ui.driver.refresh: a PartWidget's refresh is on its screen's queue
when refresh() returns, the widget not woken for it; Textual's own way on
any other Textual; and everything else that prompts a widget still does."""

import asyncio

import pytest
from textual import messages
from textual.app import App

from gdtui.ui.driver import versions
from gdtui.ui.driver.refresh import RefreshesAtOnce


class Word(RefreshesAtOnce):
    DEFAULT_CSS = "Word { height: 1; }"
    word = "before"

    def render(self) -> str:
        return self.word


class Words(App):
    def compose(self):
        yield Word(id="a")
        yield Word(id="b")


def queued(pump) -> list:
    return list(pump._message_queue.values)


def kinds(pump) -> list[str]:
    return [type(m).__name__ for m in queued(pump)]


@pytest.mark.parametrize("version, widget_woken, screen_told", [
    (None, False, True),  # the Textual the patches were written for
    ("9.0.0", True, False),  # any other: Textual's own refresh
])
async def test_refresh_reaches_the_screen_at_once(monkeypatch, version, widget_woken, screen_told):
    if version:
        monkeypatch.setattr(versions, "installed", lambda: version)
    async with Words().run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        word, screen = pilot.app.query_one("#a", Word), pilot.app.screen
        assert not queued(word) and not queued(screen)
        word.word = "after"
        word.refresh()
        assert ("Prompt" in kinds(word)) == widget_woken
        updates = [m for m in queued(screen) if isinstance(m, messages.Update)]
        assert ([m.widget for m in updates] == [word]) == screen_told
        await pilot.pause()
        assert "after" in pilot.app.export_screenshot()  # and the frame shows it


@pytest.mark.parametrize("case", ["layout", "two widgets", "twice", "regions"])
async def test_each_kind_of_refresh_is_drawn(case):
    async with Words().run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        a, b = pilot.app.query_one("#a", Word), pilot.app.query_one("#b", Word)
        a.word, b.word = "one", "two"
        if case == "layout":
            a.styles.height = 2  # (a style refresh: Textual prompts for it)
            a.refresh(layout=True)
        elif case == "two widgets":
            a.refresh()
            b.refresh()
        elif case == "twice":
            a.refresh()
            a.refresh()
        else:
            a.refresh(a.size.region)
        if case != "layout":  # neither widget woken for its refresh
            assert "Prompt" not in kinds(a) + kinds(b)
        await pilot.pause()
        shot = pilot.app.export_screenshot()
        assert "one" in shot
        if case == "two widgets":
            assert "two" in shot
        if case == "layout":
            assert a.size.height == 2


async def test_a_refresh_still_runs_what_waits_for_idle():
    """call_next prompts the widget itself: not lost to the skipped prompt.
    (Awaited on its own: Pilot.pause would wake every widget anyway.)"""
    ran = asyncio.Event()
    async with Words().run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        word = pilot.app.query_one("#a", Word)
        word.call_next(ran.set)
        word.refresh()
        await asyncio.wait_for(ran.wait(), timeout=10)


def test_before_mounting_a_refresh_is_textuals():
    word = Word()
    assert word.refresh() is word and not word._refreshing
