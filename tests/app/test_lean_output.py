"""LeanOutput must leave the terminal showing exactly what Textual drew.

Seeded random frames in Textual's shape (a cursor move per row span, styled
segments each closed by a reset, wide characters, partial repaints, erases)
go to two emulated terminals: one gets them as written, the other through
LeanOutput. After every frame both screens must match cell for cell, style
included, and the lean one must have received fewer bytes.
"""

from __future__ import annotations

import random

import pyte
import pytest

from gdtui.ui.lean_output import PLAIN, LeanOutput, apply_sgr, sgr_change

COLS, ROWS = 40, 12
CHARS = "ab ─│⠁⡜█x中"  # ASCII, box drawing, braille, a block, a wide character
STYLES = ["1;38;2;224;224;224;48;2;36;47;56", "38;2;153;153;153;48;2;18;18;18",
          "38;2;167;6;68;48;2;18;18;18", "3;7;38;5;33", "48;2;18;18;18", "31", "2;4;39;49"]


def random_frame(rng: random.Random) -> str:
    parts = ["\x1b[?2026h"]
    if rng.random() < 0.05:
        parts.append("\x1b[2J")
    for row in rng.sample(range(1, ROWS + 1), rng.randint(1, ROWS)):
        col = rng.randint(1, COLS // 2)
        parts.append(f"\x1b[{row};{col}H")
        room = rng.randint(4, COLS - col + 1)  # Textual never writes past the edge
        while room > 0:
            text = ""
            for ch in rng.choices(CHARS, k=rng.randint(1, 6)):
                size = 2 if ch == "中" else 1
                if size <= room:
                    text, room = text + ch, room - size
            room = 0 if not text else room
            parts.append(f"\x1b[{rng.choice(STYLES)}m{text}\x1b[0m")
        if rng.random() < 0.3 and row < ROWS:  # (on the last row it would scroll)
            parts.append("\r\n")
    parts.append("\x1b[?2026l")
    return "".join(parts)


def cells(screen: pyte.Screen) -> list:
    return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
             for c in (screen.buffer[row][col] for col in range(COLS))] for row in range(ROWS)]


def terminal() -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(COLS, ROWS)
    return screen, pyte.Stream(screen)


@pytest.mark.parametrize("seed", range(5))
def test_lean_terminal_matches_textuals(seed):
    rng = random.Random(seed)
    plain, plain_feed = terminal()
    lean, lean_feed = terminal()
    lean_output = LeanOutput()
    sent = written = 0
    for n in range(60):
        frame = random_frame(rng)
        plain_feed.feed(frame)
        slim = lean_output(frame)
        lean_feed.feed(slim)
        sent, written = sent + len(frame), written + len(slim)
        differ = [(row, col, a, b) for row, (la, lb) in enumerate(zip(cells(lean), cells(plain)))
                  for col, (a, b) in enumerate(zip(la, lb)) if a != b]
        assert not differ, f"seed {seed}: screens differ after frame {n}: {differ[:3]}"
    assert written < sent  # random frames repeat little; real steps: tests/benchmarks


def test_the_same_frame_again_writes_no_text():
    lean_output = LeanOutput()
    frame = "\x1b[3;5H\x1b[1;31mhello\x1b[0m\x1b[38;5;33mworld\x1b[0m"
    lean_output(frame)
    assert lean_output(frame) == ""


@pytest.mark.parametrize("params, expected", [
    ("", PLAIN),
    ("0", PLAIN),
    ("1;38;2;1;2;3", apply_sgr(apply_sgr(PLAIN, "1"), "38;2;1;2;3")),
    ("1;22", PLAIN),
    ("38;5;9;39", PLAIN),
    ("48;2;1;2", None),  # truncated colour
    ("38:2::1:2:3", None),  # colon form: passed on as it is
    ("999", None),  # unknown code
])
def test_sgr_parameters(params, expected):
    assert apply_sgr(PLAIN, params) == expected


@pytest.mark.parametrize("have, want, expected", [
    ("1;31", "1;32", "\x1b[32m"),  # only the colour changes
    ("1;31", "31", "\x1b[22m"),  # bold off, colour kept
    ("1;2;31", "2;31", "\x1b[22;2m"),  # 22 turns off dim too: dim again
    ("7;38;2;1;2;3", "", "\x1b[27;39m"),
    ("31", "31", ""),
    (None, "", "\x1b[0m"),  # unknown terminal style
])
def test_style_changes_are_minimal(have, want, expected):
    have_style = None if have is None else apply_sgr(PLAIN, have)
    assert sgr_change(have_style, apply_sgr(PLAIN, want)) == expected


# Two frames, the second repainting a run over what the first drew: the
# halves of wide characters at the ends of a changed run, a run in a new
# style over the same text, unchanged cells between two changed runs.
OVERWRITES = {
    "a run over a wide character's right half": ("\x1b[1;1H中中ab", "\x1b[1;2Hxyz"),
    "a run ending on a wide character's left half": ("\x1b[1;3H中中", "\x1b[1;1Hxyz"),
    "a run over both halves": ("\x1b[1;1Hab中cd", "\x1b[1;3Hxy"),
    "the same text in a new style": ("\x1b[1;1Habcdef", "\x1b[1;1H\x1b[1mabcdef\x1b[0m"),
    "two runs with a short gap": ("\x1b[2;1Habcdefghij", "\x1b[2;1HXbcdefghiZ"),
    "two runs with a long gap": ("\x1b[2;1Habcdefghijklmnop", "\x1b[2;1HXbcdefghijklmnoZ"),
    "one cell in the middle": ("\x1b[3;5H0.6952", "\x1b[3;5H0.6953"),
}


@pytest.mark.parametrize("case", list(OVERWRITES))
def test_a_changed_run_leaves_the_screen_textual_drew(case):
    plain, plain_feed = terminal()
    lean, lean_feed = terminal()
    lean_output = LeanOutput()
    for frame in OVERWRITES[case]:
        plain_feed.feed(frame)
        lean_feed.feed(lean_output(frame))
        assert cells(lean) == cells(plain)
