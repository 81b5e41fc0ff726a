"""A zygote (gdtui.serve.zygote.serve) whose children report what they were
born with instead of running the app, for tests/serve/test_zygote.py.

    python zygote_probe.py [--thread] [--loop] --zygote-fd N

--thread: prepare() leaves a thread running; --loop: it leaves an event loop
running in one (the zygote must refuse to fork either way).
Each child prints one line `report {json}` on its pty, then obeys lines read
from it: `exit N`, `kill` (SIGKILL itself), `hog MB` (allocate; says `hog ok` or
`hog refused`), `fds` (prints its open descriptors again).
"""

import asyncio
import gc
import json
import os
import random
import signal
import sys
import threading

import numpy

from gdtui.serve import zygote
from gdtui.serve.child import own_terminal


def open_fds() -> dict[int, str]:
    """fd -> what it is, without the directory listing's own descriptor."""
    fds = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue  # the listing's own, closed by now
        if not target.startswith(f"/proc/{os.getpid()}/"):
            fds[int(name)] = target
    return fds


def prepare() -> None:
    if "--thread" in sys.argv:
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    if "--loop" in sys.argv:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True).start()


def start(argv: list[str]) -> int:
    channel_fd = int(argv[argv.index("--channel-fd") + 1])
    memory = int(argv[argv.index("--memory-limit") + 1])
    own_terminal(memory)  # as the app's first lines do
    report = {
        "pid": os.getpid(), "argv": argv, "env": dict(os.environ), "fds": open_fds(),
        "session_leader": os.getsid(0) == os.getpid(),
        "ctty": os.tcgetpgrp(0) == os.getpgrp(),
        "threads": len(os.listdir("/proc/self/task")),
        "gc_enabled": gc.isenabled(), "gc_frozen": gc.get_freeze_count(),
        "signals": {name: signal.getsignal(getattr(signal, name)) == signal.SIG_DFL
                    for name in ("SIGINT", "SIGHUP", "SIGCHLD", "SIGTERM")},
        "random": random.random(), "numpy_random": float(numpy.random.random()),
        "stdout_tty": sys.stdout.isatty(), "stdout_line_buffered": sys.stdout.line_buffering,
        "stdin_is_fd0": sys.stdin.fileno() == 0 and sys.__stdin__ is sys.stdin,
    }
    os.write(channel_fd, b"log works\n")  # the channel's raw bytes
    print("report " + json.dumps(report), flush=True)
    for line in sys.stdin:
        word, _, arg = line.strip().partition(" ")
        if word == "exit":
            return int(arg)
        if word == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if word == "hog":
            try:
                block = bytearray(int(arg) * 2**20)
                print(f"hog ok {len(block)}", flush=True)
            except MemoryError:
                print("hog refused", flush=True)
        if word == "fds":
            print("fds " + json.dumps(open_fds()), flush=True)
    return 0


raise SystemExit(zygote.serve(int(sys.argv[sys.argv.index("--zygote-fd") + 1]), prepare, start))
