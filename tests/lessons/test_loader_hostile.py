"""Hostile lesson files: each gets exactly one line naming the file, none can
hang, kill or keep alive the process loading it, nothing it prints gets out,
and none stops the other lessons from loading."""

import os
import textwrap
import threading
import time

import pytest

from gdtui.lessons.loader import check_paths, load_catalog
from gdtui.lessons.values import visible

from hostile_lessons import BROKEN, SURVIVE, good, make, write


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hostile")
    paths = {name: make(directory, name, maker) for name, (maker, _) in BROKEN.items()}
    for name, source in SURVIVE.items():
        write(directory, name, source)
    write(directory, "good.py", good("user-good"))
    return directory, paths


def test_a_broad_table():
    assert len(BROKEN) >= 25


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_hostile_file_gets_one_line(hostile_dir, name):
    _, paths = hostile_dir
    checked, problems = check_paths([str(paths[name])])
    assert len(problems) == 1, problems
    line = problems[0]
    assert line.startswith(visible(str(paths[name])) + ":")
    assert BROKEN[name][1] in line, line
    assert "\n" not in line and "\x1b" not in line and len(line) < 600
    line.encode("utf-8")  # no lone surrogates: printable on any UTF-8 terminal


def test_hostile_files_never_stop_the_others(hostile_dir, capfd):
    directory, _ = hostile_dir
    threads = threading.active_count()
    catalog = load_catalog([str(directory)], use_env=False)
    expected = {"user-good", *(source.split("id=")[1].split("'")[1] for source in SURVIVE.values())}
    assert expected <= set(catalog.lessons)
    assert "learning-steps" in catalog.lessons and len(catalog.lessons) == 12 + len(expected)
    assert len(catalog.problems) == len(BROKEN)
    assert all("\n" not in p for p in catalog.problems)
    out, err = capfd.readouterr()
    assert out == err == ""  # what the files print never gets out
    assert threading.active_count() == threads  # the file's thread died with its process


def test_a_file_that_loops_forever_takes_too_long(tmp_path):
    path = write(tmp_path, "loops.py", "while True:\n    pass\n")
    catalog = load_catalog([str(tmp_path)], use_env=False, seconds=0.5)
    assert catalog.problems == [f"{path}: took too long to load (more than 0.5 s)"]
    assert len(catalog.lessons) == 12


def test_a_hung_file_does_not_stop_the_next(tmp_path):
    hangs = write(tmp_path, "a_sleeps.py", "import time\ntime.sleep(600)\n")
    write(tmp_path, "b_good.py", good("after-the-hang"))
    catalog = load_catalog([str(tmp_path)], use_env=False, seconds=1.0)
    assert catalog.problems == [f"{hangs}: took too long to load (more than 1 s)"]
    assert "after-the-hang" in catalog.lessons  # a fresh child loads the next file


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] in "ZX"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_what_a_file_starts_is_killed_with_its_process(tmp_path):
    pid_file = tmp_path / "pid.txt"
    write(tmp_path, "forks.py", textwrap.dedent(f"""
        import os, time
        pid = os.fork()
        if pid == 0:
            time.sleep(600)
        open({str(pid_file)!r}, "w").write(str(pid))
    """) + good("forks"))
    assert "forks" in load_catalog([str(tmp_path)], use_env=False).lessons
    grandchild = int(pid_file.read_text())
    for _ in range(500):  # wait on the condition, not on a clock
        if _gone(grandchild):
            break
        time.sleep(0.02)
    assert _gone(grandchild)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_one_line(tmp_path):
    path = write(tmp_path, "secret.py", good("secret"))
    path.chmod(0)
    assert check_paths([str(path)])[1] == [f"{path}: cannot read: Permission denied"]


# -- gdtui check: files and folders, one line for anything that is not a lesson ----------


def test_check_takes_folders_and_skips_private_files(tmp_path):
    write(tmp_path, "__init__.py", "raise RuntimeError('never run')\n")
    write(tmp_path, "one.py", good("one"))
    write(tmp_path, "two.py", good("two"))
    write(tmp_path, "notes.txt", "not python")
    assert check_paths([str(tmp_path)]) == (2, [])
    assert check_paths([str(tmp_path / "__init__.py"), str(tmp_path / "one.py")]) == (1, [])


@pytest.mark.parametrize("name, problem", [
    ("README.md", "not a lesson file: a lesson file is a .py file"),
    ("missing.py", "no such file"),
    ("empty_dir", "no lesson files (*.py) in this folder"),
])
def test_check_refuses_what_is_not_a_lesson_file(tmp_path, name, problem):
    if name == "README.md":
        write(tmp_path, name, "# hello")
    if name == "empty_dir":
        (tmp_path / name).mkdir()
    assert check_paths([str(tmp_path / name)]) == (0, [f"{tmp_path / name}: {problem}"])


def test_check_names_every_duplicate_id_with_both_files(tmp_path):
    first = write(tmp_path, "a.py", good("same"))
    second = write(tmp_path, "b.py", good("same").replace("A user lesson", "Another"))
    builtin = write(tmp_path, "c.py", good("explosion"))
    checked, problems = check_paths([str(tmp_path)])
    assert checked == 3
    assert problems == [
        f"{second}: id: 'same' is already used by {first}",
        f"{builtin}: id: 'explosion' is already used by scenarios/06_explosion.py",
    ]


def test_a_file_given_twice_or_a_copy_of_a_builtin_is_no_clash(tmp_path):
    from gdtui.lessons.loader import builtin_dir

    copy = tmp_path / "05_learning_steps.py"
    copy.write_bytes((builtin_dir() / "05_learning_steps.py").read_bytes())
    one = write(tmp_path, "one.py", good("one"))
    assert check_paths([str(copy), str(one), str(one), str(tmp_path)]) == (2, [])
    catalog = load_catalog([str(tmp_path), str(tmp_path)], use_env=False)
    assert catalog.problems == [] and "one" in catalog.lessons


def test_no_process_to_spare_is_one_line(tmp_path, monkeypatch):
    path = write(tmp_path, "mine.py", good("mine"))

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert check_paths([str(path)])[1] == [
        f"{path}: cannot start a process to load it: Resource temporarily unavailable"]


def test_children_reaped_by_the_system_are_no_trouble(tmp_path):
    import signal

    write(tmp_path, "exits.py", "import os\nos._exit(3)\n")
    write(tmp_path, "good.py", good("mine"))
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # as a parent may leave it
    try:
        catalog = load_catalog([str(tmp_path)], use_env=False)
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert "mine" in catalog.lessons
    assert len(catalog.problems) == 1 and "before giving a lesson" in catalog.problems[0]
