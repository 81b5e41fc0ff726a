"""One SSH connection's gatekeeper: authentication under the limits in
guard.py, and the kinds of request that are always refused."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import asyncssh

from gdtui.serve.auth import Access
from gdtui.serve.guard import FailedLogins, Limits, Pending, address_key

TOO_MANY_TRIES = "too many authentication failures"


class _Rules(Protocol):
    access: Access
    limits: Limits


class Owner(Protocol):
    """What a Gate needs of the server that made it (server.ClassServer is one):
    the rules, and the books it keeps on connections not yet logged in."""

    config: _Rules
    pending: Pending[asyncssh.SSHServerConnection]
    failures: FailedLogins
    connections: set[asyncssh.SSHServerConnection]

    def note_turned_away(self, key: str, per_address: bool) -> None: ...


class Gate(asyncssh.SSHServer):
    """One per connection: authentication and the refused kinds of request."""

    def __init__(self, owner: Owner) -> None:
        self.owner = owner
        self.limits = owner.config.limits
        self.conn: asyncssh.SSHServerConnection | None = None
        self.key = "?"  # the client's address, as the limits count it
        self.tries = 0

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.key = address_key(conn.get_extra_info("peername"))
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

    def begin_auth(self, username: str) -> bool:
        return not self.owner.config.access.open

    def password_auth_supported(self) -> bool:
        return self.owner.config.access.password is not None

    async def validate_password(self, username: str, password: str) -> bool:
        if not self._may_try():
            return False
        # Wait first, check after: a try cancelled by the next one checks nothing.
        wait = self.owner.failures.wait(self.key, time.monotonic())
        if wait > 0:
            await asyncio.sleep(wait)
        if self.owner.config.access.password_ok(password):
            return True
        self.owner.failures.failed(self.key, time.monotonic())
        self._after_failure()
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # Only keys that are not in --authorized-keys get here. They count as
        # tries (as in OpenSSH), not against the address: agents offer several.
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
