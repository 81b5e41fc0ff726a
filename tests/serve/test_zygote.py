"""The zygote (gdtui/serve/zygote.py, forking.py): what a forked child is born
with, how its end is reported, when the zygote refuses to fork, and how a dead
one is replaced. With a probe zygote (zygote_probe.py) whose children report
on themselves, then with the real app served over SSH."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gdtui.serve import child
from gdtui.serve.forking import ForkedApp, Zygote
from serve_helpers import TIMEOUT, Term, connect, pid_state, wait_gone

PROBE = [sys.executable, str(Path(__file__).with_name("zygote_probe.py"))]
MEMORY = 512 * 2**20
RESTART_WAIT = 60  # a new zygote: the restart delay, then its imports on a busy machine


class Child:
    """A child started the way a session starts one (child.spawn), with its pty."""

    def __init__(self, proc, master: int, channel) -> None:
        self.proc, self.master, self.channel = proc, master, channel
        self.raw = b""

    @classmethod
    async def spawn(cls, zygote, command=None, env=None, memory=MEMORY):
        command = command or zygote.command
        env = env or child.child_env("xterm-256color", {"LANG": "zh_CN.UTF-8"})
        return cls(*await child.spawn(command, env, 80, 24, memory, zygote))

    async def read_until(self, needle: bytes, timeout: float = TIMEOUT) -> bytes:
        deadline = time.monotonic() + timeout
        while needle not in self.raw:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never came: {self.raw[-500:]!r}")
            try:
                self.raw += os.read(self.master, 65536)
            except BlockingIOError:
                await asyncio.sleep(0.01)
        return self.raw

    async def report(self) -> dict:
        await self.read_until(b"}\r\n")
        line = next(l for l in self.raw.split(b"\r\n") if l.startswith(b"report "))
        return json.loads(line[len("report "):])

    def send(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    async def end(self) -> int:
        code = await asyncio.wait_for(child.end_group(self.proc, 1.0), TIMEOUT)
        os.close(self.master)
        self.channel.close()
        return code


@pytest.fixture
async def probe_zygote():
    """probe_zygote(*flags) -> a ready Zygote running zygote_probe.py; closed after."""
    made, logs = [], []

    async def make(*flags):
        zygote = Zygote(PROBE, list(flags), child.child_env(None), logs.append)
        zygote.logs = logs
        zygote.start()
        made.append(zygote)
        assert await zygote.wait_ready(RESTART_WAIT)
        return zygote

    yield make
    for zygote in made:
        await asyncio.wait_for(zygote.close(), TIMEOUT)


async def test_a_forked_child_is_born_as_an_execd_one(probe_zygote):
    zygote = await probe_zygote()
    assert zygote.ready
    first, second = [await Child.spawn(zygote) for _ in range(2)]
    report, other = await first.report(), await second.report()
    assert isinstance(first.proc, ForkedApp) and report["pid"] == first.proc.pid
    # Its own session, the pty as controlling terminal on 0-2, its channel at 3, nothing else.
    assert report["session_leader"] and report["ctty"]
    fds = {int(fd): target for fd, target in report["fds"].items()}
    assert sorted(fds) == [0, 1, 2, 3], fds
    assert fds[0] == fds[1] == fds[2] and fds[0].startswith("/dev/pts/")
    assert fds[3].startswith("socket:")  # its channel to the server
    assert report["argv"][-4:] == ["--memory-limit", str(MEMORY), "--channel-fd", "3"]
    await first.read_until(b"report")
    assert first.channel.recv(100) == b"log works\n"
    # The learner's environment exactly, not the zygote's.
    assert report["env"] == child.child_env("xterm-256color", {"LANG": "zh_CN.UTF-8"})
    assert report["threads"] == 1
    assert report["gc_enabled"] and report["gc_frozen"] > 1000  # the zygote's imports, shared
    assert all(report["signals"].values()), report["signals"]
    assert report["stdout_tty"] and report["stdout_line_buffered"] and report["stdin_is_fd0"]
    # Reseeded: two learners never share the zygote's random sequence.
    assert report["random"] != other["random"]
    assert report["numpy_random"] != other["numpy_random"]
    with open(f"/proc/{report['pid']}/limits") as f:
        assert f"Max address space         {MEMORY}" in f.read()
    for kid in (first, second):
        await kid.end()


@pytest.mark.parametrize("command, status", [
    ("exit 0", 0),
    ("exit 7", 7),
    ("kill", -signal.SIGKILL),
])
async def test_the_zygote_reports_how_each_child_ended(probe_zygote, command, status):
    zygote = await probe_zygote()
    kid = await Child.spawn(zygote)
    await kid.report()
    kid.send(command)
    assert await asyncio.wait_for(kid.proc.wait(), TIMEOUT) == status
    assert await kid.end() == status
    assert pid_state(kid.proc.pid) is None  # reaped by the zygote


async def test_the_memory_limit_holds_in_a_forked_child(probe_zygote):
    zygote = await probe_zygote()
    kid = await Child.spawn(zygote, memory=600 * 2**20)
    await kid.report()
    kid.send("hog 50")
    await kid.read_until(b"hog ok")
    kid.send("hog 700")
    await kid.read_until(b"hog refused")
    await kid.end()


@pytest.mark.parametrize("flag, why", [
    ("--thread", "the zygote has 2 threads"),
    ("--loop", "the zygote has 2 threads"),  # the loop runs in a thread of its own
])
async def test_a_zygote_that_is_not_alone_refuses_to_fork_and_is_replaced(probe_zygote, flag, why):
    zygote = await probe_zygote(flag)
    first_pid = zygote.process.pid
    kid = await Child.spawn(zygote, command=[sys.executable, "-c", "pass"])  # not its command
    assert not isinstance(kid.proc, ForkedApp)  # exec'd
    await kid.end()
    assert await zygote.fork([*zygote.command, "--channel-fd", "0"], {}, 0, []) is None
    assert any(why in line for line in zygote.logs), zygote.logs
    await wait_gone(first_pid)  # it ended itself...
    deadline = time.monotonic() + RESTART_WAIT
    while not (zygote.ready and zygote.process.pid != first_pid):  # ...and a new one is up
        assert time.monotonic() < deadline, zygote.logs
        await asyncio.sleep(0.05)


async def test_a_killed_zygote_is_restarted_and_its_children_live_on(probe_zygote):
    zygote = await probe_zygote()
    kid = await Child.spawn(zygote)
    await kid.report()
    old = zygote.process.pid
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + TIMEOUT
    while zygote.ready:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)
    # Meanwhile a learner gets an exec'd process: slower, never refused.
    meanwhile = await Child.spawn(zygote, command=PROBE[:1] + ["-c", "print('exec path')"])
    assert not isinstance(meanwhile.proc, ForkedApp)
    await meanwhile.read_until(b"exec path")
    await meanwhile.end()
    # The orphan still works, and its end is seen without the zygote.
    kid.send("fds")
    await kid.read_until(b"fds ")
    kid.send("exit 3")
    assert await asyncio.wait_for(kid.proc.wait(), TIMEOUT) == 1  # unknown: reported as 1
    await kid.end()
    deadline = time.monotonic() + RESTART_WAIT
    while not zygote.ready:
        assert time.monotonic() < deadline, zygote.logs
        await asyncio.sleep(0.05)
    assert zygote.process.pid != old
    assert any("the zygote stopped (it ended, status -9)" in line for line in zygote.logs)
    again = await Child.spawn(zygote)
    assert isinstance(again.proc, ForkedApp)
    await again.report()
    await again.end()


# -- the real app, forked, over SSH ---------------------------------------------------

LESSON = '''
from gdtui import Lesson
lesson = Lesson(id="my-lesson", title="{title}", notes={{"en": "Mine.", "zh": "Mine."}},
                input=2.0, goal=0.8, weights=0.5, alpha=0.1)
'''


@pytest.fixture
async def app_server(start_server):
    """app_server(*args) -> a server whose sessions fork `gdtui --served *args` from a zygote."""
    zygotes = []

    async def make(*args, **options):
        command = [*child.app_command(), *args]
        zygote = Zygote(child.APP, command[len(child.APP):], child.child_env(None), print)
        zygote.start()
        zygotes.append(zygote)
        assert await zygote.wait_ready(60)
        return await start_server(command=command, zygote=zygote, **options)

    yield make
    for zygote in zygotes:
        await asyncio.wait_for(zygote.close(), TIMEOUT)


async def test_the_real_app_forked_over_ssh(app_server):
    server = await app_server("learning-steps")
    async with await connect(server) as conn:
        term = await Term.open(conn, 100, 30)
        await term.wait_for("step 0", timeout=30)
        (session,) = server.sessions
        assert isinstance(session.proc, ForkedApp)
        with open(f"/proc/{session.pid}/limits") as f:
            assert "Max address space         1073741824" in f.read()
        term.send(b" ")
        await term.wait_for("step 1")
        term.process.change_terminal_size(90, 28)
        term.send(b"q")
        assert await term.finish() == 0
    await wait_gone(session.pid, allow_zombie=False)
    assert server.logs[-1].endswith("quit (status 0)")


async def test_user_lesson_files_in_a_forked_app_are_read_fresh(app_server, tmp_path):
    (tmp_path / "mine.py").write_text(LESSON.format(title="First version"))
    server = await app_server("--scenarios", str(tmp_path))
    async with await connect(server) as conn:
        term = await Term.open(conn, 100, 30)
        await term.wait_for("First version", timeout=30)
        term.send(b"q")
        await term.finish()
    # The teacher edits the file during the class: the next learner sees the edit.
    (tmp_path / "mine.py").write_text(LESSON.format(title="Second version"))
    async with await connect(server) as conn:
        term = await Term.open(conn, 100, 30)
        await term.wait_for("Second version", timeout=30)
        (session,) = server.sessions
        assert isinstance(session.proc, ForkedApp)
        term.send(b"q")
        await term.finish()


async def test_a_forked_app_that_crashes_shows_one_line_and_logs_the_rest(app_server):
    server = await app_server("no-such-lesson")
    async with await connect(server) as conn:
        term = await Term.open(conn)
        assert await term.finish() == 1
    assert b"the app stopped after an error" in term.raw and b"Traceback" not in term.raw
    (report,) = [line for line in server.logs if " app log:\n" in line]
    assert "Traceback" in report and "unknown lesson 'no-such-lesson'" in report
    assert server.logs[-1].endswith("quit (status 1)")


async def test_a_forked_app_killed_by_a_signal_is_reported(app_server):
    server = await app_server()
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("palette", timeout=30)
        (session,) = server.sessions
        os.kill(session.pid, signal.SIGKILL)
        assert await term.finish() == 128 + 9
    assert b"the app was stopped by signal 9" in term.raw


PRELOAD_PROBE = """
import asyncio, sys
from gdtui.cli.commands import preload
preload([])
before = set(sys.modules)
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app

async def visit():
    app = make_app(load_catalog([]), served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in (["down"] * 4 + ["enter"], ["space", "r"], ["r", "e"], ["escape", "p"],
                     ["escape", "question_mark"], ["escape", "escape"]):
            await pilot.press(*keys)
            await pilot.pause(0.2)

asyncio.run(visit())
print(" ".join(sorted(set(sys.modules) - before)))
"""
# What only a test run imports (run_test's driver and pilot).
TEST_ONLY = {"textual.drivers.headless_driver", "textual.pilot"}


def test_the_zygote_preloads_what_the_app_imports_on_its_screens():
    # Whatever a learner's app imports after the fork, every learner pays for
    # (and keeps a private copy of): the list, a lesson, run mode, the edit
    # and predict forms, help.
    result = subprocess.run([sys.executable, "-c", PRELOAD_PROBE], capture_output=True,
                            text=True, timeout=120, env=child.child_env(None))
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) - TEST_ONLY == set()
