"""Progress files: round trip, the corrupt and unreadable paths, kill -9 mid-save."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from gdtui.practice.progress import Book, LessonProgress, Progress, ProgressError, load, path_for, save, table


def sample(n=1):
    progress = Progress("ada")
    progress.lessons["learning-steps"] = LessonProgress(opened=n, exercises=["six-steps"], right=3,
                                                        asked=4, best_streak=2)
    return progress


def test_round_trip(tmp_path):
    path = tmp_path / "p" / "ada.json"
    save(sample(), path)
    loaded, warning = load(path, "ada")
    assert warning is None
    assert loaded.lessons == sample().lessons
    assert [p.name for p in path.parent.iterdir()] == ["ada.json"]  # no temp file left


def test_no_file_is_a_fresh_start(tmp_path):
    loaded, warning = load(tmp_path / "none.json", "ada")
    assert (loaded.lessons, warning) == ({}, None)


@pytest.mark.parametrize("content", [
    b"{bad", b"", b"[]", b'{"version": 2, "lessons": {}}', b'{"version": 1, "lessons": []}',
    b'{"version": 1, "lessons": {"x": {"opened": -1}}}',
    b'{"version": 1, "lessons": {"x": {"right": "3"}}}',
    b'{"version": 1, "lessons": {"x": {"exercises": [1]}}}', b"\xff\xfe\x00",
])
def test_a_corrupt_file_is_kept_aside_and_a_fresh_one_starts(tmp_path, content):
    path = tmp_path / "ada.json"
    path.write_bytes(content)
    loaded, warning = load(path, "ada")
    assert loaded.lessons == {}
    assert warning.count("\n") == 0 and str(path) in warning and "starting afresh" in warning
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("ada.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert not path.exists()


def test_an_unreadable_file(tmp_path):
    path = tmp_path / "ada.json"
    path.mkdir()  # a directory where the file should be: read fails even for root
    loaded, warning = load(path, "ada")
    assert loaded.lessons == {} and "cannot be read" in warning


def test_a_failed_save_is_a_line_not_a_crash(tmp_path):
    (tmp_path / "progress").write_text("a file where the directory should be")
    book = Book(tmp_path / "progress" / "ada.json", "ada")
    assert "could not save progress" in book.save()


@pytest.mark.parametrize("user", ["", "a/b", "x" * 65, "a b", "ü", "a\nb"])
def test_bad_user_names(user):
    with pytest.raises(ProgressError):
        path_for(user)


def test_data_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("GDTUI_DATA_DIR", str(tmp_path))
    assert path_for("ada") == tmp_path / "progress" / "ada.json"


def test_table():
    text = table(sample(), {"measure-error": 2, "learning-steps": 2})
    assert "learning-steps" in text and "1/2" in text and "3/4" in text
    assert "measure-error" not in text
    assert table(Progress("bo"), {}) == "no progress yet for bo"


SAVER = """
import sys
from gdtui.practice.progress import LessonProgress, Progress, save
from pathlib import Path
path = Path(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    p = Progress("ada")
    # Big enough that a write takes a while: many lessons.
    for k in range(2000):
        p.lessons[f"lesson-{k}"] = LessonProgress(opened=n, exercises=["a", "b"], right=n, asked=n)
    save(p, path)
"""


def test_kill_9_while_saving_leaves_the_old_or_the_new_file(tmp_path):
    path = tmp_path / "ada.json"
    save(sample(), path)
    for seed in range(6):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE)
        assert child.stdout.readline() == b"ready\n"
        time.sleep(0.05 + 0.04 * seed)  # somewhere inside some save; any moment will do
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        loaded, warning = load(path, "ada")
        assert warning is None, warning
        opened = {entry.opened for entry in loaded.lessons.values()}
        assert len(opened) == 1  # one whole save, not a mix
    data = json.loads(path.read_text())
    assert data["version"] == 1


def test_what_killed_saves_left_behind_is_swept_on_the_next_load(tmp_path):
    path = tmp_path / "ada.json"
    save(sample(), path)
    old = [tmp_path / f".ada.{n}.tmp" for n in ("a1", "b2")]
    fresh = tmp_path / ".ada.c3.tmp"  # perhaps another session saving right now
    other = tmp_path / ".bo.d4.tmp"  # another learner's: not this file's to sweep
    for temp in [*old, fresh, other]:
        temp.write_bytes(b"{half a save")
    for temp in [*old, other]:
        os.utime(temp, (time.time() - 3600,) * 2)
    loaded, warning = load(path, "ada")
    assert warning is None and loaded.lessons
    assert not any(t.exists() for t in old)
    assert fresh.exists() and other.exists()


def cli(*args, env_dir):
    env = dict(os.environ, GDTUI_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, "-m", "gdtui", "progress", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_table_json_user_and_corrupt(tmp_path):
    save(sample(), tmp_path / "progress" / "ada.json")
    out = cli("--user", "ada", env_dir=tmp_path)
    assert out.returncode == 0 and "learning-steps" in out.stdout and "3/4" in out.stdout
    out = cli("--user", "ada", "--format", "json", env_dir=tmp_path)
    assert json.loads(out.stdout)["lessons"]["learning-steps"]["right"] == 3
    out = cli("--user", "bo", env_dir=tmp_path)
    assert out.returncode == 0 and "no progress yet for bo" in out.stdout
    (tmp_path / "progress" / "ada.json").write_text("{bad")
    out = cli("--user", "ada", env_dir=tmp_path)
    assert out.returncode == 0 and out.stderr.count("\n") == 1 and "kept as" in out.stderr
    out = cli("--user", "a/b", env_dir=tmp_path)
    assert out.returncode == 2 and "--user" in out.stderr and "Traceback" not in out.stderr
