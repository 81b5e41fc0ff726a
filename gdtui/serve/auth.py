"""Who gets in: a class password, authorized public keys, or (asked for) anyone.

Any username is accepted; it only labels the session in the log.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

import asyncssh

# No look-alikes (0/o, 1/l/i): the password is read off a projector.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AuthError(ValueError):
    """A password or keys file that cannot be used: one line for the teacher."""


def generate_password(length: int = 10) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


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


@dataclass(frozen=True)
class Access:
    password: str | None = None
    authorized_keys: asyncssh.SSHAuthorizedKeys | None = None
    open: bool = False  # no authentication at all

    def password_ok(self, attempt: str) -> bool:
        if self.password is None:
            return False
        # Constant time: the attempt's prefix must not leak through timing.
        return hmac.compare_digest(attempt.encode(), self.password.encode())
