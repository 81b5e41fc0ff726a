"""The class kept and seen, over OpenSSH's own client and the real app: a
prediction survives logging out and in, `gdtui class --format json` shows a
connected learner where they are, `--say` reaches their screen, `w` mirrors it."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time

import pyte
import pytest

from gdtui.classroom.client import Watch
from gdtui.serve.child import app_command
from serve_helpers import TIMEOUT, OpenSSH


pytestmark = pytest.mark.skipif(shutil.which("ssh") is None, reason="needs OpenSSH's client")
APP_TIMEOUT = 30  # the first frame of the real app on a busy machine


async def open_learning_steps(ssh: OpenSSH) -> None:
    await ssh.wait_for("learning-steps", APP_TIMEOUT)
    ssh.send(b"\x1b[B" * 4 + b"\r")  # the fifth lesson
    await ssh.wait_for("step 0/4")


def gdtui_class(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gdtui", "class", *args], capture_output=True,
                          text=True, timeout=60)


async def test_a_prediction_survives_logging_out_and_in(start_server, state_dir, tmp_path):
    server = await start_server(command=app_command(), state_dir=state_dir, restore_grace=3)
    ssh = await OpenSSH.login(server.port, "alice", tmp_path)
    try:
        await open_learning_steps(ssh)
        ssh.send(b"p")
        await ssh.wait_for("predict new weight")
        ssh.send(b" ")
        await ssh.wait_for("Step 1: predict")
        ssh.send(b"0.88\r")  # weight 0 - 1 x (1.1 x 0 - 0.8) x 1.1: right
        await ssh.wait_for("1/1")
        ssh.send(b"q")
        assert await ssh.finish() == 0
    finally:
        await ssh.close()
    ssh = await OpenSSH.login(server.port, "alice", tmp_path)
    try:
        text = await ssh.wait_for("p 1/1", APP_TIMEOUT)
        (line,) = [l for l in text.splitlines() if "learning-steps" in l]
        assert "p 1/1" in line
    finally:
        await ssh.close()


async def test_the_roster_shows_a_learner_where_they_are_and_say_reaches_them(
        start_server, state_dir, tmp_path):
    server = await start_server(command=app_command(), state_dir=state_dir, restore_grace=3)
    ssh = await OpenSSH.login(server.port, "alice", tmp_path)
    try:
        await open_learning_steps(ssh)
        ssh.send(b"  ")
        await ssh.wait_for("step 2/4")
        loop = asyncio.get_running_loop()
        out = await loop.run_in_executor(None, gdtui_class, "--state-dir", str(state_dir),
                                         "--format", "json")
        assert out.returncode == 0, out.stderr
        (alice,) = json.loads(out.stdout)
        assert (alice["user"], alice["connected"], alice["lesson"], alice["step"]) == (
            "alice", True, "learning-steps", 2)
        for key in ("exercises_done", "predict_right", "predict_asked", "idle_s", "stuck"):
            assert key in alice
        began = time.monotonic()
        out = await loop.run_in_executor(None, gdtui_class, "--state-dir", str(state_dir),
                                         "--say", "look at the U now")
        assert out.returncode == 0 and "sent to 1 learner" in out.stdout, out.stderr
        await ssh.wait_for("look at the U now")
        print(f"--say to the learner's screen: {time.monotonic() - began:.2f} s")
    finally:
        await ssh.close()


async def test_w_mirrors_the_learners_screen(start_server, state_dir, tmp_path):
    server = await start_server(command=app_command(), state_dir=state_dir, restore_grace=3)
    ssh = await OpenSSH.login(server.port, "alice", tmp_path, cols=100, rows=30)
    try:
        await open_learning_steps(ssh)
        loop = asyncio.get_running_loop()
        watch = await loop.run_in_executor(None, Watch, state_dir, "alice")
        assert watch.size == (100, 30)
        mirror = pyte.Screen(*watch.size)
        stream = pyte.ByteStream(mirror)

        def pump():  # the watch stream into the mirror, until it is closed
            for kind, value in watch.messages():
                if kind == "out":
                    stream.feed(value)

        pumping = loop.run_in_executor(None, pump)

        def lines(screen):
            return [line.rstrip() for line in screen.display]

        async def same(needle: str) -> None:
            """Until the mirror shows what the learner's terminal shows (both
            settle a moment after the status line changes)."""
            deadline = time.monotonic() + TIMEOUT
            while not (needle in "\n".join(mirror.display) and lines(mirror) == lines(ssh.screen)):
                assert time.monotonic() < deadline, (lines(mirror), lines(ssh.screen))
                ssh._read()
                await asyncio.sleep(0.05)

        await ssh.wait_for("step 0/4")
        await same("step 0/4")  # the whole screen, from the repaint
        ssh.send(b"  ")
        await ssh.wait_for("step 2/4")
        await same("step 2/4")
        watch.close()
        await pumping
    finally:
        await ssh.close()
