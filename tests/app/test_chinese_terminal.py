"""L on a terminal that cannot show Chinese: one line saying so, never
Chinese drawn as \\u escapes. The terminal's locale decides (text/charset.py);
the served case is in tests/serve/test_app_served.py."""

import sys
from pathlib import Path

import pytest

from gdtui.text.charset import Terminal
from app_support import app_for, notices, shown, until
from screen_text import notice

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from pty_driver import GDTUI, RecordingPty, app_env, gdtui_app  # noqa: E402

REFUSED = "Chinese needs a UTF-8 terminal"


def status(app) -> str:
    return " ".join(shown(app.screen.query_one("StatusBar")).split())


def messages(app) -> list[str]:
    return [n.message for n in notices(app)]


@pytest.mark.parametrize("terminal, said", [
    (Terminal("C", False), REFUSED + "; the locale says C"),
    (Terminal("POSIX", False), REFUSED + "; the locale says POSIX"),
    (Terminal("zh_CN.GB18030", False), REFUSED + "; the locale says zh_CN.GB18030"),
    (Terminal(None, False), REFUSED + "; no locale is set (LANG=C.UTF-8 is one)"),
    (Terminal("\x1b]0;x\x07", False), REFUSED + "; the locale says \\x1b]0;x\\x07"),
    # LANG is the client's to set, at any length: the notice repeats 32 cells of it
    (Terminal("x" * 5000, False), REFUSED + "; the locale says " + "x" * 31 + "~"),
    (Terminal("\x1b" * 100, False), REFUSED + "; the locale says " + "\\x1b" * 7 + "\\x1~"),
])
async def test_l_where_chinese_cannot_be_shown(terminal, said):
    """The reason as a notice (it wraps: the status line would cut it), the only
    one on screen however often L is pressed; still English."""
    app = app_for("learning-steps", terminal=terminal)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("StatusBar"))
        before = status(app)
        for _ in range(3):
            await pilot.press("L")
            await until(pilot, lambda: messages(app) == [said])
            assert app.lang == "en" and status(app) == before
            assert "\\u" not in status(app) and "个" not in status(app)


@pytest.mark.parametrize("terminal", [Terminal("C.UTF-8", True), Terminal(None, True)])
async def test_l_where_chinese_can_be_shown(terminal):
    app = app_for("learning-steps", terminal=terminal)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("StatusBar"))
        await pilot.press("L")
        await until(pilot, lambda: app.lang == "zh" and "中文" in status(app))
        await pilot.press("L")
        await until(pilot, lambda: app.lang == "en" and "English" in status(app))
        assert messages(app) == []


ASCII = "Drawn in ASCII: "


@pytest.mark.parametrize("terminal, lang, ascii_flag, expected", [
    # (lang, ascii_only, the one notice at start)
    (Terminal("C", False), "zh", False, ("en", True, REFUSED + "; the locale says C")),
    (Terminal(None, False), "zh", False, ("en", True, REFUSED + "; no locale is set")),
    (Terminal("C", False), "en", False,
     ("en", True, ASCII + "the locale says C, not UTF-8 (LANG=C.UTF-8 shows every glyph)")),
    (Terminal("en_US.ISO-8859-1", False), "en", True,
     ("en", True, ASCII + "the locale says en_US.ISO-8859-1, not UTF-8")),
    (Terminal(None, False), "en", False, ("en", True, ASCII + "no locale is set, so not UTF-8")),
    (Terminal("zh_CN.UTF-8", True), "zh", False, ("zh", False, None)),
    (Terminal("C.UTF-8", True), "en", True, ("en", True, None)),  # --ascii: asked, not said
    (Terminal(None, True), "en", False, ("en", False, None)),  # served, the client did not say
])
async def test_starting_on_a_terminal(terminal, lang, ascii_flag, expected):
    """A terminal that is not UTF-8: English and ASCII only, and one line at
    start saying why (the Chinese one where Chinese was asked for)."""
    app = app_for("learning-steps", terminal=terminal, lang=lang, ascii_only=ascii_flag)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("StatusBar"))
        lang, ascii_only, notice = expected
        assert (app.lang, app.ascii_only) == (lang, ascii_only)
        if notice is None:
            assert messages(app) == []
        else:
            assert len(messages(app)) == 1 and messages(app)[0].startswith(notice)


def _locale_env(tmp_path, **locale):
    env = {k: v for k, v in app_env(tmp_path).items() if k not in ("LC_ALL", "LC_CTYPE", "LANG")}
    return {**env, **locale}


# Every screen and overlay a learner reaches from a lesson, Textual's own
# (the palette, a toast, modal borders) included: (key, shown then, gone then).
SWEEP = [(" ", "step 1", None), ("?", "Keys", None), ("\x1b", "step 1", "Keys"),
         ("e", "Enter applies", None), ("\x1b", "step 1", "Enter applies"),
         ("\x10", "Search for commands", None), ("\x1b", "step 1", "Search for commands"),
         ("p", "predict new weight", None), (" ", "Enter submits", None),
         ("\x1b", "step 2", "Enter submits"), ("\x1b", "mnist", "step 2")]


@pytest.mark.parametrize("locale, said, utf8", [
    ({"LANG": "C"}, "the locale says C", False),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "the locale says C", False),
    ({"LC_ALL": "POSIX"}, "the locale says POSIX", False),
    ({"LANG": "en_US.ISO-8859-1"}, "the locale says en_US.ISO-8859-1", False),
    ({}, "no locale is set", False),
    ({"LANG": "C.UTF-8"}, "中文", True),
])
def test_in_a_real_terminal(tmp_path, locale, said, utf8):
    """The app as a learner starts it, on a pseudo-terminal with this locale
    (Python makes its own output UTF-8 under LANG=C: the locale still decides).
    Not UTF-8: L says why in one line, and no byte the app writes, on any
    screen, is one the terminal would draw as garbage."""
    with RecordingPty(gdtui_app("learning-steps"), cols=120, rows=24,
                      env=_locale_env(tmp_path, **locale)) as app:
        app.wait_for(lambda text: "learning-steps" in text.split("\n", 1)[0], timeout=20)
        app.press("L")
        if utf8:
            app.wait_for(lambda text: said in text.split("\n", 1)[0], timeout=10)
        else:
            app.wait_for(lambda text: notice(text, REFUSED).startswith(f"{REFUSED}; {said}"),
                         timeout=10)
        text = app.text()
        assert "\\u" not in text, [line for line in text.splitlines() if "\\u" in line]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text) is utf8
        if not utf8:
            for key, shown_then, gone_then in SWEEP:
                app.press(key)
                app.wait_for(lambda text: shown_then in text
                             and not (gone_then and gone_then in text), timeout=10)
            assert app.written.isascii(), bytes(b for b in app.written if b > 0x7f)[:80]
        app.press("q")
        assert app.wait_exit(10) is not None
        assert app.printed_after_exit() == ""


def test_the_class_view_on_a_terminal_that_is_not_utf8(tmp_path):
    """gdtui class under LANG=C: the view, the lesson list of present mode and
    a presented lesson, every byte ASCII; q leaves cleanly."""
    argv = [GDTUI, "class", "--state-dir", str(tmp_path / "state")]
    with RecordingPty(argv, cols=80, rows=24, env=_locale_env(tmp_path, LANG="C")) as app:
        for key, then in [(None, "gdtui class"), ("P", "measure-error"), ("\r", "step 0"),
                          (" ", "step 1"), ("\x1b", "named slips")]:
            if key:
                app.press(key)
            app.wait_for(lambda text: then in text, timeout=20)
        app.press("q")
        assert app.wait_exit(10) is not None and app.proc.returncode == 0
        assert app.written.isascii(), bytes(b for b in app.written if b > 0x7f)[:80]
        assert app.printed_after_exit() == ""
