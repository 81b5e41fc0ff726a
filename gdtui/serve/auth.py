"""Who gets in: a class password, authorized public keys, a roster (each
learner with their own secret), or (asked for) anyone; and who gets the
instructor's view instead of a lesson (a key in --instructor-keys).

The username must be a learner's name (gdtui.store.names): it keys their progress.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from gdtui.serve.roster import Roster, generate_password  # noqa: F401 (auth's to offer)

# No look-alikes (0/o, 1/l/i): the password is read off a projector.


class AuthError(ValueError):
    """A password or keys file that cannot be used: one line for the teacher."""


def read_password_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            line = f.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthError(f"cannot read password file {path}: {_reason(exc)}") from None
    if not line:
        raise AuthError(f"password file {path} is empty: put the password on its first line")
    return line


def read_authorized_keys(path: str) -> asyncssh.SSHAuthorizedKeys:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthError(f"cannot read authorized keys {path}: {_reason(exc)}") from None
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise AuthError(f"authorized keys file {path} has no keys")
    try:
        return asyncssh.import_authorized_keys(text)
    except (ValueError, asyncssh.KeyImportError) as exc:
        raise AuthError(f"bad authorized keys file {path}: {exc}") from None


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


LEARNER, INSTRUCTOR = "learner", "instructor"


@dataclass(frozen=True)
class Access:
    password: str | None = None
    authorized_keys: asyncssh.SSHAuthorizedKeys | None = None
    open: bool = False  # no authentication at all
    roster: Roster | None = None  # only these names, each with their own secret
    instructor_keys: asyncssh.SSHAuthorizedKeys | None = None

    def password_ok(self, attempt: str, user: str = "") -> bool:
        """Slow with a roster (scrypt): run it off the event loop."""
        if self.roster is not None:
            return self.roster.password_ok(user, attempt)
        if self.password is None:
            return False
        # Constant time: the attempt's prefix must not leak through timing.
        return hmac.compare_digest(attempt.encode("utf-8", "surrogatepass"), self.password.encode())

    @property
    def passwords(self) -> bool:
        return self.password is not None or bool(self.roster and self.roster.hashes)

    @property
    def keys(self) -> bool:
        return bool(self.authorized_keys or self.instructor_keys
                    or (self.roster and self.roster.keys))

    def key_role(self, user: str, key: asyncssh.SSHKey, host: str, addr: str) -> str | None:
        """Who this key lets in as (INSTRUCTOR, LEARNER), or None."""
        if self.instructor_keys is not None and self.instructor_keys.validate(key, host, addr) is not None:
            return INSTRUCTOR
        if self.roster is not None:
            return LEARNER if self.roster.key_ok(user, key, host, addr) else None
        if self.authorized_keys is not None and self.authorized_keys.validate(key, host, addr) is not None:
            return LEARNER
        return None
