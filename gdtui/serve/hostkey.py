"""The server's host key: made once, kept private, reused so learners' ssh
clients do not warn about a changed key on every restart."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh

KEY_NAME = "ssh_host_ed25519_key"


class UnsafeStateDir(ValueError):
    """A state folder someone else could put a host key into: one line."""


def default_state_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("gdtui") / "serve"


def check_private(path: Path) -> None:
    """Refuse a folder (or file) that another user owns or may write to.

    Whoever can write there can plant a host key of their own and then pose as
    this server to every learner. The parent folder counts too, unless it is
    sticky like /tmp (where only an entry's owner may rename or remove it).
    """
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeStateDir(f"{path} is a symbolic link: give the real folder")
    if info.st_uid != os.getuid():
        raise UnsafeStateDir(f"{path} belongs to another user (uid {info.st_uid})")
    if info.st_mode & 0o022:
        mode = stat.S_IMODE(info.st_mode)
        raise UnsafeStateDir(
            f"{path} is writable by others (mode {mode:o}): use chmod go-w, or another folder"
        )
    parent = path.parent.stat()
    if parent.st_mode & 0o022 and not parent.st_mode & stat.S_ISVTX:
        mode = stat.S_IMODE(parent.st_mode)
        raise UnsafeStateDir(
            f"{path.parent} is writable by others (mode {mode:o}): "
            f"they could swap {path.name} for their own folder"
        )


def load_or_create(state_dir: Path) -> tuple[asyncssh.SSHKey, Path, bool]:
    """The host key in state_dir (created, mode 600, if missing).

    Returns (key, path, created). Raises UnsafeStateDir, OSError or
    asyncssh.KeyImportError.
    """
    state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    check_private(state_dir)
    path = state_dir / KEY_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise UnsafeStateDir(f"{path} is not a file of yours: remove it") from None
        if stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(0o600)  # a private key others can read is a leaked key
        return asyncssh.read_private_key(path), path, False
    key = asyncssh.generate_private_key("ssh-ed25519")
    with os.fdopen(fd, "wb") as f:
        f.write(key.export_private_key())
    return key, path, True
