"""Hostile lesson files, one maker per kind (special files, exits of every
kind, escapes, forgeries): shared by the loader's tests (tests/lessons) and
the command line's (tests/output)."""

import os
import socket
import textwrap

GOOD = """
from gdtui import Lesson
lesson = Lesson(id={id!r}, title="A user lesson", notes={{"en": "Note.", "zh": "说明。"}},
                weights=0.5, input=0.5, goal=0.8, alpha=0.1, steps=3)
"""


def good(lesson_id):
    return GOOD.format(id=lesson_id)


def write(directory, name, text):
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def big_file(directory, name):
    path = directory / name
    with open(path, "wb") as f:
        f.write(b"# a comment\n")
        f.truncate(50_000_000)  # 50 MB, sparse: cheap to make, must never be read whole
    return path


def fifo(directory, name):
    os.mkfifo(directory / name)
    return directory / name


def symlink(target):
    def make(directory, name):
        os.symlink(target, directory / name)
        return directory / name
    return make


def folder(directory, name):
    (directory / name).mkdir()
    return directory / name


def unix_socket(directory, name):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(directory / name))
    server.close()  # the socket file stays
    return directory / name


def raw(data: bytes, filename: bytes | None = None):
    def make(directory, name):
        path = os.path.join(os.fsencode(directory), filename or os.fsencode(name))
        with open(path, "wb") as f:
            f.write(data)
        return directory / os.fsdecode(path)
    return make


# Writes its reply on every descriptor the child might hold, then exits:
# the parent must check what it is sent, never trust it.
FORGE = """
import os
reply = {reply!r}
if reply.startswith(b"{{"):  # framed as gdtui's own replies are: length, newline, JSON
    reply = b"%11d\\n" % len(reply) + reply
for fd in range(3, 64):
    try:
        os.write(fd, reply)
    except OSError:
        pass
os._exit(0)
"""

# name: (what makes the file: its source or a function, what its one line says)
BROKEN = {
    "os_exit.py": ("import os\nos._exit(3)\n", "before giving a lesson"),
    "sys_exit.py": ("import sys\nsys.exit(0)\n", "error while running the file (line 2): SystemExit"),
    "keyboard_interrupt.py": ("raise KeyboardInterrupt\n", "(line 1): KeyboardInterrupt"),
    "generator_exit.py": ("raise GeneratorExit\n", "(line 1): GeneratorExit"),
    "base_exception.py": ("raise BaseException('base')\n", "(line 1): BaseException: base"),
    "recursion.py": ("def f():\n    f()\nf()\n", "RecursionError: maximum recursion depth"),
    "memory.py": ("x = bytearray(10**13)\n", "(line 1): MemoryError"),
    "escapes_in_error.py": ("raise RuntimeError('\\x1b[2J\\x1b]0;pwned\\x07\\nsecond line')\n",
                            "RuntimeError: \\x1b[2J\\x1b]0;pwned\\x07\\nsecond line"),
    "huge_error.py": ("raise RuntimeError('x' * 10**7)\n", "RuntimeError: xxx"),
    "unprintable_error.py": ("class E(Exception):\n    def __str__(self):\n        raise E()\nraise E()\n",
                             "E: (its message cannot be shown)"),
    "hostile_lesson.py": (
        "from gdtui import Lesson\nclass L(Lesson):\n    def __getattribute__(self, name):\n"
        "        raise KeyboardInterrupt\nlesson = L()\n", "(line 4): KeyboardInterrupt"),
    "nan_weights.py": (good("nan").replace("weights=0.5", "weights=float('nan')"),
                       "weights: holds NaN or infinity"),
    "steps_huge.py": (good("huge").replace("steps=3", "steps=10**12"), "steps: must be at most"),
    "sends_garbage.py": (FORGE.format(reply=b"\x1b[2J{not json"), "sent back something that is not"),
    "forges_a_lesson.py": (
        FORGE.format(reply=b'{"lesson": {"id": "forged", "title": "t", "notes": {"en": "n", "zh": "z"},'
                           b' "weights": [[0.5]], "inputs": [[1]], "goals": [[1]], "steps": 1e99}}'),
        "steps: must be a whole number, got float 1e+99"),
    "forges_deep_json.py": (FORGE.format(reply=b"{" + b'"lesson": ' + b"[" * 200_000),
                            "sent back something that is not a lesson"),
    "null_bytes.py": (raw(b"x = 1\x00\n"), "null bytes"),
    "latin1.py": (raw(b"title = '\xe9'\n"), ":1: syntax error"),
    "fifo.py": (fifo, "not a lesson file: it is a FIFO (named pipe), not a regular file"),
    "dev_zero.py": (symlink("/dev/zero"), "not a lesson file: it is a device"),
    "folder.py": (folder, "not a lesson file: it is a folder"),
    "socket.py": (unix_socket, "not a lesson file: it is a socket"),
    "dangling.py": (symlink("/nonexistent/x.py"), "cannot read: No such file or directory"),
    "self_link.py": (symlink("self_link.py"), "cannot read: Too many levels of symbolic links"),
    "big.py": (big_file, "is larger than 1,000,000 bytes"),
    "bad\udcffname.py": (raw(b"x = 1\n", b"bad\xffname.py"), "lesson: missing"),
}

# These misbehave while loading yet give a good lesson: it loads.
SURVIVE = {
    "prints.py": ("import os, sys\nprint('PRINTED')\nprint('PRINTED', file=sys.stderr)\n"
                  "os.write(1, b'PRINTED')\nos.write(2, b'PRINTED')\n" + good("prints")),
    "closes_stdout.py": ("import os, sys\nsys.stdout.close()\nsys.stderr.close()\nos.close(1)\n"
                         "os.close(2)\n" + good("closes-stdout")),
    "thread.py": ("import threading, time\nthreading.Thread(target=time.sleep, args=(600,)).start()\n"
                  + good("thread")),
    "deletes_itself.py": ("import os\nos.remove(__file__)\n" + good("deletes-itself")),
    "reads_stdin.py": ("import sys\nsys.stdin.read()\n" + good("reads-stdin")),
}


def make(directory, name, maker):
    return write(directory, name, maker) if isinstance(maker, str) else maker(directory, name)
