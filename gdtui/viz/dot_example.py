"""The book's smallest dot product, before the 784-pixel one.

Chapter 5 asks why the weights learn the shape of a digit, and answers with
two short vectors: multiply them element by element and add up. Two vectors
with nothing in common give 0; alike ones give a large sum; opposite ones a
negative sum. An image scored against a digit's weights is the same sum over
784 pixels. ``SmallDotProducts`` draws the short case as rows of numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from gdtui.viz.glyphs import GLYPHS
from gdtui.viz.numbers import fmt
from gdtui.viz.pixels import text_segments

NAME_STYLE = Style(bold=True)
SUM_STYLE = Style(bold=True, color="yellow")
NOTE_STYLE = Style(dim=True)


@dataclass(frozen=True)
class Pair:
    names: tuple[str, str]
    left: tuple[float, ...]
    right: tuple[float, ...]
    note: str  # a key of WORDS


# a and b are the book's example ("nothing in common"); c, d and e show the
# other two cases the weight maps rely on: alike (ink on bright weights) and
# opposite (ink on dark weights).
BOOK_PAIRS = (
    Pair(("a", "b"), (0, 1, 0, 1), (1, 0, 1, 0), "nothing_in_common"),
    Pair(("c", "d"), (0, 1, 1, 0), (0, 1, 1, 0), "alike"),
    Pair(("c", "e"), (0, 1, 1, 0), (0, -1, -1, 0), "opposite"),
)
# The words beside the sums, in English; the app passes its language's.
WORDS = {"sum": "sum", "nothing_in_common": "nothing in common: 0", "alike": "alike: large",
         "opposite": "opposite: negative"}


class SmallDotProducts:
    """Rows ``a = [..]``, ``b = [..]``, ``a×b = [..]  sum = s  note`` per pair;
    ``compact``: one line a pair, ``a=[..] b=[..]  a×b=[..]  sum = s  note``
    (3 lines instead of 9, for short terminals)."""

    def __init__(self, pairs: tuple[Pair, ...] = BOOK_PAIRS, compact: bool = False,
                 words: dict[str, str] | None = None) -> None:
        self.pairs = pairs
        self.compact = compact
        self.words = {**WORDS, **(words or {})}

    def lines(self, ascii_only: bool) -> list[Text]:
        return self.compact_lines(ascii_only) if self.compact else self.full_lines(ascii_only)

    def compact_lines(self, ascii_only: bool) -> list[Text]:
        times, minus = GLYPHS[ascii_only]["times"], GLYPHS[ascii_only]["minus"]
        shown = lambda v: fmt(v, minus=minus)  # noqa: E731
        listed = lambda values: "[" + " ".join(shown(v) for v in values) + "]"  # noqa: E731
        lines = []
        for pair in self.pairs:
            product = tuple(x * y for x, y in zip(pair.left, pair.right))
            (left, right) = pair.names
            line = Text(no_wrap=True, end="")
            line.append(f"  {left}=", NAME_STYLE)
            line.append(listed(pair.left))
            line.append(f" {right}=", NAME_STYLE)
            line.append(listed(pair.right))
            line.append(f"  {left}{times}{right}=", NAME_STYLE)
            line.append(listed(product))
            line.append(f"  {self.words['sum']} = ")
            line.append(shown(sum(product)), SUM_STYLE)
            line.append(f"  {self.words[pair.note]}", NOTE_STYLE)
            lines.append(line)
        return lines

    def full_lines(self, ascii_only: bool) -> list[Text]:
        times, minus = GLYPHS[ascii_only]["times"], GLYPHS[ascii_only]["minus"]
        shown = lambda v: fmt(v, minus=minus).rjust(2)  # noqa: E731
        lines = []
        for pair in self.pairs:
            product = tuple(x * y for x, y in zip(pair.left, pair.right))
            total = sum(product)
            name_w = len(pair.names[0]) + len(times) + len(pair.names[1])
            rows = [(pair.names[0], pair.left), (pair.names[1], pair.right),
                    (f"{pair.names[0]}{times}{pair.names[1]}", product)]
            for index, (name, values) in enumerate(rows):
                line = Text(no_wrap=True, end="")
                line.append(f"  {name.rjust(name_w)} = ", NAME_STYLE)
                line.append("[" + " ".join(shown(v) for v in values) + "]")
                if index == 2:
                    line.append(f"  {self.words['sum']} = ")
                    line.append(shown(total).strip(), SUM_STYLE)
                    line.append(f"   {self.words[pair.note]}", NOTE_STYLE)
                lines.append(line)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.ascii_only):
            line.truncate(options.max_width, overflow="crop")
            yield from text_segments(line, console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = max(line.cell_len for line in self.lines(options.ascii_only))
        return Measurement(min(width, options.max_width), min(width, options.max_width))


if __name__ == "__main__":
    Console().print(SmallDotProducts())
    Console().print(SmallDotProducts(compact=True))
