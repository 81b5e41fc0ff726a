"""L on a terminal that cannot show Chinese: one line saying so, never
Chinese drawn as \\u escapes. The terminal's locale decides (text/charset.py);
the served case is in tests/serve/test_app_served.py."""

import os
import sys
from pathlib import Path

import pytest

from gdtui.text.charset import Terminal
from app_support import app_for, notices, shown, until

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from pty_driver import PtyApp, app_env, gdtui_app  # noqa: E402

REFUSED = "Chinese needs a UTF-8 terminal"


def status(app) -> str:
    return " ".join(shown(app.screen.query_one("StatusBar")).split())


@pytest.mark.parametrize("terminal, lang, said", [
    (Terminal("C", False), "en", REFUSED + "; the locale says C"),
    (Terminal("POSIX", False), "en", REFUSED + "; the locale says POSIX"),
    (Terminal("zh_CN.GB18030", False), "en", REFUSED + "; the locale says zh_CN.GB18030"),
    (Terminal(None, False), "en", REFUSED + "; no locale is set (LANG=C.UTF-8 is one)"),
    (Terminal("\x1b]0;x\x07", False), "en", REFUSED + "; the locale says \\x1b]0;x\\x07"),
    (Terminal("C.UTF-8", True), "zh", "中文"),
    (Terminal(None, True), "zh", "中文"),  # served, the client did not say
])
async def test_l_switches_only_where_chinese_can_be_shown(terminal, lang, said):
    app = app_for("learning-steps", terminal=terminal)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("StatusBar"))
        await pilot.press("L")
        await until(pilot, lambda: said in status(app))
        assert app.lang == lang
        if lang == "en":
            assert "\\u" not in status(app) and "个" not in status(app)
            await pilot.press("L")  # asked again: said again, still English
            await pilot.pause()
            assert app.lang == "en" and said in status(app)
        else:
            await pilot.press("L")
            await until(pilot, lambda: app.lang == "en" and "English" in status(app))


@pytest.mark.parametrize("terminal, lang, notice", [
    (Terminal("C", False), "en", REFUSED + "; the locale says C"),
    (Terminal(None, False), "en", REFUSED + "; no locale is set"),
    (Terminal("zh_CN.UTF-8", True), "zh", None),
])
async def test_starting_in_chinese(terminal, lang, notice):
    """--lang zh (or a Chinese locale) where Chinese cannot be shown: English,
    and the one line as a notice."""
    app = app_for("learning-steps", terminal=terminal, lang="zh")
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("StatusBar"))
        assert app.lang == lang
        said = [n.message for n in notices(app)]
        if notice is None:
            assert said == []
        else:
            assert len(said) == 1 and said[0].startswith(notice)


def _locale_env(tmp_path, **locale):
    env = {k: v for k, v in app_env(tmp_path).items() if k not in ("LC_ALL", "LC_CTYPE", "LANG")}
    return {**env, **locale}


@pytest.mark.parametrize("locale, said, refused", [
    ({"LANG": "C"}, REFUSED + "; the locale says C", True),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, REFUSED + "; the locale says C", True),
    ({"LC_ALL": "POSIX"}, REFUSED + "; the locale says POSIX", True),
    ({}, REFUSED + "; no locale is set", True),
    ({"LANG": "C.UTF-8"}, "中文", False),
])
def test_in_a_real_terminal(tmp_path, locale, said, refused):
    """The app as a learner starts it, on a pseudo-terminal with this locale
    (Python makes its own output UTF-8 under LANG=C: the locale still decides)."""
    with PtyApp(gdtui_app("learning-steps"), cols=120, rows=24,
                env=_locale_env(tmp_path, **locale)) as app:
        app.wait_for(lambda text: "learning-steps" in text.split("\n", 1)[0], timeout=20)
        app.press("L")
        app.wait_for(lambda text: said in " ".join(text.split()), timeout=10)
        text = app.text()
        assert "\\u" not in text, [line for line in text.splitlines() if "\\u" in line]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text) is not refused
        app.press("q")
        assert app.wait_exit(10) is not None
