"""The command line against hostile standard streams and values, as a shell
gives them: a full disk, a closed stdout or stderr, a reader that went away,
no terminal for the app, absurd --steps.

How each ends (documented in the README's "Command line"):
- stdout cannot be written (full disk, closed): one line, exit 1;
- the reader went away (EPIPE): quiet, exit 0, for every format and command;
- stderr cannot be written: diagnostics are dropped, never sent to stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cli_support import ROOT, run_gdtui

NO_MNIST = {"XDG_CACHE_HOME": "/nonexistent-gdtui-cache", "GDTUI_MNIST_DIR": ""}
LESSON_FILE = str(ROOT / "scenarios" / "05_learning_steps.py")

# Every command that writes to stdout, with enough output to need more than
# one write where it can.
COMMANDS = {
    "run-book": ["run", "multi-io", "--steps", "3000", "--format", "book"],
    "run-table": ["run", "multi-io", "--steps", "300", "--format", "table"],
    "run-json": ["run", "multi-io", "--steps", "3000", "--format", "json"],
    "run-summary": ["run", "multi-io", "--steps", "3000", "--format", "summary"],
    "run-mnist": ["run", "mnist", "--steps", "3", "--format", "json"],
    "list": ["list"],
    "check": ["check", LESSON_FILE],
    "data-status": ["data", "status"],
    "help": ["--help"],
    "run-help": ["run", "--help"],
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GDTUI_SCENARIOS"}
    env.update(NO_MNIST)
    return env


def shell(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m gdtui ARGS` under bash with the redirections in script
    ("$@" stands for the command)."""
    return subprocess.run(
        ["bash", "-c", script, "gdtui", sys.executable, "-m", "gdtui", *args],
        capture_output=True, text=True, env=_env(), timeout=120, cwd=ROOT.parent,
    )


def assert_clean(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def stderr_lines(stderr: str, *, drop_hint: bool = True) -> list[str]:
    """stderr lines, without the hint about getting all of MNIST that run mnist prints."""
    lines = stderr.splitlines()
    return [line for line in lines if not (drop_hint and "data fetch mnist" in line)]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize(
    "redirect, reason",
    [(">/dev/full", "No space left on device"), (">&-", "stdout is closed")],
    ids=["full-disk", "closed-stdout"],
)
def test_stdout_that_cannot_be_written_is_one_line_and_exit_1(name, redirect, reason):
    result = shell(f'"$@" {redirect}', *COMMANDS[name])
    assert_clean(result.stderr)
    assert stderr_lines(result.stderr) == [f"gdtui: cannot write the output: {reason}"]
    assert result.returncode == 1


@pytest.mark.parametrize("name", COMMANDS)
def test_a_reader_that_went_away_ends_quietly_with_0(name):
    """The pipe's read end is closed before gdtui starts: every write is EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gdtui", *COMMANDS[name]], stdout=write, stderr=subprocess.PIPE,
            text=True, env=_env(), timeout=120, cwd=ROOT.parent,
        )
    finally:
        os.close(write)
    assert_clean(result.stderr)
    assert stderr_lines(result.stderr) == []
    assert result.returncode == 0


@pytest.mark.parametrize("fmt", ["book", "table", "json", "summary"])
def test_head_takes_the_first_line_and_gdtui_exits_0(fmt):
    result = shell('set -o pipefail; "$@" | head -1', "run", "multi-io", "--steps", "2000",
                   "--format", fmt)
    assert_clean(result.stderr)
    assert result.returncode == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def _stderr_closed():
    os.close(2)


def _stderr_full():
    fd = os.open("/dev/full", os.O_WRONLY)
    os.dup2(fd, 2)
    os.close(fd)


def _stderr_gone():
    read, write = os.pipe()
    os.close(read)
    os.dup2(write, 2)
    os.close(write)


# How the child's fd 2 is set up, after the fork and before gdtui starts (no
# shell between: the process itself starts with that stderr).
STDERR = {"closed": _stderr_closed, "full": _stderr_full, "reader-gone": _stderr_gone}


def _explosion(fmt: str, stderr_setup=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gdtui", "run", "explosion", "--steps", "400", "--format", fmt],
        stdout=subprocess.PIPE, stderr=None if stderr_setup else subprocess.PIPE, text=True,
        env=_env(), timeout=120, cwd=ROOT.parent, preexec_fn=stderr_setup,
    )


@pytest.mark.parametrize("how", STDERR)
@pytest.mark.parametrize("fmt", ["book", "table", "json", "summary"])
def test_diagnostics_never_reach_stdout(how, fmt):
    """explosion overflows at step 326 and says so on stderr; with stderr
    closed, full or unread, the line is dropped and stdout is exactly what it
    is with a working stderr (for json and summary: pure JSON)."""
    plain = _explosion(fmt)
    assert "gdtui: diverged: the numbers overflowed at step 326" in plain.stderr
    result = _explosion(fmt, STDERR[how])
    assert result.returncode == plain.returncode == 0
    assert "gdtui:" not in result.stdout
    assert result.stdout == plain.stdout
    if fmt in ("json", "summary"):
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert records[-1].get("diverged_at", 326) == 326


def test_a_usage_error_with_stderr_closed_still_exits_2_and_writes_nothing():
    result = shell('"$@" 2>&-', "run", "no-such-lesson")
    assert result.returncode == 2 and result.stdout == ""


@pytest.mark.parametrize(
    "script",
    ['set -o pipefail; "$@" </dev/null | cat', 'set -o pipefail; "$@" <&- | cat',
     '"$@" </dev/null'],
    ids=["stdin-devnull-piped", "stdin-closed", "stdin-devnull"],
)
@pytest.mark.parametrize("args", [[], ["learning-steps"]], ids=["list", "lesson"])
def test_the_app_without_a_terminal_refuses_with_one_line(script, args):
    result = shell(script, *args)
    assert_clean(result.stderr)
    assert stderr_lines(result.stderr) == [
        "gdtui: the app needs a terminal, but stdin is not one; "
        "for a pipe or a file use `gdtui list` or `gdtui run ID`"
    ]
    assert result.returncode == 2 and result.stdout == ""


@pytest.mark.parametrize(
    "steps, said",
    [
        ("10000001", "must be at most 10,000,000, got 10,000,001"),
        (str(10**12), "must be at most 10,000,000, got 1,000,000,000,000"),
        ("9" * 5000, "must be a whole number"),
        ("0", "must be at least 1, got 0"),
        ("-3", "must be at least 1, got -3"),
        ("1e3", "must be a whole number, got '1e3'"),
    ],
    ids=["just-over", "10**12", "5000-digits", "zero", "negative", "float"],
)
def test_absurd_steps_are_one_line(steps, said):
    result = run_gdtui("run", "learning-steps", "--steps", steps)
    assert_clean(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and said in lines[0] and "--steps" in lines[0]
    assert result.returncode == 2 and result.stdout == ""


@pytest.mark.parametrize(
    "args, shown",
    [
        (["run", "no\x1b[2Jsuch"], "no\\x1b[2Jsuch"),
        (["check", "/nonexistent/\x1b]0;owned\x07.py"], "\\x1b]0;owned\\x07"),
    ],
    ids=["lesson-id", "check-path"],
)
def test_control_characters_in_echoed_arguments_are_escaped(args, shown):
    result = run_gdtui(*args)
    assert "\x1b" not in result.stderr and shown in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.returncode in (1, 2)


@pytest.mark.parametrize(
    "var, value",
    [
        ("COLUMNS", "abc"), ("COLUMNS", "-5"), ("COLUMNS", "99999999999"), ("LINES", "0"),
        ("LANG", "\udcff"), ("LC_ALL", "xx_YY.FOO"), ("TERM", "\x1b[2J"), ("NO_COLOR", "1"),
        ("PYTHONIOENCODING", "ascii"), ("GDTUI_TRACE_DIR", "/nonexistent\x1b[31m"),
        ("XDG_CACHE_HOME", "/dev/null/x"),
    ],
)
def test_odd_environment_values_are_ignored_by_run(var, value):
    """The table format is the one that reads the terminal's size, type and encoding."""
    result = run_gdtui("run", "multi-io", "--steps", "3", "--format", "table", env={var: value})
    assert_clean(result.stderr)
    assert result.returncode == 0 and result.stderr == ""
    assert "multi-io" in result.stdout


@pytest.mark.parametrize(
    "value, expect",
    [("", "cwd"), ("~/traces", "home"), ("~nosuchuser-gdtui/t", FileNotFoundError),
     ("/tmp/a\x1b[31mb", "as-is")],
)
def test_trace_dir_from_the_environment(monkeypatch, tmp_path, value, expect):
    from pathlib import Path

    from gdtui.output.trace import trace_dir

    monkeypatch.setenv("GDTUI_TRACE_DIR", value)
    monkeypatch.chdir(tmp_path)
    if expect is FileNotFoundError:
        with pytest.raises(FileNotFoundError, match="no such user"):
            trace_dir()  # an OSError: the app's save reports it in one line
        return
    want = {"cwd": tmp_path, "home": Path.home() / "traces", "as-is": Path(value)}[expect]
    assert trace_dir() == want
