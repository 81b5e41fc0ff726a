"""`--roster FILE`: the class list, one learner a line, each with their own secret.

    # name  secret
    ada     scrypt$16384$8$1$<salt>$<hash>       a password, hashed (gdtui class --make-roster)
    bo      ssh-ed25519 AAAAC3Nza... bo@laptop   a public key (authorized_keys format)

Only the names listed get in, each with only their own secret. A name is
what `gdtui.store.names` allows, without spaces (the first space ends it).
Passwords are kept as scrypt hashes (hashlib, the standard library's); a
check costs ~50 ms and 16 MB, so it runs off the server's event loop.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field

import asyncssh

from gdtui.store.names import check_name

MAX_BYTES = 1_000_000
SCRYPT = (16384, 8, 1)  # n, r, p: OWASP's minimum for scrypt
_MAX_N, _MAX_R, _MAX_P = 1 << 20, 32, 16  # what a hand-edited line may ask for, at most
_DUMMY = None  # checked against for unknown names, so they take as long as known ones


_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_password(length: int = 10) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class RosterError(ValueError):
    """A roster that cannot be used: one line naming the file and the line."""


@dataclass
class Roster:
    hashes: dict[str, str] = field(default_factory=dict)
    keys: dict[str, asyncssh.SSHAuthorizedKeys] = field(default_factory=dict)

    @property
    def names(self) -> set[str]:
        return set(self.hashes) | set(self.keys)

    def password_ok(self, name: str, password: str) -> bool:
        """Whether password is name's (slow on purpose: run it in a thread)."""
        stored = self.hashes.get(name)
        if stored is None:
            check_hash(_dummy(), password)
            return False
        return check_hash(stored, password)

    def key_ok(self, name: str, key: asyncssh.SSHKey, host: str, addr: str) -> bool:
        keys = self.keys.get(name)
        return keys is not None and keys.validate(key, host, addr) is not None


def _dummy() -> str:
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_password(secrets.token_hex(8))
    return _DUMMY


def hash_password(password: str) -> str:
    n, r, p = SCRYPT
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${n}${r}${p}${b64(salt)}${b64(digest)}"


def _parse_hash(text: str) -> tuple[int, int, int, bytes, bytes]:
    parts = text.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("a password hash is scrypt$N$r$p$salt$hash")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        raise ValueError("a password hash is scrypt$N$r$p$salt$hash (numbers, then base64)") from None
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= _MAX_R and 0 < p <= _MAX_P):
        raise ValueError(f"scrypt N must be a power of 2 up to {_MAX_N}, r at most {_MAX_R}, "
                         f"p at most {_MAX_P}")
    if not salt or not 16 <= len(digest) <= 64:
        raise ValueError("the hash must be 16 to 64 bytes, with a salt")
    return n, r, p, salt, digest


def check_hash(stored: str, password: str) -> bool:
    n, r, p, salt, digest = _parse_hash(stored)
    attempt = hashlib.scrypt(password.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p,
                             dklen=len(digest), maxmem=256 * r * (n + p + 2) + (1 << 20))
    return hmac.compare_digest(attempt, digest)


def read_roster(path: str) -> Roster:
    shown = _shown(path)
    try:
        data = _read(path)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RosterError(f"cannot read roster {shown}: {_reason(exc)}") from None
    roster = Roster()
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, secret = line.partition(" ")
        secret = secret.strip()
        where = f"roster {shown} line {number}"
        try:
            name = check_name(name)
        except ValueError as exc:
            raise RosterError(f"{where}: the name {_shown(name)}: {exc}") from None
        if name in roster.names:
            raise RosterError(f"{where}: {_shown(name)} is listed twice")
        if not secret:
            raise RosterError(f"{where}: {_shown(name)} has no password hash or key")
        if secret.startswith("scrypt$"):
            try:
                _parse_hash(secret)
            except ValueError as exc:
                raise RosterError(f"{where}: {exc}") from None
            roster.hashes[name] = secret
        else:
            try:
                roster.keys[name] = asyncssh.import_authorized_keys(secret)
            except (ValueError, asyncssh.KeyImportError) as exc:
                raise RosterError(f"{where}: not a password hash nor a public key ({exc})") from None
    if not roster.names:
        raise RosterError(f"roster {shown} lists no learners")
    return roster


def make_roster(path: str, names: list[str]) -> list[tuple[str, str]]:
    """Write a new roster file (mode 600) for names, each with a fresh
    password; the (name, password) pairs to hand out. Never overwrites."""
    checked = []
    for name in names:
        try:
            name = check_name(name)
        except ValueError as exc:
            raise RosterError(f"name {_shown(name)}: {exc}") from None
        if " " in name:
            raise RosterError(f"name {_shown(name)}: no spaces in a roster name")
        checked.append(name)
    if len(set(checked)) != len(checked):
        raise RosterError("a name is given twice")

    pairs = [(name, generate_password()) for name in checked]
    text = "# gdtui roster: name, then a password hash or a public key\n" + "".join(
        f"{name} {hash_password(password)}\n" for name, password in pairs)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise RosterError(f"cannot make {_shown(path)}: {_reason(exc)}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return pairs


def _read(path: str) -> bytes:
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        data = os.read(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES:,} bytes")
    return data


def _shown(text: str) -> str:
    from gdtui.text.safe import visible

    return visible(str(text))


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)

