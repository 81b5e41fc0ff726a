"""Can the learner's terminal show Chinese? Its locale says, not Python.

A terminal that is not UTF-8 shows Chinese as `\\u4e2a` escapes or as
garbage, so `L` says so instead of switching. The answer comes from the
terminal's locale (LC_ALL, else LC_CTYPE, else LANG: the order the C library
and tmux read them), never from Python's output encoding: a served app runs
with PYTHONUTF8=1 whatever the learner's terminal is, and locally Python turns
the C locale into UTF-8 on its own, in os.environ too (PEP 538 sets
LC_CTYPE=C.UTF-8 under LANG=C), so the locale is read as the process was
started with it (started_env).

Served, the app's environment holds the server's locale as well as the
client's; the server passes on what the client's own variables say in
CLIENT_LOCALE (gdtui.serve.child.child_env), or nothing when the client sent
none: then nothing is known, and the app, which sends UTF-8 anyway, assumes it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

LOCALE_VARS = ("LC_ALL", "LC_CTYPE", "LANG")
CLIENT_LOCALE = "GDTUI_CLIENT_LOCALE"
# An environment is at most ARG_MAX (2 MB on Linux); past this, os.environ.
_ENVIRON_CAP = 4 << 20


def started_env(proc: str = "/proc/self/environ") -> Mapping[str, str]:
    """The locale variables as exec gave them to this process, before Python's
    locale coercion changed os.environ (Linux keeps them in /proc/self/environ);
    os.environ where that cannot be read."""
    try:
        with open(proc, "rb") as file:
            raw = file.read(_ENVIRON_CAP + 1)
    except OSError:
        return os.environ
    if len(raw) > _ENVIRON_CAP:
        return os.environ
    env = {}
    for item in raw.split(b"\0"):
        name, sep, value = item.partition(b"=")
        if sep and name.decode("ascii", "replace") in LOCALE_VARS:
            env[name.decode("ascii")] = value.decode("utf-8", "surrogateescape")
    return env


def locale_of(env: Mapping[str, str]) -> str | None:
    """The locale that decides the character set: the first of LOCALE_VARS set."""
    for name in LOCALE_VARS:
        value = env.get(name)
        if value:
            return value
    return None


def is_utf8(locale: str | None) -> bool:
    """`C.UTF-8`, `zh_CN.utf8`, `de_DE.UTF-8@euro`: yes. `C`, `POSIX`,
    `zh_CN` (GB2312), `zh_CN.GB18030`, none set: no."""
    if not locale:
        return False
    codeset = locale.partition(".")[2].partition("@")[0]
    return codeset.lower().replace("-", "") == "utf8"


@dataclass(frozen=True)
class Terminal:
    """What the app knows of its terminal's character set."""

    locale: str | None  # as its environment says it (None: not said)
    utf8: bool


def terminal(env: Mapping[str, str], served: bool = False) -> Terminal:
    """A terminal from its environment: local, its own locale; served, the
    client's (CLIENT_LOCALE)."""
    if served:
        locale = env.get(CLIENT_LOCALE) or None
        return Terminal(locale, locale is None or is_utf8(locale))
    locale = locale_of(env)
    return Terminal(locale, is_utf8(locale))


def this_terminal(served: bool = False) -> Terminal:
    """This process's terminal: served, as the server passed it on (os.environ,
    which the server set); local, its locale as the process was started."""
    return terminal(os.environ if served else started_env(), served)
