"""The footer: the keys a learner needs, the essential ones always kept.

Space, b, r, e, ? and q never drop out; the others (alpha, note, history,
next, log, weight, freeze) fill what room is left, in that order. Every key
is in `?` help.
"""

from __future__ import annotations

from rich.text import Text

from gdtui.engine.rules import RULES
from gdtui.ui.view import Part
from gdtui.ui.widgets.part_widget import PartWidget

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

    keys = [k for k in KEYS if not (k[0] == "[ ]" and RULES[view.lesson.settings.rule].setting != "alpha")]
    keys = [k for k in keys if not (k[0] in ("←→", "f") and view.lesson.weights.size == 1)]
    keys = [
        (("<>" if view.ascii_only else "←→") if k == "←→" else k, w, e) for k, w, e in keys
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


class KeyBar(PartWidget):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; }
    """

    def draw(self, view: Part) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for key, word in shown_keys(view, self.size.width or 80):
            text.append(" " + key, style="bold")
            text.append(f" {word} ")
        return text
