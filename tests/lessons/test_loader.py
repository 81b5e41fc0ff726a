"""Broken lesson files: each gets one clear line naming the file and the field,
and never stops the other lessons from loading."""

import textwrap

import pytest

from gdtui.lessons.loader import check_paths, load_catalog

GOOD = """
from gdtui import Lesson
lesson = Lesson(
    id={id!r}, title="A user lesson", notes={{"en": "Note.", "zh": "说明。"}},
    weights={weights}, input={input}, goal={goal}, alpha={alpha}, steps={steps},{extra}
)
"""


def lesson_source(id="mine", weights="0.5", input="0.5", goal="0.8", alpha="0.1",
                  steps="3", extra=""):
    return GOOD.format(id=id, weights=weights, input=input, goal=goal, alpha=alpha,
                       steps=steps, extra=extra)


BROKEN = {
    "syntax.py": ("lesson = Lesson(id='x'", "syntax error"),
    "raises.py": ("from gdtui import Lesson\nraise RuntimeError('boom')",
                  "RuntimeError: boom"),
    "exits.py": ("import sys\nsys.exit(3)", "SystemExit"),
    "no_lesson.py": ("x = 1", "lesson: missing"),
    "not_a_lesson.py": ("lesson = {'id': 'x'}", "lesson: must be Lesson(...)"),
    "unknown_field.py": ("from gdtui import Lesson\nlesson = Lesson(alpah=0.1)",
                         "alpah: unknown field"),
    "missing_title.py": ("from gdtui import Lesson\nlesson = Lesson(id='t')", "title: missing"),
    "missing_goal.py": (lesson_source().replace("goal=0.8, ", ""), "goal: missing"),
    "alpha_text.py": (lesson_source(alpha="'fast'"), "alpha: must be a number, got str 'fast'"),
    "alpha_zero.py": (lesson_source(alpha="0"), "alpha: must be greater than 0"),
    "alpha_negative.py": (lesson_source(alpha="-0.5"), "alpha: must be greater than 0"),
    "alpha_inf.py": (lesson_source(alpha="float('inf')"), "alpha: must be finite"),
    "weights_nan.py": (lesson_source(weights="float('nan')"), "weights: holds NaN or infinity"),
    "input_inf.py": (lesson_source(input="[1.0, float('inf')]", weights="[0.1, 0.2]"),
                     "input: holds NaN or infinity"),
    "steps_zero.py": (lesson_source(steps="0"), "steps: must be at least 1"),
    "steps_float.py": (lesson_source(steps="2.5"), "steps: must be a whole number"),
    "wrong_shape.py": (lesson_source(weights="[0.1, 0.2]", input="[1, 2, 3]"),
                       "weights: 3 input(s) and 1 output(s) need [1][3] values, got shape (2,)"),
    "ragged.py": (lesson_source(weights="[[0.1, 0.2], [0.3]]", input="[1, 2]", goal="[1, 2]"),
                  "weights: must be numbers in rows of equal length"),
    "weights_text.py": (lesson_source(weights="'heavy'"), "weights: must be numbers, got str"),
    "bad_rule.py": (lesson_source(extra=" rule='newton',"), "rule: must be one of"),
    "bad_id.py": (lesson_source(id="My Lesson"), "id: use lowercase letters"),
    "no_zh.py": (lesson_source().replace(', "zh": "说明。"', ""), "notes: missing the 'zh' note"),
    "labels_count.py": (lesson_source(extra=" input_labels=['a', 'b'],"),
                        "input_labels: must be 1 non-empty name(s)"),
    "frozen_shape.py": (lesson_source(extra=" frozen=[True, False],"),
                        "frozen: 1 input(s) and 1 output(s) need one number"),
    "hot_cold_many.py": (lesson_source(weights="[0.1, 0.2]", input="[1, 2]",
                                       extra=" rule='hot-cold',"),
                         "rule: hot-cold probes one weight; this lesson has 2"),
    "goals_rows.py": (lesson_source().replace("input=0.5, goal=0.8",
                                              "inputs=[[1], [2]], goals=[[1]]"),
                      "goals: 1 goal row(s) for 2 input row(s)"),
    "both_inputs.py": (lesson_source(extra=" inputs=[[1.0]],"), "input: give `input` or `inputs`"),
    "bad_book.py": (lesson_source(extra=" book='poem',"), "book: must be one of"),
}


@pytest.fixture
def user_dir(tmp_path):
    (tmp_path / "good.py").write_text(lesson_source(id="user-good"), encoding="utf-8")
    for name, (source, _) in BROKEN.items():
        (tmp_path / name).write_text(textwrap.dedent(source), encoding="utf-8")
    return tmp_path


def test_at_least_twelve_kinds_of_broken_file():
    assert len(BROKEN) >= 12


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_file_gets_one_clear_line(user_dir, name):
    _, problems = check_paths([str(user_dir / name)])
    assert len(problems) == 1
    line = problems[0]
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith(str(user_dir / name))
    assert BROKEN[name][1] in line


def test_broken_files_never_stop_the_others(user_dir):
    catalog = load_catalog([str(user_dir)], use_env=False)
    assert "user-good" in catalog.lessons
    assert "learning-steps" in catalog.lessons and len(catalog.lessons) == 13
    assert len(catalog.problems) == len(BROKEN)


def test_duplicate_id_is_reported_and_first_one_kept(tmp_path):
    (tmp_path / "a.py").write_text(lesson_source(id="explosion"), encoding="utf-8")
    catalog = load_catalog([str(tmp_path)], use_env=False)
    assert catalog.lessons["explosion"].path.endswith("06_explosion.py")
    assert catalog.problems == [
        f"{tmp_path / 'a.py'}: id: 'explosion' is already used by scenarios/06_explosion.py"
    ]


def test_env_var_folders_are_searched(tmp_path, monkeypatch):
    (tmp_path / "mine.py").write_text(lesson_source(id="from-env"), encoding="utf-8")
    monkeypatch.setenv("GDTUI_SCENARIOS", str(tmp_path))
    assert "from-env" in load_catalog().lessons


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    catalog = load_catalog([str(tmp_path / "nope")], use_env=False)
    assert catalog.problems == [f"{tmp_path / 'nope'}: not a folder of lesson files"]
    assert len(catalog.lessons) == 12


def test_user_lesson_shapes(tmp_path):
    (tmp_path / "multi.py").write_text(
        lesson_source(id="many", weights="[[0.1, 0.2], [0.3, 0.4]]", input="[1, 2]",
                      goal="[0, 1]", extra=" frozen=[[False, True], [False, False]],"),
        encoding="utf-8",
    )
    lesson = load_catalog([str(tmp_path)], use_env=False).lessons["many"]
    assert lesson.weights.shape == (2, 2)
    assert lesson.settings.frozen.tolist() == [[False, True], [False, False]]
    assert lesson.input_labels == ("input 1", "input 2")


def test_a_lesson_file_runs_again_only_when_its_bytes_change(tmp_path):
    from gdtui.lessons import loader

    path = tmp_path / "counted.py"
    runs = tmp_path / "runs"
    template = (
        "from gdtui import Lesson\n"
        "open({runs!r}, 'a').write('x')\n"
        "lesson = Lesson(id='counted', title='T{n}', notes={{'en': 'n', 'zh': 'n'}}, input=1.0, goal=1.0, weights=0.5)\n"
    )
    path.write_text(template.format(runs=str(runs), n=1))
    first = loader.load_file(path, trusted=True)
    assert loader.load_file(path, trusted=True) is first and runs.read_text() == "x"
    path.write_text(template.format(runs=str(runs), n=2))  # same size, new bytes
    assert loader.load_file(path, trusted=True).title == "T2" and runs.read_text() == "xx"
    loader.uncache(path)
    loader.load_file(path, trusted=True)
    assert runs.read_text() == "xxx"


def test_builtins_are_found_from_a_source_tree_without_an_install():
    """`python -c` in a checkout imports gdtui/ from the working folder, where
    gdtui.scenarios does not exist: the lessons are then in scenarios/ beside it."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import gdtui, sys; from gdtui.lessons.loader import load_catalog; "
            "print(gdtui.__file__); print(len(load_catalog(use_env=False).lessons))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, timeout=120)
    where, count = out.stdout.split()
    assert Path(where).resolve().parent == root / "gdtui"  # the source tree, not an install
    assert int(count) >= 12, out.stderr


def _shipped_files():
    from gdtui.lessons.loader import builtin_dir, lesson_files

    return lesson_files(builtin_dir())


@pytest.mark.parametrize("path", _shipped_files(), ids=lambda p: p.name)
def test_a_shipped_lesson_from_its_bytecode_is_the_lesson_from_its_source(path, tmp_path):
    """The built-ins run from their .pyc (5 ms of a start saved); what that
    runs is what compiling the file runs, and a copy elsewhere is compiled."""
    from gdtui.lessons import loader
    from gdtui.lessons.lesson import plain_fields

    assert loader.builtin_dir() == path.parent and len(_shipped_files()) >= 12
    shipped = loader.run_file(path, path.name, shipped=True)
    compiled = loader.run_file(path, path.name)
    assert plain_fields(shipped) == plain_fields(compiled)
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    assert plain_fields(loader.load_file(copy, trusted=True)) == plain_fields(compiled)
    assert not (tmp_path / "__pycache__").exists()  # a folder not ours gets no bytecode
