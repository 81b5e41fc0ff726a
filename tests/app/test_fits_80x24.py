"""Lines that were cut or wrapped at 80x24 (issue 20): the status line's
message, the history table, and every lesson's screen in every state. (The chain's own lines: tests/viz/test_chain_fits.py.)"""

import pytest
from rich.cells import cell_len
from textual.errors import NoWidget

from app_support import CATALOG, app_for, shown
from gdtui.lessons.loader import builtin_dir, load_catalog
from gdtui.text.i18n import tr
from gdtui.ui.widgets.history import row_values
from gdtui.ui.widgets.predict_line import quantity_name

LESSONS = ["learning-steps", "multi-input", "frozen-weight", "multi-output", "multi-io", "hot-cold"]


@pytest.mark.parametrize("lesson_id", LESSONS)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("message", [("msg_ex_done", {"n": 1}), ("msg_predict_off", {})])
async def test_the_status_message_is_whole_in_predict_mode(lesson_id, lang, message):
    app = app_for(lesson_id, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("right", "p", "space", "escape")
        key, values = message
        screen.tell(key, **values)
        await pilot.pause()
        line = shown(screen.query_one("StatusBar")).rstrip("\n")
        assert tr(key, lang, **values) in line and "…" not in line, line
        assert lesson_id in line and cell_len(line) <= 80
        assert quantity_name(screen.session.quantity, lang) in line  # what is asked stays


@pytest.mark.parametrize("lesson_id", ["learning-steps", "hot-cold", "multi-io", "multi-output"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_history_is_one_line_a_step(lesson_id, size):
    app = app_for(lesson_id)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await pilot.press(*["space"] * 4, "h")
        await pilot.pause()
        lines = shown(screen.query_one("History")).rstrip("\n").split("\n")
        assert len(lines) == 2 + 4, lines  # the title, the names, a line a step
        assert all(cell_len(line) <= size[0] - 2 for line in lines)
        assert lines[1].split() == ["step", "pred", "error", "delta", "weight_delta", "weight"]
        digits = 8 if size[0] >= 82 else 7
        row, col = screen.selected
        for line, step in zip(lines[2:], screen.session.trainer.history):
            assert line.split() == [str(step.number), *row_values(step, row, col, digits)]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_multi_io_matrices_are_whole(lang):
    """The weights' last column was cut (`0.00030…`): the gap between the
    two matrices gives way first."""
    app = app_for("multi-io", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for step in range(6):
            text = shown(screen.query_one("MatrixView")).rstrip("\n")
            assert "…" not in text and all(cell_len(line) <= 78 for line in text.split("\n")), (step, text)
            await pilot.press("space")
            await pilot.pause()


# -- every lesson, language and state: nothing a learner needs ends in "…" -----------
# The state a learner reaches with these keys (the status line's messages come
# with them: predict mode on, a step without a prediction, alpha changed, frozen).
STATES = {
    "step 0": [],
    "stepped": ["space"] * 3,
    "predict asked": ["p", "space"],
    "predict skipped": ["p", "space", "escape"],
    "alpha raised": ["right_square_bracket"],
    "frozen": ["f"],
    "history": ["space"] * 4 + ["h"],
    "note": ["n"],
    "hint": ["i"],
    "next exercise": ["x"],
}


def cut_lines(app) -> list[str]:
    """Each drawn line with an ellipsis, by widget. The collapsed note's
    "… (n)" is meant (n opens it); the lesson list under a lesson is not shown."""
    found = []
    for screen in app.screen_stack:
        if type(screen).__name__.startswith("LessonList"):
            continue
        for widget in screen.walk_children(with_self=True):
            if widget.children:
                continue
            try:
                where = screen.find_widget(widget)
            except NoWidget:
                continue
            if where.visible_region.area:
                for strip in widget.render_lines(where.visible_region.translate(-where.region.offset)):
                    collapsed_note = type(widget).__name__ == "LessonNote" and strip.text.rstrip().endswith("… (n)")
                    if "…" in strip.text and not collapsed_note:
                        found.append(f"{type(widget).__name__}: {strip.text.rstrip()}")
    return found


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("lesson_id", CATALOG.ids())
async def test_nothing_is_cut_at_80x24(lesson_id, lang, state):
    app = app_for(lesson_id, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = app.screen
        await pilot.press(*STATES[state])
        await pilot.pause()
        assert cut_lines(app) == []
        message = lesson.message
        if message:
            assert message in shown(lesson.query_one("StatusBar")), message
        if lesson_id == "mnist":
            return
        if state != "note":  # an opened note may scroll
            assert lesson.query_one("#body").max_scroll_y == 0  # (a scrollbar takes a column)
        # Cropped, not cut: the error curve's title keeps its key.
        if state != "history":
            assert tr("log_off", lang) in shown(lesson.query_one("ErrorPlot")).split("\n")[0]


# -- a user lesson's exercise longer than a row: two rows, its keys whole -------------
LONG = {"en": "Bring the error of all three outputs below 1e-6 within ten steps, "
              "without touching alpha or freezing any weight.",
        "zh": "在十步之内把三个输出的误差都降到 1e-6 以下,不改 alpha,也不冻结任何一个权重,"
              "只靠空格一步一步地走。"}


def long_exercise_lessons(folder, base):
    """Copies of `base` (a built-in lesson file) whose first exercise is LONG."""
    text = (builtin_dir() / base).read_text(encoding="utf-8")
    head, sep, tail = text.partition("exercises=[")
    exercise = ('{"id": "long", "en": %r, "zh": %r, "hint": {"en": "r runs.", "zh": "r 运行。"}, '
                '"check": {"error_below": 1e-06, "within": 10}},' % (LONG["en"], LONG["zh"]))
    lesson_id = base[3:-3].replace("_", "-")
    body = (head + sep + exercise + tail).replace(f'id="{lesson_id}"', f'id="long-{lesson_id}"')
    (folder / f"long_{base}").write_text(body, encoding="utf-8")
    return f"long-{lesson_id}"


@pytest.mark.parametrize("state", ["step 0", "stepped", "predict skipped", "next exercise"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("base", ["11_multi_io.py", "05_learning_steps.py", "09_frozen_weight.py"])
async def test_a_long_exercise_takes_two_rows_and_nothing_scrolls(tmp_path, base, lang, state):
    lesson_id = long_exercise_lessons(tmp_path, base)
    catalog = load_catalog([str(tmp_path)], use_env=False)
    assert lesson_id in catalog.lessons, catalog.problems
    app = app_for(lesson_id, catalog=catalog, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = app.screen
        await pilot.pause()
        plots = [lesson.query_one("WeightPlots").size.height]
        await pilot.press(*STATES[state])
        await pilot.pause()
        plots.append(lesson.query_one("WeightPlots").size.height)
        line = shown(lesson.query_one("ExerciseLine")).rstrip("\n").split("\n")
        assert lesson.query_one("ExerciseLine").size.height == 2  # for every exercise
        assert line[-1].rstrip().endswith(tr("ex_keys", lang)), line
        if state != "next exercise":  # the long one, whole over its two rows
            assert "…" not in "".join(line)
            assert LONG[lang].replace(" ", "") in "".join(line).replace(" ", "")
        assert cut_lines(app) == [] or state == "next exercise"
        assert lesson.query_one("#body").max_scroll_y == 0
        if "p" not in STATES[state]:  # (predict mode's own row comes out of the plots)
            assert plots[0] == plots[1]  # the second row was kept from step 0
