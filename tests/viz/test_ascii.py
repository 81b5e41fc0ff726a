"""to_ascii: what an ASCII-only terminal is sent instead of each character
(--ascii, or a terminal that is not UTF-8: the driver runs it over all it
writes). ASCII out, the same cells, whatever comes in."""

import pytest
from rich.cells import cell_len

from gdtui.viz.ascii import to_ascii

FAMILIES = {
    "box drawing": [chr(c) for c in range(0x2500, 0x2580)],
    "blocks": [chr(c) for c in range(0x2580, 0x25A0)],
    "braille": [chr(c) for c in range(0x2800, 0x2900)],
    "geometric": [chr(c) for c in range(0x25A0, 0x2600)],
    "arrows": [chr(c) for c in range(0x2190, 0x2200)],
    "latin-1": [chr(c) for c in range(0xA0, 0x100)],
    "cjk": list("误差随权重变化的曲线是一个形,。:()") + ["\u3000"],
    "emoji": ["🔎", "✅", "👍🏽", "🇨🇳"],
    "combining": ["e\u0301", "a\u0308\u0323"],
    "joined": ["\u200d", "\ufe0f", "❤\ufe0f", "👨\u200d👩\u200d👧", "\u200d\u200d", "x\u200d"],
    "hostile": ["\u202e", "\ufeff", "\U0010ffff", "\ufffd"],
}


@pytest.mark.parametrize("family", FAMILIES)
def test_ascii_in_the_same_cells(family):
    for char in FAMILIES[family]:
        out = to_ascii(f"a{char}b")
        assert out.isascii() and cell_len(out) == cell_len(f"a{char}b"), (char, out)
        if family != "joined":  # a joiner joins its neighbours into its glyph
            assert out[0] == "a" and out[-1] == "b"


@pytest.mark.parametrize("text, expected", [
    ("╭──╮", "+--+"), ("│ x │", "| x |"), ("╰┴┬╯", "++++"), ("┼├┤═║", "+++-|"),  # borders
    ("▔▁", "-_"), ("▏▕▌▐▊", "|||||"), ("█▀▄", "###"),  # Textual's tall borders, edges, fills
    ("⠀⣿", " *"),  # a curve's dots
    ("🔎 Search for commands…", "?? Search for commands~"),  # the palette's prompt
    ("误差 U", "???? U"),
    ("café naïve e\u0301", "cafe naive e"),
    ("a\u200db|❤\ufe0f|👨\u200d👩", "?|??|??"),  # joined: one glyph, its cells
    ("w 0→0.88 · ↑↓ ✓ — ×−²", "w 0>0.88 | ^v v - *-2"),
    ("\x1b[1;1Hplain\r\n", "\x1b[1;1Hplain\r\n"),  # escape sequences pass untouched
])
def test_stand_ins(text, expected):
    assert to_ascii(text) == expected


def test_every_character_once_costs_no_unbounded_table():
    """A text of every character is translated; the table it fills is capped."""
    from gdtui.viz import ascii as module

    text = "".join(chr(c) for c in range(0x80, 0x30000) if not 0xD800 <= c < 0xE000)
    out = to_ascii(text)
    assert out.isascii() and cell_len(out) == cell_len(text)
    assert len(module._TABLE) <= module._TABLE_CAP
