"""Hostile lesson folders through `gdtui list`, `run` and `check`, as a user
runs them: one line per broken file on stderr, the rest of gdtui unharmed."""

import json
import os

import pytest

from cli_support import ROOT, run_gdtui
from hostile_lessons import BROKEN, SURVIVE, good, make, write

# A mix from every family: special files, exits of every kind, escapes, a huge file.
PICKED = ["os_exit.py", "keyboard_interrupt.py", "generator_exit.py", "base_exception.py",
          "escapes_in_error.py", "huge_error.py", "fifo.py", "dev_zero.py", "folder.py", "big.py",
          "bad\udcffname.py", "forges_a_lesson.py", "sends_garbage.py"]


@pytest.fixture(scope="module")
def user_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("cli-hostile")
    for name in PICKED:
        make(directory, name, BROKEN[name][0])
    for name, source in SURVIVE.items():
        write(directory, name, source)
    write(directory, "good.py", good("user-good"))
    return directory


def assert_one_line_each(stderr: str, count: int):
    lines = stderr.splitlines()
    assert len(lines) == count, stderr
    assert all(line.startswith("gdtui: skipped ") for line in lines), stderr
    assert "Traceback" not in stderr and "\x1b" not in stderr


def test_list_survives_every_hostile_file(user_dir):
    result = run_gdtui("list", "--scenarios", str(user_dir))
    assert result.returncode == 0, result.stderr
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids[:12][4] == "learning-steps" and "user-good" in ids and "thread" in ids
    assert "PRINTED" not in result.stdout + result.stderr  # nothing a file printed
    assert_one_line_each(result.stderr, len(PICKED))


def test_run_json_stays_valid_beside_printing_files(user_dir):
    result = run_gdtui("run", "prints", "--format", "json", "--scenarios", str(user_dir))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["step"] for r in records] == [1, 2, 3]  # and nothing a file printed
    assert_one_line_each(result.stderr, len(PICKED))


def test_a_looping_file_takes_too_long(tmp_path):
    write(tmp_path, "loops.py", "while True:\n    pass\n")
    result = run_gdtui("run", "learning-steps", "--scenarios", str(tmp_path),
                       env={"GDTUI_LOAD_TIMEOUT": "0.5"})
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 4
    assert result.stderr == (
        f"gdtui: skipped {tmp_path / 'loops.py'}: took too long to load (more than 0.5 s)\n")


def test_check_refuses_a_readme_in_one_line():
    result = run_gdtui("check", str(ROOT / "README.md"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"{ROOT / 'README.md'}: not a lesson file: a lesson file is a .py file\n")


def test_check_the_builtins_from_the_repo_root():
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").glob("*.py"))
    assert "scenarios/__init__.py" in files  # what `scenarios/*.py` gives the shell
    result = run_gdtui("check", *files, "scenarios", cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "12 file(s) OK\n", "")


def test_the_builtins_folder_given_again_is_no_clash():
    result = run_gdtui("list", "--scenarios", "scenarios", cwd=ROOT)
    assert result.returncode == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 12


def test_check_every_file_of_a_hostile_folder(user_dir):
    result = run_gdtui("check", str(user_dir), env={"LC_ALL": "C.UTF-8"})
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(PICKED), result.stderr
    assert f"{user_dir}/bad\\udcffname.py: lesson: missing" in lines[0]


def test_check_names_duplicates_against_the_builtins(tmp_path):
    write(tmp_path, "mine.py", good("explosion"))
    result = run_gdtui("check", str(tmp_path / "mine.py"))
    assert result.returncode == 1
    assert result.stderr == (f"{tmp_path / 'mine.py'}: id: 'explosion' is already used by "
                             "scenarios/06_explosion.py\n")


@pytest.mark.parametrize("args", [("check",), ("list", "--scenarios")])
def test_a_fifo_never_hangs(tmp_path, args):
    os.mkfifo(tmp_path / "pipe.py")
    result = run_gdtui(*args, str(tmp_path))
    assert "pipe.py: not a lesson file: it is a FIFO" in result.stderr
