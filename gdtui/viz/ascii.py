"""--ascii as Rich understands it: render with an ASCII-only encoding.

Rich's tables and our curves already switch to ASCII when
`options.ascii_only` is true; this wrapper sets it for one renderable, so the
choice flows through console options instead of `if`s in every widget.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement


class AsciiOnly:
    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    @staticmethod
    def _ascii(options: ConsoleOptions) -> ConsoleOptions:
        options = options.copy()
        options.encoding = "ascii"
        return options

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from console.render(self.renderable, self._ascii(options))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, self._ascii(options), self.renderable)
