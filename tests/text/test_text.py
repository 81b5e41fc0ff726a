"""The text package: every UI string exists in both languages with the same
placeholders, and untrusted text never reaches the terminal raw."""

import re
import string

import pytest

from gdtui.text.i18n import LANGS, TEXT, tr
from gdtui.text.safe import shown, visible


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_string_in_both_languages_with_the_same_placeholders(key):
    entry = TEXT[key]
    assert set(entry) == set(LANGS), f"{key}: {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), key
    assert _fields(entry["zh"]) == _fields(entry["en"]), key


def test_tr_fills_in_values_and_falls_back_to_english():
    key = next(k for k in TEXT if _fields(TEXT[k]["en"]) == {"n"})
    assert "7" in tr(key, "zh", n=7)
    assert tr(key, "xx", n=7) == TEXT[key]["en"].format(n=7)


CASES = {
    "plain": ("weight 0.5", "weight 0.5"),
    "chinese": ("权重", "权重"),
    "csi": ("\x1b[2J", "\\x1b[2J"),
    "c1 csi": ("\x9b2J", "\\x9b2J"),
    "bell and del": ("\x07\x7f", "\\x07\\x7f"),
    "newline tab cr": ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
    "bidi override": ("abc\u202edef", "abc\\u202edef"),
    "bidi isolate": ("\u2066x\u2069", "\\u2066x\\u2069"),
    "lone surrogate": ("name\udcff", "name\\udcff"),
    "osc title": ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
}


@pytest.mark.parametrize("raw, shown", CASES.values(), ids=CASES.keys())
def test_visible_escapes_every_hidden_character(raw, shown):
    assert visible(raw) == shown
    assert not re.search("[\x00-\x1f\x7f-\x9f]", visible(raw))


def test_visible_keeps_what_it_is_told_to():
    assert visible("a\nb\x1b", keep="\n") == "a\nb\\x1b"


@pytest.mark.parametrize("raw, escaped", CASES.values(), ids=CASES.keys())
def test_visible_is_idempotent(raw, escaped):
    assert visible(visible(raw)) == visible(raw)


@pytest.mark.parametrize("raw", ["[/]", "x[/b]", "[b]toes", "[@click=app.quit]x", "\x1b]52;c;aGk=\x07"])
def test_shown_draws_markup_as_written_and_escapes_visible(raw):
    from rich.console import Console

    console = Console(width=80, color_system=None, force_terminal=False)
    with console.capture() as capture:
        console.print(shown(raw, "bold"))
    assert capture.get().rstrip("\n") == visible(raw)
    assert not shown(raw).spans
