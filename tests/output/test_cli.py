"""The command line, through a subprocess as a user or a lab script runs it."""

import json
import subprocess
import sys

import pytest

from book_loops import one_weight
from cli_support import ROOT, run_gdtui

# No MNIST anywhere: the mnist lesson runs on the test images shipped with gdtui.
NO_MNIST = {"XDG_CACHE_HOME": "/nonexistent-gdtui-cache", "GDTUI_MNIST_DIR": ""}

LESSONS = [
    "measure-error", "hot-cold", "direction-amount", "reducing-error", "learning-steps",
    "explosion", "alpha-fix", "multi-input", "frozen-weight", "multi-output", "multi-io", "mnist",
]


def test_list_shows_every_lesson_id_first():
    result = run_gdtui("list")
    assert result.returncode == 0 and result.stderr == ""
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == LESSONS


def test_explosion_for_100000_steps_ends_cleanly_at_326():
    result = run_gdtui("run", "explosion", "--steps", "100000", "--format", "summary")
    assert result.returncode == 0
    summary = json.loads(result.stdout)
    assert summary["diverged_at"] == 326 and summary["steps"] == 326
    assert summary["error"] is None
    assert result.stderr.strip() == (
        "gdtui: diverged: the numbers overflowed at step 326; a smaller alpha keeps them finite"
    )
    assert "Warning" not in result.stderr


def test_summary_keys():
    summary = json.loads(run_gdtui("run", "multi-io", "--format", "summary").stdout)
    assert summary["id"] == "multi-io" and summary["steps"] == 1
    assert summary["error"] == pytest.approx(0.20702500000000007 + 0.0004 + 0.7482250000000001)
    assert len(summary["weights"]) == 3 and summary["diverged_at"] is None


def test_alpha_and_steps_flags():
    lines = run_gdtui("run", "explosion", "--alpha", "0.1", "--steps", "30").stdout.splitlines()
    assert lines == one_weight(0.5, 2, 0.8, 0.1, 30, True)
    assert lines[19].startswith("Error:1.485277170987127e-10 Prediction:0.8000121871948003 ")


def test_table_format_is_labelled():
    out = run_gdtui("run", "multi-io", "--format", "table").stdout
    for word in ("pred", "error", "delta", "weight_delta", "toes", "%win", "#fans", "hurt", "sad"):
        assert word in out


@pytest.mark.parametrize("fmt", ["book", "table", "json", "summary"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_in_every_format(lesson, fmt):
    steps = ["--steps", "30"] if lesson == "mnist" else []
    result = run_gdtui("run", lesson, "--format", fmt, *steps, env=NO_MNIST)
    assert result.returncode == 0 and result.stdout
    if lesson == "mnist":
        assert result.stderr.startswith("gdtui: the 2,000 MNIST test images shipped with gdtui")
        assert "gdtui data fetch mnist" in result.stderr
    else:
        assert result.stderr == ""


BAD = [
    (["run", "nope"], "unknown lesson 'nope'; the lessons are: measure-error, hot-cold"),
    (["run", "explosion", "--alpha", "0"], "--alpha: must be a positive finite number"),
    (["run", "explosion", "--alpha", "-1"], "--alpha: must be a positive finite number"),
    (["run", "explosion", "--alpha", "inf"], "--alpha: must be a positive finite number"),
    (["run", "explosion", "--alpha", "fast"], "--alpha: must be a positive number, got 'fast'"),
    (["run", "explosion", "--steps", "0"], "--steps: must be at least 1"),
    (["run", "explosion", "--steps", "1.5"], "--steps: must be a whole number"),
    (["run", "explosion", "--format", "xml"], "invalid choice: 'xml'"),
    (["run"], "the following arguments are required: id"),
    (["run", "hot-cold", "--alpha", "0.1"], "--alpha does not apply to hot-cold"),
    (["run", "explosion", "--bogus"], "unrecognized arguments: --bogus"),
    (["nope"], "unknown lesson 'nope'"),
    # What gdtui serve gives a learner's app, typed by hand.
    (["--served", "--channel-fd", "x"], "--channel-fd: must be a whole number, got 'x'"),
    (["--served", "--memory-limit", "-1"], "--memory-limit: must be 0 or more"),
    (["--served", "--zygote-fd", "0"], "--zygote-fd 0: not a socket from gdtui serve"),
    (["--served", "--zygote-fd", "999"], "--zygote-fd 999: not a socket from gdtui serve"),
    # The app's options before a command: the command's parser names what it does not take.
    (["--lang", "zh", "list"], "gdtui list: unrecognized arguments: --lang zh"),
    (["--ascii", "run", "explosion", "--steps", "2"], "gdtui run: unrecognized arguments: --ascii"),
]


@pytest.mark.parametrize("args,message", BAD)
def test_bad_command_lines_get_one_line_and_exit_2(args, message):
    result = run_gdtui(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr


def test_a_command_after_the_apps_options_is_that_command(tmp_path):
    before = run_gdtui("--scenarios", str(tmp_path), "run", "explosion", "--steps", "2")
    after = run_gdtui("run", "explosion", "--steps", "2", "--scenarios", str(tmp_path))
    assert before.returncode == after.returncode == 0, before.stderr
    assert before.stdout == after.stdout and before.stdout.count("Error:") == 2


def test_check_good_and_bad_files(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from gdtui import Lesson\nlesson = Lesson(id='x')\n")
    good = ROOT / "scenarios" / "05_learning_steps.py"
    ok = run_gdtui("check", str(good))
    assert ok.returncode == 0
    result = run_gdtui("check", str(good), str(bad))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{bad}: title: missing"


def test_broken_user_folder_does_not_stop_a_run(tmp_path):
    (tmp_path / "broken.py").write_text("def broken(:\n")
    result = run_gdtui("run", "learning-steps", "--scenarios", str(tmp_path))
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 4
    assert result.stderr.startswith(f"gdtui: skipped {tmp_path / 'broken.py'}:1: syntax error")


def test_output_into_a_closed_pipe_ends_quietly():
    proc = subprocess.run(
        f"{sys.executable} -m gdtui run hot-cold --steps 100000 | head -1",
        shell=True, capture_output=True, text=True, timeout=60,
    )
    assert proc.stdout == "Error:0.30250000000000005 Prediction:0.25\n"
    assert proc.stderr == ""


def test_headless_run_does_not_import_textual_or_rich():
    code = (
        "import sys; from gdtui.cli import main; main(['run', 'learning-steps', '--format', 'json']);"
        "print('textual' in sys.modules, 'rich' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "False False"


def test_installed_package_carries_the_lessons():
    """`pip install .` puts scenarios/ inside the package as gdtui.scenarios."""
    code = (
        "from importlib import resources; import gdtui;"
        "print(gdtui.__file__);"
        "print(sorted(p.name for p in resources.files('gdtui.scenarios').iterdir()"
        " if p.name.endswith('.py') and not p.name.startswith('_')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd="/")
    assert result.returncode == 0, result.stderr
    names = eval(result.stdout.splitlines()[1])
    assert names == sorted(p.name for p in (ROOT / "scenarios").glob("[0-9]*.py"))
