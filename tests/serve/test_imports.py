"""The server's parent stays small: importing gdtui.serve, or parsing
`gdtui serve`'s command line, loads neither NumPy nor Textual nor the engine."""

import subprocess
import sys

import pytest

HEAVY = ("numpy", "textual", "rich", "gdtui.engine", "gdtui.lessons.lesson", "gdtui.ui")


@pytest.mark.parametrize("code", [
    "import gdtui.serve",
    "from gdtui.cli import build_parser; build_parser()['serve'].parse_args([])",
])
def test_the_server_parent_loads_nothing_heavy(code):
    probe = f"{code}; import sys; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == ""
