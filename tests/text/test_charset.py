"""Which terminals get Chinese: their locale decides (text/charset.py)."""

import os
import subprocess
import sys

import pytest

from gdtui.text.charset import CLIENT_LOCALE, Terminal, is_utf8, locale_of, started_env, terminal


@pytest.mark.parametrize("locale, utf8", [
    ("C.UTF-8", True), ("C.utf8", True), ("en_US.UTF-8", True), ("zh_CN.utf8", True),
    ("de_DE.UTF-8@euro", True), ("zh_TW.Utf-8", True),
    ("C", False), ("POSIX", False), ("zh_CN", False), ("zh_CN.GB18030", False),
    ("en_US.ISO-8859-1", False), ("zh_CN.GBK", False), ("", False), (None, False),
    ("UTF-8", False), ("en_US.UTF-16", False), ("x.utf8x", False),
])
def test_utf8_locales(locale, utf8):
    assert is_utf8(locale) is utf8


@pytest.mark.parametrize("env, locale", [
    ({}, None),
    ({"LANG": "C"}, "C"),
    ({"LANG": "zh_CN.UTF-8", "LC_CTYPE": "C"}, "C"),          # LC_CTYPE over LANG
    ({"LANG": "C", "LC_CTYPE": "C", "LC_ALL": "C.UTF-8"}, "C.UTF-8"),  # LC_ALL over all
    ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en_US.UTF-8"),   # empty is not set
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "C"),       # messages are not the charset
])
def test_the_locale_that_decides(env, locale):
    assert locale_of(env) == locale


@pytest.mark.parametrize("env, served, expected", [
    ({"LANG": "C.UTF-8"}, False, Terminal("C.UTF-8", True)),
    ({"LANG": "C"}, False, Terminal("C", False)),
    ({}, False, Terminal(None, False)),
    # served: the client's locale, whatever the server's environment says
    ({"LANG": "C", "PYTHONUTF8": "1", CLIENT_LOCALE: "zh_CN.UTF-8"}, True,
     Terminal("zh_CN.UTF-8", True)),
    ({"LANG": "C.UTF-8", "PYTHONUTF8": "1", CLIENT_LOCALE: "C"}, True, Terminal("C", False)),
    ({"LANG": "C", "PYTHONUTF8": "1"}, True, Terminal(None, True)),  # the client did not say
    # local: a leftover CLIENT_LOCALE is not the terminal's
    ({"LANG": "C", CLIENT_LOCALE: "en_US.UTF-8"}, False, Terminal("C", False)),
])
def test_the_terminal(env, served, expected):
    assert terminal(env, served) == expected


@pytest.mark.parametrize("raw, expected", [
    (b"LANG=C\0PATH=/bin\0LC_ALL=\0", {"LANG": "C", "LC_ALL": ""}),
    (b"HOME=/x\0LC_CTYPE=zh_CN.GB18030\0", {"LC_CTYPE": "zh_CN.GB18030"}),
    (b"LANG=\xff\xfe\0", {"LANG": "\udcff\udcfe"}),  # not UTF-8: kept, never UTF-8
    (b"", {}),
])
def test_the_locale_as_the_process_started(tmp_path, raw, expected):
    proc = tmp_path / "environ"
    proc.write_bytes(raw)
    assert started_env(str(proc)) == expected


def test_without_proc_it_is_os_environ(tmp_path):
    assert started_env(str(tmp_path / "missing")) is os.environ


def test_python_s_own_utf8_under_lang_c_is_not_the_terminal_s():
    """Under LANG=C Python sets LC_CTYPE=C.UTF-8 in os.environ (PEP 538); the
    terminal is still a C one."""
    script = ("import os; from gdtui.text.charset import this_terminal; "
              "print(os.environ.get('LC_CTYPE'), this_terminal())")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_CTYPE", "LANG")}
    out = subprocess.run([sys.executable, "-c", script], env={**env, "LANG": "C"},
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("Terminal(locale='C', utf8=False)"), out
