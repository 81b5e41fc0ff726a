"""Text a learner controls never reaches Rich markup: a trace folder's name,
a paste into the edit form; and a paste is capped (issue 9)."""

import pytest
from textual import events

from app_support import app_for, notices
from gdtui.ui.paste import PASTE_LIMIT

MARKUP = ["[/]", "[/b]", "[b]", "[red]x[/red]", "[@click=app.quit]x"]


def said(app) -> list[str]:
    return [n.message for n in notices(app)]


@pytest.mark.parametrize("markup", MARKUP)
async def test_saving_to_a_folder_named_like_markup(tmp_path, monkeypatch, markup):
    folder = tmp_path / f"traces {markup} here"
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(folder))
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", "s")
        await pilot.pause()
        assert any(str(folder) in m for m in said(app)), said(app)
    assert len(list(folder.glob("*.csv"))) == 1


@pytest.mark.parametrize("markup", MARKUP)
async def test_markup_pasted_into_the_edit_form_is_shown_as_typed(markup):
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("e")
        field = app.screen.query_one("#alpha")
        field.value = ""
        app.post_message(events.Paste(markup))
        await pilot.pause()
        assert field.value == markup
        error = app.screen.query_one("#alpha-error")
        assert error.display and "not a number" in str(error.render())
        await pilot.press("escape")


async def test_a_huge_paste_is_cut_and_said():
    """1 MB pasted into a field: the first PASTE_LIMIT characters land, and
    the learner is told (it froze the app for 12-26 s)."""
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("e")
        field = app.screen.query_one("#alpha")
        field.value = ""
        app.post_message(events.Paste("7" * 1_000_000))
        await pilot.pause()
        assert field.value == "7" * PASTE_LIMIT
        assert said(app) == [f"A field holds at most {PASTE_LIMIT:,} characters; the rest was left out."]


SAVES = {
    "nothing yet, en": ("en", [], "nothing to save yet", None),
    "nothing yet, zh": ("zh", [], "还没有可保存的内容", None),
    "saved, zh": ("zh", ["space"], None, "已保存 1 步到"),
    "cannot, zh": ("zh", ["space"], None, "保存失败"),
}


@pytest.mark.parametrize("lang, keys, status, toast", SAVES.values(), ids=SAVES.keys())
async def test_save_says_what_happened_in_the_learners_language(tmp_path, monkeypatch, lang, keys,
                                                                 status, toast):
    folder = tmp_path / "traces"
    if toast == "保存失败":
        folder.write_text("a file where the folder should be")
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(folder))
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press(*keys, "s")
        await pilot.pause()
        if status:
            assert status in app.screen.message and not said(app)
        else:
            assert any(toast in m for m in said(app)), said(app)


HOSTILE = ["[/]", "[@click=app.quit]x", "\x1b]0;title\x07", "\x1b[2J", "\x1b]52;c;aGk=\x07", "a\u202eb", "x\udcff"]


@pytest.mark.parametrize("text", HOSTILE)
async def test_every_notice_is_shown_as_written(text):
    """Whoever calls notify (app, screen, widget), with markup or not: the
    text is shown with its escapes visible and never parsed as markup."""
    from gdtui.text.safe import visible

    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.screen.notify(f"saved to {text}", title=text)
        await pilot.pause()
        notice = notices(app)
        assert [n.message for n in notice][-1] == f"saved to {visible(text)}"
        assert not list(notice)[-1].markup


async def test_a_screen_already_covered_does_not_dismiss_the_one_on_top():
    """Two Enters in one read dismissed the palette twice, popping the screen
    under it (ScreenStackError once the stack ran out)."""
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert palette is not help_screen
        help_screen.dismiss()  # covered: nothing happens
        await pilot.pause()
        assert app.screen is palette
        palette.dismiss()
        palette.dismiss()  # gone already: nothing happens
        await pilot.pause()
        assert app.screen is help_screen


async def test_a_disk_that_fills_between_the_two_files_saves_neither(tmp_path, monkeypatch):
    """The CSV was left behind while the app said the save had failed."""
    import errno
    import os

    folder = tmp_path / "traces"
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(folder))
    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file's data: the disk is full now
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", "s")
        await pilot.pause()
        assert any("No space left on device" in m for m in said(app)), said(app)
        assert not any(".csv" in m for m in said(app)), said(app)
    assert list(folder.iterdir()) == []
