"""A class server for the capacity benchmark (test_class_capacity.py): gdtui's
own ClassServer on 127.0.0.1, each learner's app started one of three ways.

    python class_server.py fork|exec|minimal PASSWORD [APP ARGS...]

fork: `gdtui --served APP ARGS` forked from the zygote, as `gdtui serve` does;
exec: the same command exec'd for each learner (no zygote);
minimal: APP ARGS is a command run for each learner (the reference: a fresh
Python running a minimal Textual app).
Prints `port N`, `pids SERVER ZYGOTE` and `ready`, then serves until stdin closes.
"""

from __future__ import annotations

import asyncio
import os
import sys

import asyncssh

from gdtui.serve import child
from gdtui.serve.auth import Access
from gdtui.serve.forking import Zygote
from gdtui.serve.guard import Limits
from gdtui.serve.server import ClassServer, ServerConfig
from gdtui.serve.session import SessionOptions

SEATS = 60


async def serve(options: SessionOptions, password: str) -> None:
    if options.zygote is not None:
        assert await options.zygote.wait_ready(), "the zygote did not start"
    server = ClassServer(ServerConfig(
        host_key=asyncssh.generate_private_key("ssh-ed25519"), access=Access(password=password),
        session=options, port=0, max_sessions=SEATS,
        limits=Limits(per_address=SEATS, max_unauthenticated=2 * SEATS),
        log=lambda line: None,
    ))
    await server.start()
    zygote = options.zygote.process.pid if options.zygote is not None else 0
    print(f"port {server.port}\npids {os.getpid()} {zygote}\nready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop()
    if options.zygote is not None:
        await options.zygote.close()


def main() -> None:
    mode, password, *app = sys.argv[1:]
    command = app if mode == "minimal" else [*child.app_command(), *app]
    options = SessionOptions(command=command, idle_timeout=0)
    if mode == "fork":
        zygote = Zygote(child.APP, command[len(child.APP):], child.child_env(None), print)
        zygote.start()  # before the loop, as gdtui serve does
        options = SessionOptions(command=command, idle_timeout=0, zygote=zygote)
    asyncio.run(serve(options, password))


if __name__ == "__main__":
    main()
