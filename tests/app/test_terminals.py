"""The app in a real pseudo-terminal with the terminals learners have:
xterm-256color, plain xterm (16 colours), the Linux console, and NO_COLOR.
A key changes the screen and q gives the terminal back cleanly."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from pty_driver import PtyApp, app_env, gdtui_app, step_shown  # noqa: E402


@pytest.mark.parametrize(
    "term,no_color,args",
    [
        ("xterm-256color", False, []),
        ("xterm", False, []),
        ("linux", False, ["--ascii"]),
        ("xterm-256color", True, []),
    ],
    ids=["xterm-256color", "xterm", "linux-ascii", "no-color"],
)
def test_step_and_quit_in_each_terminal(tmp_path, term, no_color, args):
    env = app_env(tmp_path)
    if no_color:
        env["NO_COLOR"] = "1"
    with PtyApp(gdtui_app("learning-steps", *args), cols=80, rows=24, env=env, term=term) as app:
        app.wait_for(lambda text: step_shown(text) == 0, timeout=20)
        app.press(" ")
        app.wait_for(lambda text: step_shown(text) == 1, timeout=10)
        text = app.text()
        assert "0.968" in text or "0.88" in text  # the step's numbers are drawn
        if args == ["--ascii"]:
            assert all(ch.isascii() for ch in text.split("\n", 1)[1]), text
        app.press("q")
        assert app.wait_exit(10) is not None
        assert app.proc.returncode == 0
        assert app.restored_at is not None  # the alternate screen was left
