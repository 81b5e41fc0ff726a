"""Who may knock, and how often: limits on connections that have not logged
in yet and on failed logins, per client address, in bounded memory.

A classroom behind one NAT shares one address, so nothing here ever delays a
right password from a fresh address or turns away a learner who is already in.
"""

from __future__ import annotations

import ipaddress
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar


@dataclass(frozen=True)
class Limits:
    max_auth_tries: int = 6  # per connection, as OpenSSH's MaxAuthTries
    login_grace: float = 30.0  # seconds to log in, as OpenSSH's LoginGraceTime
    max_unauthenticated: int = 100  # connections still logging in, from everywhere
    per_address: int = 10  # sessions, and connections still logging in, from one address
    fail_delay: float = 0.5  # before the next try after one failure; doubles per failure
    max_fail_delay: float = 8.0
    forgive_every: float = 30.0  # one failure of an address forgotten per this many seconds
    remembered: int = 4096  # addresses whose failures are kept, at most (oldest go first)


def address_key(peer: Sequence | None) -> str:
    """The unit that limits count: an IPv4 address, or an IPv6 /64 (one host's share)."""
    if not peer:
        return "?"
    try:
        ip = ipaddress.ip_address(str(peer[0]).split("%")[0])
    except ValueError:
        return str(peer[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class FailedLogins:
    """A growing wait before each login try from an address that has failed lately.

    The wait comes before the password is checked, so a client that cancels a
    slow try by sending the next one gains nothing.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._scores: OrderedDict[str, tuple[float, float]] = OrderedDict()  # score, when

    def _score(self, key: str, now: float) -> float:
        score, when = self._scores.get(key, (0.0, now))
        return max(0.0, score - (now - when) / self.limits.forgive_every)

    def wait(self, key: str, now: float) -> float:
        """Seconds to wait before checking a try from key."""
        score = self._score(key, now)
        if score <= 0:
            return 0.0
        exponent = min(math.ceil(score) - 1, 30)
        return min(self.limits.fail_delay * 2**exponent, self.limits.max_fail_delay)

    def failed(self, key: str, now: float) -> None:
        self._scores[key] = (self._score(key, now) + 1, now)
        self._scores.move_to_end(key)
        while len(self._scores) > self.limits.remembered:
            self._scores.popitem(last=False)

    def __len__(self) -> int:
        return len(self._scores)


C = TypeVar("C")


class Pending(Generic[C]):
    """Connections that have not logged in yet, by address.

    Each address may hold `per_address`; when all `max_unauthenticated` are
    taken, a newcomer from a lesser-used address displaces the oldest
    connection of the address that holds the most, so a flood from a few
    addresses cannot keep everyone else out.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._by_key: dict[str, list[C]] = {}
        self._key_of: dict[C, str] = {}

    def __len__(self) -> int:
        return len(self._key_of)

    def full_for(self, key: str) -> bool:
        """Whether key holds all the connections one address may (per_address)."""
        return len(self._by_key.get(key, ())) >= self.limits.per_address

    def admit(self, conn: C, key: str) -> tuple[bool, C | None]:
        """(admitted, a connection to close to make room for it)."""
        mine = self._by_key.get(key, [])
        if len(mine) >= self.limits.per_address:
            return False, None
        evicted = None
        if len(self) >= self.limits.max_unauthenticated:
            biggest = max(self._by_key, key=lambda k: len(self._by_key[k]))
            if len(self._by_key[biggest]) <= len(mine) + 1:
                return False, None  # no one holds more than this address would
            evicted = self._by_key[biggest][0]
            self.done(evicted)
        self._by_key.setdefault(key, []).append(conn)
        self._key_of[conn] = key
        return True, evicted

    def done(self, conn: C) -> None:
        """conn logged in or went away."""
        key = self._key_of.pop(conn, None)
        if key is None:
            return
        mine = self._by_key[key]
        mine.remove(conn)
        if not mine:
            del self._by_key[key]


def label(text: str, limit: int = 40) -> str:
    """A client-chosen name made safe for a log line."""
    safe = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text)
    return safe[:limit] or "-"


class FailureLog:
    """The log's lines about failed logins: at most one per address per
    `every` seconds, with how many failed since the last line (a guesser
    must not flood the teacher's terminal, nor go unseen)."""

    def __init__(self, log, every: float = 60.0, remembered: int = 4096) -> None:
        self.log = log
        self.every = every
        self.remembered = remembered
        # address -> (failures not yet said, when the last line about it was written, last name)
        self._pending: OrderedDict[str, tuple[int, float, str]] = OrderedDict()

    def failed(self, key: str, user: str, why: str, now: float) -> None:
        count, said_at, _ = self._pending.get(key, (0, now - self.every, ""))
        count += 1
        if now - said_at >= self.every:
            self._say(key, count, user, why)
            count, said_at = 0, now
        self._pending[key] = (count, said_at, user)
        self._pending.move_to_end(key)
        while len(self._pending) > self.remembered:
            self._flush_one(*self._pending.popitem(last=False))

    def flush(self, now: float) -> None:
        """Say what waited a minute or more (called every so often)."""
        for key, (count, said_at, user) in list(self._pending.items()):
            if now - said_at >= self.every:
                del self._pending[key]
                self._flush_one(key, (count, said_at, user))

    def _flush_one(self, key: str, entry: tuple[int, float, str]) -> None:
        count, _, user = entry
        if count:
            self._say(key, count, user, "")

    def _say(self, key: str, count: int, user: str, why: str) -> None:
        what = f"{count} failed logins" if count > 1 else "failed login"
        reason = f": {why}" if why else ""
        self.log(f"{stamp()} {what} from {key} (user {user}){reason}")


def stamp() -> str:
    """The time at the start of each log line."""
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")
