"""Serve tests: a real asyncssh server on 127.0.0.1 (port picked by the OS),
asyncssh's own client, and a stand-in child program unless a test says otherwise."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import asyncssh
import pytest

from gdtui.serve.auth import Access
from gdtui.serve.guard import Limits
from gdtui.serve.server import ClassServer, ServerConfig
from gdtui.serve.session import SessionOptions

from serve_helpers import PASSWORD, STANDIN, TIMEOUT


@pytest.fixture
def state_dir(tmp_path):
    """A class server's state folder (the store, its socket), as gdtui serve makes it."""
    path = tmp_path / "state"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture(scope="session")
def host_key():
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture
async def start_server(host_key):
    """start_server(**overrides) -> a started ClassServer; all are stopped after the test."""
    servers: list[ClassServer] = []

    async def start(args=(), command=None, max_sessions=40, access=None, limits=None,
                    goodbye_time=0.2, keepalive=(8.0, 2), state_dir=None,
                    instructor_command=None, **session):
        """args: extra flags for the stand-in; command: run this instead of it;
        limits: Limits (default: every test client comes from 127.0.0.1, so
        the per-address limit is the class size); keepalive: (seconds, misses);
        session: SessionOptions fields."""
        logs: list[str] = []
        options = SessionOptions(
            command=list(command or [*STANDIN, *args]), idle_timeout=0, kill_grace=0.5,
            restore_grace=0.5, drain_time=5,  # the drain ends at once unless the pty is held
        )
        config = ServerConfig(
            host_key=host_key,
            access=access or Access(password=PASSWORD),
            session=replace(options, **session),
            port=0,
            max_sessions=max_sessions,
            limits=limits or Limits(per_address=max_sessions),
            goodbye_time=goodbye_time,  # asyncssh's test client does not leave by itself
            keepalive=keepalive,
            log=logs.append,
            state_dir=state_dir,  # the class store and its socket (None: nothing kept)
            instructor_command=instructor_command,
        )
        server = ClassServer(config)
        server.logs = logs  # the per-session log lines, for assertions
        server.notes = await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await asyncio.wait_for(server.stop(), TIMEOUT)
