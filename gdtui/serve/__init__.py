"""`gdtui serve`: the app for a whole class over SSH, one process per learner.

For gdtui/cli (commands.py): `run(args) -> int`, args parsed by gdtui/cli/parser.py.
Importing this package does not import asyncssh, NumPy or Textual.
"""

from gdtui.serve.command import run

__all__ = ["run"]
