"""`gdtui serve`: the app for a whole class over SSH, one process per learner.

For gdtui/cli (commands.py): `add_arguments(parser)` then `run(args) -> int`, or `main(argv) -> int`.
Importing this package does not import asyncssh.
"""

from gdtui.serve.command import add_arguments, main, run

__all__ = ["add_arguments", "main", "run"]
