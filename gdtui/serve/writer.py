"""The class store's only writer: one thread that owns the store (state
folder/class.db), fed by the server's event loop.

The loop never waits on the disk: `put` queues an event; `call` runs a read
in the thread after every event queued before it (so a learner taken over
gets, in their new session's hello, everything the old one sent). A write
that fails stays in the store's memory and is tried again with the next
(gdtui.store.db); the first failure is one log line.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gdtui.store.db import Store
from gdtui.store.events import Event

STOP_SECONDS = 10.0  # at most, to write what is queued when the server stops


class StoreWriter:
    def __init__(self, path: Path, log: Callable[[str], None]) -> None:
        self.path = path
        self.log = log
        self.store: Store | None = None
        self._queue: queue.Queue = queue.Queue()
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gdtui-store", daemon=True)

    def start(self) -> str | None:
        """Open the store (in its thread); the line about what was found, if any."""
        self._thread.start()
        self._opened.wait()
        return self.store.warning

    def put(self, learner: str, event: Event, session_id: str) -> None:
        self._queue.put(("record", learner, event, session_id))

    def keep(self, name: str, value: str, at: float) -> None:
        """The class's shared state `name` (Store.keep), without waiting for it."""

        def failed(_, error) -> None:
            if error is not None:
                self.log(f"gdtui serve: could not keep {name} in {self.path}: {error}")

        self._queue.put(("call", lambda store: store.keep(name, value, at), failed))

    def keep_poll(self, poll: tuple, answers: list[tuple]) -> None:
        """A judged class poll's rows (Store.keep_poll), without waiting for it."""

        def failed(_, error) -> None:
            if error is not None:
                self.log(f"gdtui serve: could not keep poll {poll[0]} in {self.path}: {error}")

        self._queue.put(("call", lambda store: store.keep_poll(poll, answers), failed))

    async def call(self, fn: Callable[[Store], Any]) -> Any:
        """fn(store) in the writer's thread, after what is queued."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future = loop.create_future()

        def settle(result, error) -> None:
            if done.done():
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result)

        self._queue.put(("call", fn, lambda r, e: loop.call_soon_threadsafe(settle, r, e)))
        return await done

    async def stop(self) -> None:
        self._queue.put(None)
        await asyncio.get_running_loop().run_in_executor(None, self._thread.join, STOP_SECONDS)

    def _run(self) -> None:
        self.store = Store(self.path)
        self._opened.set()
        while (item := self._queue.get()) is not None:
            if item[0] == "record":
                _, learner, event, session_id = item
                line = self.store.record(learner, event, session_id)
                if line:
                    self.log(f"gdtui serve: {line}")
            else:
                _, fn, reply = item
                try:
                    reply(fn(self.store), None)
                except Exception as exc:  # a failed read is the caller's to handle
                    reply(None, exc)
        self.store.flush()
        if self.store.pending:
            self.log(f"gdtui serve: {self.store.pending} event(s) could not be written to "
                     f"{self.path} before stopping")
        self.store.close()
