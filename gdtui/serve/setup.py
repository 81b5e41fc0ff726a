"""From checked flags to a running server, and the banner the teacher reads."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import asyncssh

from gdtui.serve import auth, child, hostkey
from gdtui.serve.forking import Zygote
from gdtui.serve.guard import Limits
from gdtui.serve.server import ClassServer, ServerConfig
from gdtui.serve.session import SessionOptions


class SetupError(Exception):
    """Unusable flags or files: one line, exit 2."""


def build_config(
    args: argparse.Namespace, command: Sequence[str] | None = None
) -> tuple[ServerConfig, list[str]]:
    """The server configuration and the banner lines about who may log in."""
    roster_file = getattr(args, "roster", None)
    instructor_file = getattr(args, "instructor_keys", None)
    if args.open and (args.password_file or args.authorized_keys or roster_file):
        raise SetupError("--open means no authentication: drop --password-file/--authorized-keys"
                         "/--roster")
    if roster_file and (args.password_file or args.authorized_keys):
        raise SetupError("--roster gives each learner their own secret: drop --password-file"
                         "/--authorized-keys")
    scenarios = [os.path.abspath(d) for d in args.scenarios]  # the child's cwd may differ
    for directory in scenarios:
        if not os.path.isdir(directory):
            raise SetupError(f"--scenarios {directory}: not a directory")
    notes: list[str] = []
    from gdtui.serve import roster as rosters

    try:
        password = auth.read_password_file(args.password_file) if args.password_file else None
        keys = auth.read_authorized_keys(args.authorized_keys) if args.authorized_keys else None
        instructors = auth.read_authorized_keys(instructor_file) if instructor_file else None
        roster = rosters.read_roster(roster_file) if roster_file else None
    except (auth.AuthError, rosters.RosterError) as exc:
        raise SetupError(str(exc)) from None
    if args.open:
        notes += [
            "!" * 64,
            "!!  --open: NO AUTHENTICATION. Anyone who can reach this port gets in.",
            "!" * 64,
        ]
    else:
        if password is not None:
            notes.append(f"password: the first line of {args.password_file}")
        if keys is not None:
            notes.append(f"public keys: from {args.authorized_keys}")
        if roster is not None:
            notes.append(f"roster: {len(roster.names)} learners from {roster_file}, "
                         "each with their own secret")
        if password is None and keys is None and roster is None:
            password = auth.generate_password()
            notes.append(f"class password (made for this run, shown only here): {password}")
            notes.append("  (to keep one password across restarts: --password-file FILE)")
    if instructors is not None:
        notes.append(f"instructors (the class view over SSH): keys from {instructor_file}")
    state_dir = Path(args.state_dir) if args.state_dir else hostkey.default_state_dir()
    try:
        key, key_path, created = hostkey.load_or_create(state_dir)
    except hostkey.UnsafeStateDir as exc:
        raise SetupError(f"refusing state folder: {exc}") from None
    except (OSError, asyncssh.KeyImportError) as exc:
        raise SetupError(f"host key in {state_dir}: {exc}") from None
    notes.insert(0, f"host key: {key.get_fingerprint()} ({'new, ' if created else ''}{key_path})")
    config = ServerConfig(
        host_key=key,
        access=auth.Access(password=password, authorized_keys=keys, open=args.open,
                           roster=roster, instructor_keys=instructors),
        session=SessionOptions(
            command=list(command or child.app_command(scenarios, args.lang)),
            idle_timeout=args.idle_timeout,
            memory_bytes=int(args.session_memory * 1024 * 1024),
        ),
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions,
        state_dir=state_dir,
        instructor_command=[*child.APP, "class", "--served", "--state-dir",
                            str(state_dir.resolve()),
                            *(f"--scenarios={d}" for d in scenarios)],  # the class's lessons
        limits=Limits(
            max_auth_tries=args.max_auth_tries, login_grace=args.login_grace,
            per_address=args.per_address,
            # A big class behind one NAT may all be typing the password at once.
            max_unauthenticated=max(Limits.max_unauthenticated, 2 * args.per_address),
        ),
    )
    note = raise_descriptor_limit(config)
    if note:
        notes.append(note)
    return config, notes


# Descriptors per learner: the connection, the pty, the channel, one to spare.
_FDS_PER_SESSION = 4
_FDS_SPARE = 64


def raise_descriptor_limit(config: ServerConfig) -> str | None:
    """Make room for every seat and every connection still logging in.

    Returns a warning line if the hard limit is too low for that.
    """
    import resource

    need = (config.max_sessions * _FDS_PER_SESSION + config.limits.max_unauthenticated
            + _FDS_SPARE)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < need:
        new = need if hard == resource.RLIM_INFINITY else min(need, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
        if new < need:
            return (f"warning: only {new} open files allowed (ulimit -n), {need} wanted for "
                    f"{config.max_sessions} learners: lower --max-sessions or raise the limit")
    return None


def serve(config: ServerConfig, notes: Sequence[str], connect_host: str) -> int:
    """Run the server until a stop signal; print the banner once listening."""
    command = config.session.command
    if command[:len(child.APP)] == child.APP:  # the app itself, not a test's stand-in
        # Exec'd now, before the SSH server and its event loop exist.
        zygote = Zygote(child.APP, command[len(child.APP):], child.child_env(None), config.log)
        try:
            zygote.start()
        except OSError as exc:
            config.log(f"gdtui serve: cannot start the zygote ({exc.strerror or exc}): "
                       "each learner's app starts the slow way (exec)")
        else:
            config = replace(config, session=replace(config.session, zygote=zygote))
    return asyncio.run(_serve(config, notes, connect_host))


async def _serve(config: ServerConfig, notes: Sequence[str], connect_host: str) -> int:
    zygote = config.session.zygote
    if zygote is not None:
        await zygote.wait_ready()  # so the first logins are fast ones
    server = ClassServer(config)
    try:
        store_notes = await server.start()
    except OSError as exc:
        await server.stop()
        print(f"gdtui serve: cannot listen on {config.host}:{config.port}: {exc.strerror or exc}",
              file=sys.stderr)
        if zygote is not None:
            await zygote.close()
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # The teacher's terminal went away (a dropped SSH link to the lab machine):
    # the class goes on; its lines still go to stderr if that is a file or a pipe.
    loop.add_signal_handler(signal.SIGHUP, config.log,
                            f"gdtui serve: the terminal hung up; the class goes on "
                            f"(stop it with kill -TERM {os.getpid()})")
    print(f"gdtui serve: listening on {config.host}:{server.port} "
          f"(up to {config.max_sessions} learners, {config.limits.per_address} per address)")
    for line in [*notes, *store_notes]:
        print(line)
    print(f"learners connect with: ssh -p {server.port} anyname@{connect_host}")
    print(f"stop with Ctrl-C (or kill -TERM {os.getpid()})", flush=True)
    await stop.wait()
    config.log(f"gdtui serve: stopping, {len(server.sessions)} learner(s) connected")
    await server.stop()
    if zygote is not None:
        await zygote.close()
    return 0
