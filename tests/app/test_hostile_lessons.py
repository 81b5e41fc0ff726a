"""User lessons in the app: titles, labels and notes show as written (never
parsed as markup, escapes made visible); a lesson too big to draw says so;
hostile files never stop the app or the other lessons."""

import textwrap

import pytest
from textual.widgets import Label, OptionList

from gdtui.lessons.loader import load_catalog
from gdtui.text.charset import Terminal
from gdtui.text.safe import visible
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.app import make_app
from app_support import listed, screen_text, search_palette, shown

MARKUP = r'''
from gdtui import Lesson
lesson = Lesson(
    id="markup", title="[/]\n[outputs][inputs] [b]x \x1b[31mred",
    notes={"en": "[/] a note [b]bold[/b] \x1b[2J", "zh": "[/]"},
    weights=[[0.1, 0.2], [0.3, 0.4]], input=[1, 2], goal=[0, 1], alpha=0.1,
    input_labels=["[/]", "[b]in"], output_labels=["[outputs]", "\x1b[31mo"],
)
'''
BIG = '''
from gdtui import Lesson
lesson = Lesson(id="big", title="65 x 64 weights", notes={"en": "n", "zh": "z"},
                weights=0.0, input=[1.0] * 64, goal=[0.0] * 65, alpha=0.001)
'''
HOSTILE = {
    "exits.py": "import os\nos._exit(0)\n",
    "interrupts.py": "raise KeyboardInterrupt\n",
    "markup_error.py": "raise RuntimeError('[/] [b]')\n",
}
TITLE = "[/]\\n[outputs][inputs] [b]x \\x1b[31mred"  # as the app must show it


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    directory = tmp_path_factory.mktemp("app-lessons")
    for name, source in {"markup.py": MARKUP, "big.py": BIG, **HOSTILE}.items():
        (directory / name).write_text(textwrap.dedent(source), encoding="utf-8")
    catalog = load_catalog([str(directory)], use_env=False)
    assert {"markup", "big"} <= set(catalog.lessons) and len(catalog.problems) == len(HOSTILE)
    return catalog


def app_with(catalog, lesson_id=None):
    # A UTF-8 terminal whatever the locale: an xdist worker starts with none.
    return make_app(catalog, lesson_id, lang="en", terminal=Terminal("C.UTF-8", True))


async def test_the_list_shows_titles_as_written(catalog):
    app = app_with(catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [listed(options, i).rstrip() for i in range(options.option_count)]
        assert any(p.startswith("markup") and p.endswith(TITLE) for p in prompts)
        assert "skipped" in shown(app.screen.query_one("#problems"))
    assert app.return_code in (None, 0)


async def test_the_lesson_screen_shows_labels_and_notes_as_written(catalog):
    app = app_with(catalog, "markup")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.trainer.steps_done == 1
        text = screen_text(screen)
        for literal in ("a: [/]→[outputs]", "[outputs]", "[/] a note [b]bold[/b]", "\\x1b[2J"):
            assert literal in text, literal
        await pilot.press("right", "right", "right")  # weight d: the status line names it
        assert "d: [b]in→\\x1b[31mo" in shown(screen.query_one("StatusBar"))
        assert "\x1b" not in text + screen_text(screen)
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert "input ([/], [b]in)" in labels and "goal ([outputs], \\x1b[31mo)" in labels
    assert app.return_code in (None, 0)


async def test_the_palette_shows_titles_as_written(catalog):
    app = app_with(catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        commands = await search_palette(pilot, "markup")
        assert TITLE in commands.get_option_at_index(0).prompt.plain
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "markup"
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("start", [None, "big"])
async def test_a_lesson_too_big_to_draw_says_so(catalog, start):
    app = app_with(catalog, start)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        if start is None:
            app.open_lesson("big")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        toasts = " ".join(shown(toast) for toast in app.screen.query("Toast"))
        assert "big has 4,160 weights, too many to draw" in " ".join(toasts.split())
        app.open_lesson("learning-steps")  # the others still open
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
    assert app.return_code in (None, 0)


# -- exercise texts that do not fit one line: their keys stay in view ---------------
# text: what the line must show of it (None: the text is cut, with an ellipsis)
EXERCISE_TEXTS = {
    "newline": ("line one\nline two\nline three", "line one\\nline two\\nline three"),
    "crlf": ("one\r\ntwo", "one\\r\\ntwo"),
    "tab": ("a\tb", "a\\tb"),
    "long": ("word " * 79 + "end", None),
    "long-cjk": ("梯度下降" * 100, None),
    "long-newlines": ("\n".join(["line"] * 80), None),
    "markup": ("[/] [b]x [@click=app.quit]q[/]", "[/] [b]x [@click=app.quit]q[/]"),
}
EXERCISES_FILE = '''
from gdtui import Lesson
TEXTS = {texts!r}
lesson = Lesson(id="texts", title="t", notes={{"en": "n", "zh": "z"}}, weights=0.5, input=0.5,
                goal=0.8, exercises=[{{"id": f"e{{k}}", "en": text, "zh": text,
                                      "hint": {{"en": "h", "zh": "h"}},
                                      "check": {{"error_below": 1e-30}}}}
                                     for k, text in enumerate(TEXTS)])
'''


@pytest.mark.parametrize("lang, keys", [("en", "(i hint · x next)"), ("zh", "(i 提示 · x 下一个)")])
@pytest.mark.parametrize("width", [80, 120])
async def test_an_exercise_text_never_hides_its_keys(tmp_path, lang, keys, width):
    texts = [text for text, _ in EXERCISE_TEXTS.values()]
    (tmp_path / "texts.py").write_text(EXERCISES_FILE.format(texts=texts), encoding="utf-8")
    catalog = load_catalog([str(tmp_path)], use_env=False)
    assert not catalog.problems, catalog.problems
    app = make_app(catalog, "texts", lang=lang, terminal=Terminal("C.UTF-8", True))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("ExerciseLine")
        for k, (name, (_, expected)) in enumerate(EXERCISE_TEXTS.items()):
            drawn = shown(line).splitlines()
            # Two rows at most, kept for every exercise (the longest needs them).
            assert line.size.height == 2 and len(drawn) <= 2, (name, drawn)
            assert drawn[-1].rstrip().endswith(keys), (name, drawn)
            assert f"{k + 1}/{len(EXERCISE_TEXTS)}" in drawn[0], (name, drawn[0])
            if expected is None:
                assert "…" in drawn[-1], (name, drawn)
            else:
                assert expected in drawn[0], (name, drawn[0])
            assert not any("\x1b" in row or "\r" in row for row in drawn)
            await pilot.press("x")
            await pilot.pause()
    assert app.return_code in (None, 0)


HINTS = {
    "long": "a long hint, " * 30 + "the end",
    "long-cjk": "提示" * 199 + "完",
    "newlines": "one\ntwo\nthree",
    "markup": "[/] [b]x [@click=app.quit]q[/]",
}
HINTS_FILE = '''
from gdtui import Lesson
HINTS = {hints!r}
lesson = Lesson(id="hints", title="t", notes={{"en": "n", "zh": "z"}}, weights=0.5, input=0.5,
                goal=0.8, exercises=[{{"id": f"e{{k}}", "en": "Do it.", "zh": "做。",
                                      "hint": {{"en": hint, "zh": hint}},
                                      "check": {{"error_below": 1e-30}}}}
                                     for k, hint in enumerate(HINTS)])
'''


@pytest.mark.parametrize("size", [(80, 24), (60, 16)])
async def test_a_hint_is_drawn_in_full(tmp_path, size):
    (tmp_path / "hints.py").write_text(HINTS_FILE.format(hints=list(HINTS.values())), encoding="utf-8")
    catalog = load_catalog([str(tmp_path)], use_env=False)
    app = make_app(catalog, "hints", lang="en", terminal=Terminal("C.UTF-8", True))
    async with app.run_test(size=size) as pilot:
        line = app.screen.query_one("ExerciseLine")
        for name, hint in HINTS.items():
            await pilot.press("i")  # the next exercise opens with its hint closed
            await pilot.pause()
            rows = shown(line).splitlines()
            assert line.size.height == len(rows) > 1, (name, rows)
            assert rows[0].rstrip().endswith("(i hint · x next)"), (name, rows)
            drawn = "".join(row.strip() for row in rows[1:])
            assert "".join(f"hint: {visible(hint)}".split()) == "".join(drawn.split()), (name, rows)
            await pilot.press("x")
    assert app.return_code in (None, 0)


async def test_the_exercise_line_is_laid_out_again_on_resize(tmp_path):
    (tmp_path / "hints.py").write_text(HINTS_FILE.format(hints=[HINTS["long"]]), encoding="utf-8")
    catalog = load_catalog([str(tmp_path)], use_env=False)
    app = make_app(catalog, "hints", lang="en", terminal=Terminal("C.UTF-8", True))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("i")
        line = app.screen.query_one("ExerciseLine")
        heights = []
        for size in [(120, 30), (80, 24), (60, 16), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            rows = shown(line).splitlines()
            assert line.size.height == len(rows), (size, rows)
            assert rows[0].rstrip().endswith("(i hint · x next)"), (size, rows)
            assert "".join("".join(r.strip() for r in rows[1:]).split()) == "".join(
                f"hint: {HINTS['long']}".split()), (size, rows)
            heights.append(len(rows))
        assert heights[0] < heights[1] < heights[2] and heights[3] < heights[1], heights
