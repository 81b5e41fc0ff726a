"""The class poll's histogram: the class's answers against the true value,
then the named slips and how many made each.

     -0.2 … -0.15 ██               1
     0.15 … 0.2   ████████████     3  ◆ true 0.1848
    slips: forgot_input 2  forgot × input: weight_delta = delta × input

Given its bars and slips (gdtui.practice.poll works them out); a right
answer's part of a bar is green, the rest red. Width from the console.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from gdtui.viz.glyphs import glyphs


@dataclass(frozen=True)
class Bar:
    label: str  # the range of answers, or the direction
    count: int
    right: int  # of count
    truth: bool  # the true value is in this bar


class PollHistogram:
    def __init__(self, bars: list[Bar], truth: str, slips: list[tuple[str, int, str]],
                 ascii_only: bool = False, none: str = "no answers") -> None:
        self.bars = bars
        self.truth = truth  # the true value, as shown
        self.slips = slips  # (name, count, what it means)
        self.ascii_only = ascii_only
        self.none = none  # said instead of bars when nobody answered

    def lines(self, width: int, ascii_only: bool) -> list[Text]:
        g = glyphs(ascii_only)
        marker = f"  {g['land']} true {self.truth}"
        out = []
        if not any(b.count for b in self.bars):
            out.append(Text(f"{self.none}{marker}", style="dim"))
        else:
            label_w = max(cell_len(b.label) for b in self.bars)
            most = max(b.count for b in self.bars)
            count_w = len(str(most))
            room = max(1, width - label_w - count_w - 3 - cell_len(marker))
            for bar in self.bars:
                n = 0 if not bar.count else max(1, round(bar.count / most * room))
                good = min(n, round(bar.right / bar.count * n)) if bar.count else 0
                line = Text(bar.label.rjust(label_w) + " ")
                line.append(g["bar"] * good, style="green")
                line.append(g["bar"] * (n - good), style="red")
                line.append(" " * (room - n) + " " + (str(bar.count) if bar.count else "").rjust(count_w))
                if bar.truth:
                    line.append(marker, style="bold")
                out.append(line)
        if self.slips:
            line = Text("slips:", style="bold")
            for name, count, meaning in self.slips:
                line.append(f"  {name} {count}", style="bold yellow")
                line.append(f" {meaning}", style="italic")
            out.append(line)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.lines(options.max_width, self.ascii_only or options.ascii_only)
        for line in lines:
            line.overflow = "fold"
            yield line


if __name__ == "__main__":
    Console().print(PollHistogram(
        [Bar("-0.2 … -0.15", 1, 0, False), Bar("0 … 0.05", 0, 0, False),
         Bar("0.15 … 0.2", 3, 2, True)],
        "0.1848", [("forgot_input", 1, "forgot × input: weight_delta = delta × input")]))
