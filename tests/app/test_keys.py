"""The one key table (gdtui.ui.keys): every key bound is named in the help,
every binding reaches an action, and the footers name what fits."""

import pytest
from rich.cells import cell_len

from app_support import CATALOG, app_for
from gdtui.text.i18n import HELP, TEXT
from gdtui.ui.app import GdtuiApp
from gdtui.ui.classroom.present import PresentingScreen
from gdtui.ui.keys import APP, KEYS, LESSON, LIST, MNIST, PRESENT, SESSION, bindings, help_rows
from gdtui.ui.screens.help import HelpScreen, keys_of, keys_table
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.mnist import MnistScreen
from gdtui.ui.screens.session_screen import SessionScreen
from gdtui.ui.view import KeysPart
from gdtui.ui.widgets.key_bar import shown_keys

CHAPTER = [i for i in CATALOG.lessons if i != "mnist"]
OWNER = {"session": SessionScreen, LESSON: LessonScreen, MNIST: MnistScreen, APP: GdtuiApp,
         PRESENT: PresentingScreen}


@pytest.mark.parametrize("screen", list(OWNER))
def test_every_binding_reaches_an_action_of_its_screen(screen):
    for binding in bindings(screen):
        name = binding.action.split("(")[0]
        assert hasattr(OWNER[screen], f"action_{name}"), (screen, binding.key, binding.action)
        assert OWNER[screen].BINDINGS == bindings(screen)


@pytest.mark.parametrize("screen", [LESSON, MNIST])
def test_no_key_is_bound_twice_on_one_screen(screen):
    keys = [key for where in ("session", screen, APP) for b in bindings(where)
            for key in b.key.split(",")]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_row_has_its_help_and_words_in_both_languages():
    used = {k.help for k in KEYS}
    assert used == set(HELP), (used ^ set(HELP))
    for k in KEYS:
        assert set(HELP[k.help]) == {"en", "zh"}, k.help
        if k.word:
            assert set(TEXT[k.word]) >= {"en", "zh"}, k.word
        if k.named:
            assert k.word, f"{k.shown} is on a footer without a word"


@pytest.mark.parametrize("screen, has, has_not", [
    (LESSON, {", .", "w", "h", "[ ]", "1 … 9"}, {"E", "m", "d", "F"}),
    (MNIST, {"E", "m", "d", "p", "Tab", ", . < >"}, {", .", "w", "h", "[ ]"}),
    (LIST, {"Enter", "^p", "?", "q"}, {"Space", "E"}),
    (PRESENT, {"Space", ", .", "p", "Tab", "w"}, {"E", "m", "d"}),
    (None, {"Space", "E", ", .", "Enter"}, {"F"}),
])
def test_the_help_shows_the_keys_of_the_screen_it_is_over(screen, has, has_not):
    shown = {key for key, _ in keys_of(screen)}
    assert has <= shown and not (has_not & shown), (has - shown, has_not & shown)


@pytest.mark.parametrize("screen, key, says, not_said", [
    (LESSON, "e", "step_amount, input, goal, weights", None),
    (MNIST, "e", "edit alpha", "weights"),  # its edit form has alpha alone
    (LESSON, "f", "the selected weight", None),
    (MNIST, "f", "digit's 784 weights", None),  # f freezes a whole digit
    (LESSON, "l", "the U-curve", None),
    (MNIST, "l", "error curve", "U-curve"),  # no U on MNIST
    (PRESENT, "e", "goal, weights", None),
])
def test_a_keys_help_says_what_it_does_on_that_screen(screen, key, says, not_said):
    said = dict(keys_of(screen, "en"))[key]
    assert says in said and (not_said is None or not_said not in said), said


def test_served_help_names_follow_and_not_save():
    shown = {key for key, _ in keys_of(LESSON, served=True)}
    assert "F" in shown and "s" not in shown


@pytest.mark.parametrize("lesson_id", CHAPTER)
@pytest.mark.parametrize("width", [80, 100, 120, 200])
@pytest.mark.parametrize("predicting", [False, True])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("ascii_only", [False, True])
def test_the_lesson_footer_fits_and_keeps_its_essentials(lesson_id, width, predicting, lang, ascii_only):
    lesson = CATALOG.lessons[lesson_id]
    part = KeysPart(lesson=lesson, lang=lang, ascii_only=ascii_only, predicting=predicting)
    pairs = shown_keys(part, width)
    keys = [key for key, _ in pairs]
    assert sum(cell_len(k) + cell_len(w) + 3 for k, w in pairs) <= width
    assert {"Space", "b", "r", "e", "?", "q"} <= set(keys)
    if not lesson.settings.rule.by_alpha:
        assert "[ ]" not in keys  # alpha does nothing here: not named
    if lesson.weights.size == 1:
        assert "f" not in keys and not any(k in ("←→", "<- ->") for k in keys)
    if predicting:
        assert "w" in keys  # the fade works only while predicting: named then, first
    else:
        assert "w" not in keys
    if not predicting and lang == "en":
        assert ", ." in keys  # the slider is named at 80 columns
    if ascii_only:
        assert "<>" not in keys  # would read as the slider's < and >


def test_the_table_keeps_session_keys_on_both_lesson_screens():
    assert SESSION == frozenset({LESSON, MNIST})
    lesson = {b.key for b in LessonScreen.BINDINGS} | {b.key for b in SessionScreen.BINDINGS}
    assert {"space", "comma", "full_stop", "w", "h", "N", "P"} <= lesson
    mnist = {b.key for b in MnistScreen.BINDINGS}
    assert {"E", "m", "d"} <= mnist and "h" not in mnist


@pytest.mark.parametrize("lesson_id, under", [("learning-steps", LESSON), ("mnist", MNIST), (None, LIST)])
async def test_question_mark_opens_the_help_of_that_screen(lesson_id, under, fresh_mnist_lesson):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.under == under
        assert help_rows(under)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", [LESSON, MNIST, LIST])
@pytest.mark.parametrize("width", [68, 100])  # the help box at 80 and at 120 columns
def test_the_help_loses_no_word(lang, screen, width):
    """Rich wraps Chinese a character at a time: a line must never be cut with
    an ellipsis, nor an English name split across two lines."""
    import re

    from rich.console import Console

    console = Console(width=width, color_system=None)
    with console.capture() as out:
        console.print(keys_table(lang, screen=screen))
    lines = out.get().splitlines()
    assert all(cell_len(line) <= width for line in lines)
    said = " ".join(text for _, text in keys_of(screen, lang))
    words = lambda text: set(re.findall(r"[A-Za-z_]+", text))  # noqa: E731
    column = max(len(key) for key, _ in keys_of(screen, lang)) + 1  # the help's own
    shown = words(" ".join(line[column:] for line in lines))
    assert shown <= words(said) | {"Escape", "Space", "Enter", "Tab"}, shown - words(said)
    assert "…" not in "".join(line[column:] for line in lines)


@pytest.mark.parametrize("screen", [LESSON, MNIST])
def test_ascii_help_names_the_arrows_as_the_footer_does(screen):
    from rich.console import Console

    console = Console(width=100, color_system=None)
    with console.capture() as out:
        console.print(keys_table("en", ascii_only=True, screen=screen))
    keys = [line.split("  ")[0].strip() for line in out.get().splitlines() if line[:1] != " "]
    assert "<- ->" in keys and "<>" not in keys and "<-->" not in keys
    assert out.get().isascii()
