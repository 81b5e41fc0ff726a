"""The server's host key: made once, kept private, reused so learners' ssh
clients do not warn about a changed key on every restart."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh

KEY_NAME = "ssh_host_ed25519_key"


def default_state_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("gdtui") / "serve"


def load_or_create(state_dir: Path) -> tuple[asyncssh.SSHKey, Path, bool]:
    """The host key in state_dir (created, mode 600, if missing).

    Returns (key, path, created). Raises OSError or asyncssh.KeyImportError.
    """
    state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = state_dir / KEY_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)  # a private key others can read is a leaked key
        return asyncssh.read_private_key(path), path, False
    key = asyncssh.generate_private_key("ssh-ed25519")
    with os.fdopen(fd, "wb") as f:
        f.write(key.export_private_key())
    return key, path, True
