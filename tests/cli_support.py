"""Helpers for tests that run gdtui as a user does."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_MNIST = ROOT.parent / "shared" / "mnist"


def run_gdtui(*args, env=None, input=None, timeout=60, cwd=None):
    """Run `python -m gdtui ARGS` in a subprocess, as a user would: from outside
    the checkout, so it is the installed package that runs."""
    full_env = {k: v for k, v in os.environ.items() if k != "GDTUI_SCENARIOS"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "gdtui", *args],
        capture_output=True, text=True, env=full_env, input=input, timeout=timeout,
        cwd=cwd or Path.home(),
    )
