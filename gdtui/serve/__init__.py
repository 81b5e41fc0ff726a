"""`gdtui serve`: the app for a whole class over SSH, one process per learner.

For gdtui/cli (commands.py): `run(args) -> int`, args parsed by gdtui/cli/parser.py.
Importing this package does not import asyncssh, NumPy or Textual.
"""

import warnings

# asyncssh 2.24 names DSA's key types as it is imported, and cryptography 48
# and later warn that DSA is deprecated: ten lines of warnings above the
# server's banner, about keys gdtui never makes (its host key is Ed25519).
warnings.filterwarnings("ignore", message="DSA is deprecated", module="asyncssh")

from gdtui.serve.command import run  # noqa: E402

__all__ = ["run"]
