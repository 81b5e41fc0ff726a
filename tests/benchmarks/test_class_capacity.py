"""Issue 23: a whole class on one lab machine (2 cores), over SSH on loopback.

Three servers, the same gdtui ClassServer each (class_server.py), measured in
interleaved rounds: learners' apps forked from the zygote (`fork`, as `gdtui
serve` runs), the same app exec'd per learner (`exec`, the path a login takes
while there is no zygote), and the reference: a fresh Python running a minimal
Textual app per learner (`minimal`). Also the minimal app's own launch to its
first frame under a pty, without SSH. Clients are asyncssh's, in this process,
at 80x24; a learner is "in" when the last row of its first screen has arrived.

For each server: logins one at a time; 20 at once (until the last is in); 40
at once (each one's time to its first screen, the CPU of the server, zygote
and apps per login, the apps' PSS); then 20 of the 40 in run mode (each app's
CPU share). PSS also with 10 open. For the zygote: a frozen OpenSSH client
(SIGSTOP) in run mode, at the default keepalives: until its app is gone.

The machine is shared: the load average is recorded with the figures, and
CPU-share and time figures need a quiet machine to be compared between runs.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh
import pytest

from pty_driver import ESCAPE, PtyApp

HERE = Path(__file__).parent
SIZE = (80, 24)
PASSWORD = "correct horse"  # tests/serve/serve_helpers.py's, which openssh() types
ROUNDS = 2
ONE_AT_A_TIME = 4
RUN_SECONDS = 10.0
CLIENT = dict(known_hosts=None, client_keys=None, agent_path=None, config=[],
              preferred_auth="password")
MARKER = b"palette"  # the end of the last row of the first screen (the list's, the minimal app's)
OPEN_LESSON = b"\x1b[B" * 4 + b"\r"  # from the list: learning-steps
TARGETS = {  # issue 23's table
    "one at a time": 0.8,  # x the minimal Textual app's launch to first frame
    "20 at once": 2.5,  # s until the last is in
    "cpu per login": 0.15,  # s of server, zygote and app CPU
    "pss": 20.0,  # MB per learner's app
    "run mode": 0.08,  # of a core per learner (issue 19's frame work)
    "frozen": 30.0,  # s until a frozen client's app is gone
}


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no Pss for {pid}")


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class ClassProcess:
    """class_server.py in a subprocess: its port and pids, the learners' apps."""

    def __init__(self, mode: str, minimal_app: list[str]) -> None:
        self.mode = mode
        app = minimal_app if mode == "minimal" else ["--lang", "en"]
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "class_server.py"), mode, PASSWORD, *app],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        lines = {}
        for line in self.proc.stdout:
            if line.strip() == "ready":
                break
            key, _, value = line.partition(" ")
            lines[key] = value.split()
        self.port = int(lines["port"][0])
        self.server, self.zygote = (int(p) for p in lines["pids"])

    def apps(self) -> list[int]:
        if self.zygote:
            return children(self.zygote)
        return [pid for pid in children(self.server) if pid != self.zygote]

    def cpu(self) -> float:
        return cpu_seconds(self.server) + (cpu_seconds(self.zygote) if self.zygote else 0)

    def close(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


NAMES = (f"learner{n}" for n in itertools.count(1))  # a second login of one name ends the first


class Learner:
    def __init__(self) -> None:
        self.conn: asyncssh.SSHClientConnection | None = None
        self.process = None
        self.seconds = float("nan")
        self.reader: asyncio.Task | None = None
        self.received = 0  # bytes, after the first screen
        self.tail = b""  # the last of them, escapes and all

    @classmethod
    async def login(cls, port: int, marker: bytes = MARKER) -> Learner:
        learner = cls()
        began = time.perf_counter()
        learner.conn = await asyncio.wait_for(asyncssh.connect(
            "127.0.0.1", port, username=next(NAMES), password=PASSWORD, **CLIENT), 120)
        learner.process = await learner.conn.create_process(
            term_type="xterm-256color", term_size=SIZE, encoding=None)
        seen = b""
        while marker not in ESCAPE.sub(b"", seen[-4000:]):
            data = await asyncio.wait_for(learner.process.stdout.read(65536), 120)
            assert data, f"the session ended before its first screen: {seen[-300:]!r}"
            seen += data
        learner.seconds = time.perf_counter() - began
        # Keep reading, as a terminal does: a reader that stops holds the app up.
        learner.reader = asyncio.ensure_future(learner._drain())
        return learner

    async def _drain(self) -> None:
        while data := await self.process.stdout.read(65536):
            self.received += len(data)
            self.tail = (self.tail + data)[-8000:]

    async def shown(self, text: bytes, timeout: float = 60) -> None:
        """Until `text` has been drawn (escapes aside)."""
        deadline = time.monotonic() + timeout
        while text not in ESCAPE.sub(b"", self.tail):
            assert time.monotonic() < deadline, f"{text!r} never drawn: {self.tail[-300:]!r}"
            await asyncio.sleep(0.05)

    def send(self, keys: bytes) -> None:
        self.process.stdin.write(keys)

    async def leave(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()
        if self.reader is not None:
            self.reader.cancel()


async def _all_gone(server: ClassProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while server.apps():
        assert time.monotonic() < deadline, "learners' apps still running"
        await asyncio.sleep(0.1)


async def at_once(server: ClassProcess, count: int) -> tuple[list[Learner], float]:
    began = time.perf_counter()
    learners = await asyncio.gather(*(Learner.login(server.port) for _ in range(count)))
    return list(learners), time.perf_counter() - began


async def leave_all(server: ClassProcess, learners: list[Learner]) -> None:
    await asyncio.gather(*(learner.leave() for learner in learners))
    await _all_gone(server)


async def measure_server(server: ClassProcess) -> dict:
    got: dict = {"load before": load()}
    got["one at a time"] = []
    for _ in range(ONE_AT_A_TIME):
        learner = await Learner.login(server.port)
        got["one at a time"].append(learner.seconds)
        await leave_all(server, [learner])
    learners, _ = await at_once(server, 10)
    got["pss 10"] = statistics.mean(pss_mb(pid) for pid in server.apps())
    await leave_all(server, learners)
    learners, got["20 at once"] = await at_once(server, 20)
    await leave_all(server, learners)

    cpu_before = server.cpu()
    learners, got["40 at once"] = await at_once(server, 40)
    apps = server.apps()
    assert len(apps) == 40
    got["each of 40"] = [learner.seconds for learner in learners]
    got["server cpu per login"] = (server.cpu() - cpu_before) / 40
    got["app cpu per login"] = sum(map(cpu_seconds, apps)) / 40
    got["cpu per login"] = got["server cpu per login"] + got["app cpu per login"]
    got["pss 40"] = statistics.mean(pss_mb(pid) for pid in apps)
    got["pss 40 total"] = sum(pss_mb(pid) for pid in apps) + pss_mb(server.server) + (
        pss_mb(server.zygote) if server.zygote else 0)
    if server.mode != "minimal":
        for learner in learners[:20]:
            learner.send(OPEN_LESSON)
        await asyncio.sleep(3)
        started = 0
        for running in (4, 20):  # a few (each gets what it asks for), then half the class
            group = learners[started:running]
            for learner in group:
                learner.send(b"r")
            # learning-steps converges at step 6 and run mode pauses there;
            # r again runs on past it (what a learner does to keep it running)
            await asyncio.gather(*(learner.shown(b"converged at step") for learner in group))
            for learner in group:
                learner.send(b"r")
            started = running
            await run_mode(server, learners, apps, running, got)
    await leave_all(server, learners)
    got["load after"] = load()
    return got


async def run_mode(server: ClassProcess, learners: list[Learner], apps: list[int],
                   running: int, got: dict) -> None:
    """CPU and bytes while learners[:running] are in run mode."""
    await asyncio.sleep(2)  # into its stride
    app_cpu = {pid: cpu_seconds(pid) for pid in apps}
    received = [learner.received for learner in learners]
    server_cpu, began = server.cpu(), time.perf_counter()
    await asyncio.sleep(RUN_SECONDS)
    elapsed = time.perf_counter() - began
    shares = sorted((cpu_seconds(pid) - app_cpu[pid]) / elapsed for pid in apps)
    got[f"run mode {running}"] = statistics.mean(shares[-running:])
    got[f"idle {running}"] = statistics.mean(shares[:-running])
    got[f"server while {running} run"] = (server.cpu() - server_cpu) / elapsed
    got[f"all while {running} run"] = sum(shares) + got[f"server while {running} run"]
    got[f"bytes per second {running}"] = statistics.mean(
        (learner.received - before) / elapsed
        for learner, before in zip(learners[:running], received[:running]))


def minimal_launch(minimal_app: list[str]) -> float:
    with PtyApp(minimal_app, *SIZE) as app:
        shown = app.wait_for(lambda text: "palette" in text, timeout=30) - app.started
        app.settle(0.1)
        app.quit()
    return shown


async def _openssh_in_run_mode(port: int, home: Path):
    """An OpenSSH client logged in, its lesson in run mode: (process, its pty master)."""
    sys.path.insert(0, str(HERE.parent / "serve"))
    from serve_helpers import openssh  # logs in with the helpers' password: see PASSWORD

    proc, master = await openssh(port, home)

    async def drawn(text: bytes) -> None:
        seen, deadline = b"", time.monotonic() + 120
        while text not in ESCAPE.sub(b"", seen[-4000:]):
            assert time.monotonic() < deadline, seen[-300:]
            try:
                seen += os.read(master, 65536)
            except BlockingIOError:
                await asyncio.sleep(0.02)

    try:
        await drawn(MARKER)
        os.write(master, OPEN_LESSON)
        await asyncio.sleep(2)
        os.write(master, b"r")
        await drawn(b"converged at step")  # run mode paused there: r again runs on
        os.write(master, b"r")
        await asyncio.sleep(2)
    except BaseException:
        proc.kill()
        raise
    return proc, master


async def measure_frozen(server: ClassProcess, home: Path) -> tuple[float, float]:
    """SIGSTOP an OpenSSH client in run mode: seconds until its app is gone,
    and the CPU the app used meanwhile."""
    proc, master = await _openssh_in_run_mode(server.port, home)
    try:
        (app,) = server.apps()
        cpu0, began = cpu_seconds(app), time.perf_counter()
        last = cpu0
        os.killpg(proc.pid, signal.SIGSTOP)
        while os.path.exists(f"/proc/{app}") and time.perf_counter() - began < 120:
            last = max(last, cpu_seconds(app))
            await asyncio.sleep(0.1)
        return time.perf_counter() - began, last - cpu0
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        os.killpg(proc.pid, signal.SIGCONT)
        await proc.wait()
        os.close(master)


def test_class_capacity(benchmark, figure, minimal_app, tmp_path):
    results: dict[str, list[dict]] = {"fork": [], "exec": [], "minimal": []}
    launches: list[float] = []
    frozen: list[tuple[float, float]] = []

    def measure() -> None:
        for _ in range(ROUNDS):
            launches.append(minimal_launch(minimal_app))
            for mode in results:
                server = ClassProcess(mode, minimal_app)
                try:
                    results[mode].append(asyncio.run(measure_server(server)))
                finally:
                    server.close()
        server = ClassProcess("fork", minimal_app)
        try:
            frozen.append(asyncio.run(measure_frozen(server, tmp_path)))
        finally:
            server.close()

    benchmark.pedantic(measure, rounds=1, iterations=1)
    report(figure, results, launches, frozen)


def _median(runs: list[dict], key: str) -> float:
    values = []
    for run in runs:
        value = run[key]
        values.extend(value if isinstance(value, list) else [value])
    return statistics.median(values)


def report(figure, results, launches, frozen) -> None:
    launch = statistics.median(launches)
    loads = "; ".join(f"{mode} {r['load before']} -> {r['load after']}"
                      for mode, runs in results.items() for r in runs)
    figure("class", "minimal Textual app, launch to first frame (pty)", launch, "s",
           note=f"median of {len(launches)}, 80x24; load average before -> after: {loads}")
    for mode, runs in results.items():
        group = f"class: {mode}"
        gdtui = mode == "fork"
        one = _median(runs, "one at a time")
        figure(group, "login one at a time, to first screen", one, "s", note="median")
        figure(group, "... / minimal app's launch", one / launch, "x",
               f"<= {TARGETS['one at a time']}" if gdtui else "",
               one / launch <= TARGETS["one at a time"] if gdtui else None)
        twenty = _median(runs, "20 at once")
        figure(group, "20 logging in at once, until the last is in", twenty, "s",
               f"<= {TARGETS['20 at once']} s" if gdtui else "",
               twenty <= TARGETS["20 at once"] if gdtui else None)
        figure(group, "40 at once, until the last is in", _median(runs, "40 at once"), "s")
        each = [s for run in runs for s in run["each of 40"]]
        figure(group, "40 at once, each one's first screen: median", statistics.median(each), "s",
               note=f"max {max(each):.2f} s, min {min(each):.2f} s")
        cpu = _median(runs, "cpu per login")
        figure(group, "CPU per login (server, zygote, app)", cpu, "s",
               f"<= {TARGETS['cpu per login']} s" if gdtui else "",
               cpu <= TARGETS["cpu per login"] if gdtui else None,
               f"server and zygote {_median(runs, 'server cpu per login') * 1e3:.0f} ms, "
               f"app to its first screen {_median(runs, 'app cpu per login') * 1e3:.0f} ms")
        for n in (10, 40):
            pss = _median(runs, f"pss {n}")
            figure(group, f"PSS per learner's app, {n} open", pss, "MB",
                   f"<= {TARGETS['pss']:g} MB" if gdtui else "",
                   pss <= TARGETS["pss"] if gdtui else None)
        figure(group, "PSS of the whole class, 40 open", _median(runs, "pss 40 total"), "MB",
               note="apps, server and zygote")
        if mode == "minimal":
            continue
        share = _median(runs, "run mode 4")
        figure(group, "run mode, default speed, 4 of 40 running: per learner", share, "x",
               f"<= {TARGETS['run mode']}" if gdtui else "",
               share <= TARGETS["run mode"] if gdtui else None,
               f"share of a core (issue 19's frame work); "
               f"{_median(runs, 'bytes per second 4') / 1024:.1f} KiB/s each")
        figure(group, "run mode, 20 of 40 running: per learner", _median(runs, "run mode 20"),
               "x", note=f"what each got; {_median(runs, 'bytes per second 20') / 1024:.1f} "
                         "KiB/s each")
        figure(group, "run mode, 20 of 40 running: the whole machine",
               _median(runs, "all while 20 run"), "x",
               note=f"of 2 cores; the server {_median(runs, 'server while 20 run'):.2f}, "
                    f"an idle learner {_median(runs, 'idle 20'):.3f}")
    for gone, cpu in frozen:
        figure("class: frozen client", "SIGSTOP to its app gone", gone, "s",
               f"<= {TARGETS['frozen']:g} s", gone <= TARGETS["frozen"], "default keepalives")
        figure("class: frozen client", "the app's CPU meanwhile", cpu, "s", note="in run mode")
