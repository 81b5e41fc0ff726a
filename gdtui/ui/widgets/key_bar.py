"""The footer: the keys a learner needs, the essential ones always kept.

Space, b, r, e, ? and q never drop out; the others (alpha, note, history,
next, log, weight, freeze) fill what room is left, in that order. Every key
is in `?` help.

The MNIST screen has fewer keys but three of its own (E, m, d) that no
other screen has: its bar names every key, on as many lines as the width
needs (two at 80 columns), so nothing is learned only from `?`.
"""

from __future__ import annotations

from rich.text import Text

from gdtui.ui.view import Part
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.glyphs import glyphs

# (key, word, essential)
KEYS = [
    ("Space", "k_step", True), ("b", "k_back", True), ("r", "k_run", True),
    ("e", "k_edit", True), ("[ ]", "k_alpha", False), ("h", "k_history", False),
    ("n", "k_note", False), ("N P", "k_next", False), ("l", "k_log", False),
    ("←→", "k_weight", False), ("f", "k_freeze", False), ("0", "k_reset", False),
    ("?", "k_keys", True), ("q", "k_quit", True),
]


def shown_keys(view: Part, width: int) -> list[tuple[str, str]]:
    """The (key, word) pairs that fit in `width` cells, essentials first."""
    from rich.cells import cell_len

    keys = [k for k in KEYS if not (k[0] == "[ ]" and not view.lesson.settings.rule.by_alpha)]
    keys = [k for k in keys if not (k[0] in ("←→", "f") and view.lesson.weights.size == 1)]
    keys = [
        (glyphs(view.ascii_only)["select"] if k == "←→" else k, w, e) for k, w, e in keys
    ]
    cost = lambda k, w: cell_len(k) + 1 + cell_len(view.tr(w)) + 2  # noqa: E731
    room = width - sum(cost(k, w) for k, w, e in keys if e)
    chosen = []
    for key, word, essential in keys:
        if essential:
            chosen.append((key, word))
        elif cost(key, word) <= room:
            room -= cost(key, word)
            chosen.append((key, word))
    return [(k, view.tr(w)) for k, w in chosen]


# The MNIST screen's keys, all of them named: (key, word).
MNIST_KEYS = [
    ("Space", "k_step"), ("b", "k_back"), ("r", "k_run"), ("+ -", "k_speed"),
    ("E", "k_pass"), ("m", "k_maps"), ("d", "k_dot"), ("l", "k_log"), ("←→", "k_digit"),
    ("f", "k_freeze"), ("p", "k_predict"), ("0", "k_reset"), ("e", "k_edit"), ("L", "k_lang"),
    ("s", "k_save"),
    ("?", "k_keys"), ("q", "k_quit"),
]


def key_lines(view: Part, width: int, keys=MNIST_KEYS) -> list[list[tuple[str, str]]]:
    """Every (key, word) of `keys`, filled into lines of `width` cells."""
    from rich.cells import cell_len

    lines: list[list[tuple[str, str]]] = [[]]
    room = width
    for key, word in keys:
        if word == "k_lang" and view.ascii_only:
            continue  # an ASCII terminal cannot draw Chinese: L only says so (gdtui.text.charset)
        key = glyphs(view.ascii_only)["select"] if key == "←→" else key
        word = view.tr(word)
        cost = cell_len(key) + 1 + cell_len(word) + 2
        if lines[-1] and cost - 1 > room:  # (a line's last space may go)
            lines.append([])
            room = width
        lines[-1].append((key, word))
        room -= cost
    return lines


def key_text(pairs: list[tuple[str, str]]) -> Text:
    text = Text(no_wrap=True, overflow="crop")
    for key, word in pairs:
        text.append(" " + key, style="bold")
        text.append(f" {word} ")
    return text


class KeyBar(PartWidget):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; }
    """

    def draw(self, view: Part) -> Text:
        return key_text(shown_keys(view, self.size.width or 80))


class MnistKeyBar(PartWidget):
    """Every MNIST key, wrapped: its height follows the width."""

    DEFAULT_CSS = """
    MnistKeyBar { height: 2; background: $panel; }
    """

    def rows(self, view: Part) -> int:
        return len(key_lines(view, self.size.width or 80))

    def draw(self, view: Part) -> Text:
        return Text("\n", no_wrap=True).join(key_text(line) for line in key_lines(view, self.size.width or 80))
