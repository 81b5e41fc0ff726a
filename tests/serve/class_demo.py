"""A scripted class for looking at `gdtui class`: `gdtui serve` on loopback
and ten learners logged in with asyncssh, each doing something different;
two end stuck, by different rules (bo: the same slip three times; cy: the
explosion diverging twice at one alpha).

    python tests/serve/class_demo.py STATE_DIR PORT [SECONDS] [--shots DIR]

prints "class ready" once all ten are where their script leaves them (some
go on pressing a key now and then, as a working learner does), then keeps
them logged in for SECONDS (default 120) and stops the server. --shots DIR:
SVG screenshots of the class view at 80x24 and 120x40 (the roster, bo's
answers, cy's screen watched) once the two quiet learners have gone idle.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncssh

PASSWORD = "demo class"
DOWN, ENTER = b"\x1b[B", b"\r"


def lesson(index: int) -> list:
    return [DOWN * index + ENTER, 1.5]


# name: (terminal size, keys and pauses, a key pressed every few seconds afterwards)
SCRIPTS = {
    "ada": ((80, 24), [*lesson(4), b"p", 0.4, b" ", 0.6, b"0.88\r", 0.6, b" ", 0.6, b"0.6952\r",
                        0.6, b" ", 0.6, b"0.7344\r"], b"n"),
    "bo": ((80, 24), [*lesson(4), b"p", 0.4, b" ", 0.6, b"-0.88\r", 0.6, b" ", 0.6, b"1.0648\r",
                       0.6, b" ", 0.6, b"0.656392\r"], b"n"),
    "cy": ((100, 30), [*lesson(5), b"    ", 1.0, b"B", 0.5, b"    ", 1.0], b"h"),
    "dee": ((80, 24), [*lesson(6), b"      ", 0.5], b" "),
    "eli": ((120, 40), [*lesson(7), b"   ", 0.5], b"l"),
    "fay": ((80, 24), [*lesson(8), b"     ", 0.5], b" "),
    "gus": ((80, 24), [*lesson(1), b"          ", 0.5], b" "),
    "hal": ((80, 24), [*lesson(0)], None),  # opened a lesson, then nothing
    "ivy": ((80, 24), [*lesson(4), b"p", 0.4, b" ", 0.6, b"0.88\r", 0.6, b" ", 0.6, b"-0.6952\r"],
            b"n"),
    "jo": ((80, 24), [], None),  # on the list, no key since logging in
}


async def learner(port: int, name: str, size, keys, every, ready: asyncio.Event) -> None:
    conn = await asyncssh.connect("127.0.0.1", port, username=name, password=PASSWORD,
                                  known_hosts=None, client_keys=None, agent_path=None, config=[])
    process = await conn.create_process(term_type="xterm-256color", term_size=size,
                                        encoding=None)

    drawn = asyncio.Event()

    async def drain():
        seen = b""
        while data := await process.stdout.read(65536):
            if not drawn.is_set():
                seen += data
                if b"palette" in seen:  # the footer: the list is drawn
                    drawn.set()

    reading = asyncio.ensure_future(drain())
    await asyncio.wait_for(drawn.wait(), 60)
    await asyncio.sleep(0.5)
    for item in keys:
        if isinstance(item, bytes):
            process.stdin.write(item)
        else:
            await asyncio.sleep(item)
    while every and not ready.is_set():
        try:
            await asyncio.wait_for(ready.wait(), 7)
        except asyncio.TimeoutError:
            process.stdin.write(every)
    await ready.wait()
    reading.cancel()
    conn.close()


async def shots(state_dir: str, folder: Path) -> None:
    from gdtui.ui.classroom.app import ClassApp

    folder.mkdir(parents=True, exist_ok=True)
    for cols, rows in ((80, 24), (120, 40)):
        app = ClassApp(Path(state_dir))
        async with app.run_test(size=(cols, rows)) as pilot:
            await pilot.pause(2)
            app.save_screenshot(str(folder / f"class-{cols}x{rows}.svg"))
            await pilot.press("enter")  # the first (stuck) learner's answers
            await pilot.pause(0.5)
            app.save_screenshot(str(folder / f"answers-{cols}x{rows}.svg"))
            await pilot.press("escape", "down", "w")  # watch the second
            await pilot.pause(3)
            app.save_screenshot(str(folder / f"watch-{cols}x{rows}.svg"))


async def main(state_dir: str, port: int, seconds: float, shots_dir: str | None) -> None:
    folder = Path(tempfile.mkdtemp())
    (folder / "pw").write_text(PASSWORD + "\n")
    server = subprocess.Popen(
        [sys.executable, "-m", "gdtui", "serve", "--port", str(port), "--password-file",
         str(folder / "pw"), "--state-dir", state_dir, "--idle-timeout", "0"],
        stdout=subprocess.PIPE, text=True)
    try:
        for line in server.stdout:
            if line.startswith("stop with"):
                break
        done = asyncio.Event()
        tasks = [asyncio.ensure_future(learner(port, name, size, keys, every, done))
                 for name, (size, keys, every) in SCRIPTS.items()]
        await asyncio.sleep(25)
        print("class ready", flush=True)
        if shots_dir:
            await asyncio.sleep(45)  # hal and jo: a minute without a key is idle
            await shots(state_dir, Path(shots_dir))
            print("shots taken", flush=True)
        await asyncio.sleep(seconds)
        done.set()
        await asyncio.wait(tasks, timeout=10)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)


if __name__ == "__main__":
    os.environ.setdefault("GDTUI_LEAN_OUTPUT", "1")
    args = [a for a in sys.argv[1:] if not a.startswith("--shots")]
    shots_to = sys.argv[sys.argv.index("--shots") + 1] if "--shots" in sys.argv else None
    if shots_to:
        args.remove(shots_to)
    asyncio.run(main(args[0], int(args[1]), float(args[2]) if len(args) > 2 else 120, shots_to))
