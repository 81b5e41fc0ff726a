"""Hostile text, by family: what a lesson file, the environment, a progress
store or a learner may hand gdtui to show. Shared by the app's walk
(tests/app/test_hostile_text.py) and the command line's
(tests/output/test_cli_hostile_text.py)."""

import re
import textwrap

# family: one string of it, short enough for a label (at most 40 characters).
FAMILIES = {
    "osc title": "\x1b]0;pwned\x07",
    "screen clear": "\x1b[2J\x1b[H",
    "osc 52": "\x1b]52;c;cHduZWQ=\x07",
    "csi": "\x1b[31mred\x1b[0m",
    "c1 controls": "\x9b2J\x85\x9d0;t\x9c",  # \x85 inside: str.strip() takes it as a space
    "bidi": "\u202eevil\u202c\u2066i\u2069",
    "lone surrogates": "x\udcff\ud800",
    "close tag": "[/]",
    "bold": "[b]x[/b]",
    "blink": "[blink]x[/blink]",  # gdtui never blinks: a blinking cell is markup parsed
    "click": "[@click=app.quit]x",
    "link": "[link=https://e.x]x",
}

# What the terminal must never receive raw (defined here, not taken from
# gdtui.text.safe, so the test does not share the code it checks).
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def lesson_source(raw: str, lesson_id: str = "hostile") -> str:
    """A lesson with `raw` in every field that holds text."""
    text = repr(raw)
    return textwrap.dedent(f"""
        from gdtui import Lesson
        lesson = Lesson(
            id={lesson_id!r}, title={text}, notes={{"en": {text}, "zh": {text}}},
            weights=[[0.1, 0.2], [0.3, 0.4]], input=[1, 2], goal=[0.5, 0.2], alpha=0.1, steps=4,
            input_labels=[{text}, "b"], output_labels=[{text}, "o"],
            prompts=[{{"after": 0, "en": {text}, "zh": {text}}}],
            exercises=[{{"id": "e1", "en": {text}, "zh": {text},
                         "hint": {{"en": {text}, "zh": {text}}}, "check": {{"diverged": True}}}}],
        )
    """)
