"""One SSH connection's gatekeeper: the username checked, authentication
under the limits in guard.py, a log line for each login and (rate-limited)
for failed ones, and the kinds of request that are always refused."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol

import asyncssh

from gdtui.serve.auth import INSTRUCTOR, LEARNER, Access
from gdtui.serve.guard import FailedLogins, FailureLog, Limits, Pending, address_key, label, stamp
from gdtui.store.names import check_name

TOO_MANY_TRIES = "too many authentication failures"


class _Rules(Protocol):
    access: Access
    limits: Limits
    log: Callable[[str], None]


class Owner(Protocol):
    """What a Gate needs of the server that made it (server.ClassServer is one):
    the rules, and the books it keeps on connections not yet logged in."""

    config: _Rules
    pending: Pending[asyncssh.SSHServerConnection]
    failures: FailedLogins
    login_failures: FailureLog
    connections: set[asyncssh.SSHServerConnection]

    def note_turned_away(self, key: str, per_address: bool) -> None: ...


def bad_name_line(why: str) -> str:
    return (f"gdtui: that username cannot be used ({why}): log in as a name of up to 32 "
            "printable characters, without '/'")


class Gate(asyncssh.SSHServer):
    """One per connection: authentication and the refused kinds of request."""

    def __init__(self, owner: Owner) -> None:
        self.owner = owner
        self.limits = owner.config.limits
        self.conn: asyncssh.SSHServerConnection | None = None
        self.key = "?"  # the client's address, as the limits count it
        self.peer = "?"  # ... and as the log shows it (with the port)
        self.tries = 0
        self.user = ""  # checked in begin_auth
        self.role = LEARNER  # INSTRUCTOR after a key in --instructor-keys
        self.method = "none"

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.key = address_key(peer)
        self.peer = f"{peer[0]}:{peer[1]}" if peer else "?"
        self.peer_ip = str(peer[0]) if peer else ""
        pending = self.owner.pending
        admitted, evicted = pending.admit(conn, self.key)
        if evicted is not None:
            evicted.abort()
        if not admitted:
            # Closed before a byte is read: a flood costs a descriptor for a moment.
            conn.abort()
            self.owner.note_turned_away(self.key, pending.full_for(self.key))
            return
        self.owner.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner.pending.done(self.conn)
        self.owner.connections.discard(self.conn)

    def auth_completed(self) -> None:
        self.owner.pending.done(self.conn)
        if self.owner.config.access.open:
            self.method = "open"
        as_who = " as instructor" if self.role == INSTRUCTOR else ""
        self.owner.config.log(f"{stamp()} login {self.user} {self.peer} ({self.method}{as_who})")

    def begin_auth(self, username: str) -> bool:
        try:
            self.user = check_name(username)
        except ValueError as exc:
            self.owner.login_failures.failed(self.key, label(username), f"bad username: {exc}",
                                             time.monotonic())
            # One line the learner's ssh prints, then the connection is closed.
            self.conn.disconnect(asyncssh.DISC_ILLEGAL_USER_NAME, bad_name_line(str(exc)))
            return True
        return not self.owner.config.access.open

    def password_auth_supported(self) -> bool:
        return self.owner.config.access.passwords

    def public_key_auth_supported(self) -> bool:
        return self.owner.config.access.keys

    async def validate_password(self, username: str, password: str) -> bool:
        if not self._may_try():
            return False
        # Wait first, check after: a try cancelled by the next one checks nothing.
        wait = self.owner.failures.wait(self.key, time.monotonic())
        if wait > 0:
            await asyncio.sleep(wait)
        access = self.owner.config.access
        if access.roster is None:
            ok = access.password_ok(password)
        else:  # scrypt: ~50 ms of CPU, off the event loop
            ok = await asyncio.get_running_loop().run_in_executor(
                None, access.password_ok, password, self.user)
        if ok:
            self.role, self.method = LEARNER, "password"
            return True
        self.owner.failures.failed(self.key, time.monotonic())
        self.owner.login_failures.failed(self.key, self.user, "wrong password", time.monotonic())
        self._after_failure()
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # Called for the key's offer and again with its signature: the role of
        # the last key accepted is the role of the login that follows.
        role = self.owner.config.access.key_role(self.user, key, self.peer_ip, self.peer_ip)
        if role is not None:
            self.role, self.method = role, "key"
            return True
        # Keys count as tries (as in OpenSSH), not against the address: agents offer several.
        if self._may_try():
            self._after_failure()
        return False

    def _may_try(self) -> bool:
        self.tries += 1
        if self.tries > self.limits.max_auth_tries:
            self._too_many()
            return False
        return True

    def _after_failure(self) -> None:
        if self.tries >= self.limits.max_auth_tries:
            self._too_many()

    def _too_many(self) -> None:
        self.conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                             TOO_MANY_TRIES)

    # Forwarding of any kind is refused (asyncssh's defaults, made explicit).
    def connection_requested(self, *args) -> bool:
        return False

    def server_requested(self, *args) -> bool:
        return False

    def unix_connection_requested(self, *args) -> bool:
        return False

    def unix_server_requested(self, *args) -> bool:
        return False

    def tun_requested(self, *args) -> bool:
        return False

    def tap_requested(self, *args) -> bool:
        return False
