"""The footer: the keys a learner needs, the essential ones always kept.

Space, b, r, e, ? and q never drop out; the others fill what room is left,
in the order gdtui.ui.keys ranks them (the slider before history). Every
key is in `?` help.

The MNIST screen has fewer keys but three of its own (E, m, d) that no
other screen has: its bar names every key, on as many lines as the width
needs (two at 80 columns), so nothing is learned only from `?`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from gdtui.ui.keys import Key, named, rank, spelled_key
from gdtui.ui.view import KeysPart
from gdtui.ui.widgets.part_widget import PartWidget


def applies(k: Key, view: KeysPart) -> bool:
    """Whether the key does anything here, now (its `when`)."""
    if k.when == "alpha":
        return view.lesson.settings.rule.by_alpha
    if k.when == "weights":  # one weight: nothing to select or freeze
        return view.lesson.weights.size > 1
    if k.when == "predicting":
        return view.predicting
    if k.word == "k_lang" and view.ascii_only:
        return False  # an ASCII terminal cannot draw Chinese: L only says so (gdtui.text.charset)
    return True


def cost(key: str, word: str) -> int:
    return cell_len(key) + 1 + cell_len(word) + 2


def shown_keys(view: KeysPart, width: int) -> list[tuple[str, str]]:
    """The lesson footer's (key, word) pairs that fit in `width` cells: every
    essential (rank 1), then the others in rank order while room is left,
    shown in the table's order."""
    keys = [(k, spelled_key(k.shown, view.ascii_only), view.tr(k.word))
            for k in named(view.footer) if applies(k, view)]
    ranks = [rank(k, view.footer) for k, _, _ in keys]
    room = width - sum(cost(s, w) for (_, s, w), r in zip(keys, ranks) if r == 1)
    chosen = {i for i, r in enumerate(ranks) if r == 1}
    for i in sorted(range(len(keys)), key=ranks.__getitem__):
        _, s, w = keys[i]
        if i not in chosen and cost(s, w) <= room:
            room -= cost(s, w)
            chosen.add(i)
    return [(s, w) for i, (_, s, w) in enumerate(keys) if i in chosen]


def key_lines(view: KeysPart, width: int) -> list[list[tuple[str, str]]]:
    """Every key the slice's footer names, filled into lines of `width` cells."""
    lines: list[list[tuple[str, str]]] = [[]]
    room = width
    for k in named(view.footer):
        if not applies(k, view):
            continue
        key, word = spelled_key(k.shown, view.ascii_only), view.tr(k.word)
        if lines[-1] and cost(key, word) - 1 > room:  # (a line's last space may go)
            lines.append([])
            room = width
        lines[-1].append((key, word))
        room -= cost(key, word)
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

    def draw(self, view: KeysPart) -> Text:
        return key_text(shown_keys(view, self.size.width or 80))


class MnistKeyBar(PartWidget):
    """Every MNIST key, wrapped: its height follows the width."""

    DEFAULT_CSS = """
    MnistKeyBar { height: 2; background: $panel; }
    """

    def rows(self, view: KeysPart) -> int:
        return len(key_lines(view, self.size.width or 80))

    def draw(self, view: KeysPart) -> Text:
        return Text("\n", no_wrap=True).join(key_text(line) for line in key_lines(view, self.size.width or 80))
