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


@pytest.mark.parametrize("module", ["gdtui.serve.server", "gdtui.serve.session", "gdtui.serve.setup",
                                    "gdtui.serve.hostkey", "gdtui.serve.roster"])
def test_the_server_starts_without_a_word_on_stderr(module):
    """asyncssh names DSA's key types as it is imported, which newer
    cryptography warns about: not a line of it above the server's banner."""
    result = subprocess.run([sys.executable, "-W", "default", "-c", f"import {module}"],
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stderr == ""
