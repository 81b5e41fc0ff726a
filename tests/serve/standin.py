"""A tiny stand-in for the app, run on the session's pty by the serve tests.

Reports what a served child sees (pid, controlling tty, size, environment),
echoes each key read as `key b'...'`, prints the size again on SIGWINCH, and
exits with status 3 on 'q', dies of SIGKILL on '!'. Flags: --fullscreen (switch to the alternate
screen, hide the cursor, turn on bracketed paste, as a full-screen app does), --grandchild (start a `sleep` in its group
and print its pid), --stubborn (ignore SIGHUP and SIGTERM), --hog MB (try to
allocate that much and report), --ticks N (print `tick i` every 0.2 s, N times,
as a running lesson draws without keys).
"""

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
import tty

from gdtui.serve.child import own_terminal

# What every served child does first (the server's spawn has no preexec_fn).
own_terminal(int(sys.argv[sys.argv.index("--memory-limit") + 1]))
tty.setraw(0)


def out(text):
    os.write(1, (text + "\r\n").encode())


def size():
    rows, cols = struct.unpack("HHHH", fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8))[:2]
    return f"size {cols}x{rows}"


signal.signal(signal.SIGWINCH, lambda *_: out(size()))
if "--stubborn" in sys.argv:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
env = os.environ
out(f"pid {os.getpid()} leader {os.getsid(0) == os.getpid()} "
    f"ctty {os.tcgetpgrp(0) == os.getpgrp()}")
out(f"TERM={env.get('TERM')} COLORTERM={env.get('COLORTERM')} "
    f"COLUMNS={env.get('COLUMNS')} LEAK={env.get('LEAK')}")
out(f"LANG={env.get('LANG')} LD_PRELOAD={env.get('LD_PRELOAD')}")
if "--grandchild" in sys.argv:
    grandchild = subprocess.Popen(["sleep", "60"])
    out(f"grandchild {grandchild.pid}")
if "--hog" in sys.argv:
    try:
        block = bytearray(int(sys.argv[sys.argv.index("--hog") + 1]) * 1024 * 1024)
        out("hog ok")
    except MemoryError:
        out("hog refused")
if "--fullscreen" in sys.argv:
    os.write(1, b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[H\x1b[2J")
out(size())
out("ready")
if "--ticks" in sys.argv:
    def tick(count: int) -> None:
        for i in range(count):
            time.sleep(0.2)
            out(f"tick {i}")

    threading.Thread(target=tick, args=(int(sys.argv[sys.argv.index("--ticks") + 1]),),
                     daemon=True).start()
while True:
    data = os.read(0, 1024)
    if not data:
        break
    out(f"key {data!r}")
    if b"q" in data:
        sys.exit(3)
    if b"!" in data:  # die as under the OOM killer, with no last words
        os.kill(os.getpid(), signal.SIGKILL)
