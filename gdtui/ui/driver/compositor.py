"""LineCompositor: Textual's compositor, rendering only the lines a frame sends.

For a partial update Textual 8 takes the bounding box of the dirty regions
and renders every widget inside it, all of its lines in the box; only then
does it keep the dirty lines and drop the rest (Compositor._render_chops).
A lesson step dirties the chain at the top and the status line at the
bottom, so every widget on the screen was rendered whole, about 0.05 ms
each, to send none of it. Here each widget renders only the run of lines
from its first dirty line to its last, and a widget with no dirty line is
not asked at all. What is sent is line for line what Textual would send
(tests/app/test_compositor.py).
"""

from __future__ import annotations

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

from gdtui.ui.driver.versions import patched


NOTHING = Strip([])  # a chop the cursor moves to and writes nothing of


class LineCompositor(Compositor):
    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = list(self._regions_to_spans(update_regions))
        chop_ends = [cut_set[1:] for cut_set in self.cuts]
        return ChopsUpdate(self._line_chops(spans), spans, chop_ends)

    def _line_chops(self, spans: list[tuple[int, int, int]]) -> list[dict[int, object]]:
        """Compositor._render_chops for the chops that ChopsUpdate sends (those
        a dirty span reaches) only: front to back, the frontmost widget at a
        chop draws it. Each widget is asked for its lines with such a chop
        still to draw: side by side, a plot whose line did not change is not
        drawn for its neighbour's, and the containers behind (the screen, a
        scroll) are not drawn at all."""
        cuts = self.cuts
        chops: list[dict] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        # The chops a span reaches, as ChopsUpdate.render_segments picks them.
        # It also moves the cursor to a chop that starts where a span ends and
        # writes none of it: that chop is an empty strip, its widget not asked.
        missing: dict[int, set[int]] = {}
        touched: dict[int, set[int]] = {}
        for y, x1, x2 in spans:
            line_cuts, todo = cuts[y], missing.setdefault(y, set())
            for cut, end in zip(line_cuts, line_cuts[1:]):
                if cut < x2 and end > x1:
                    todo.add(cut)
                elif cut == x2:
                    touched.setdefault(y, set()).add(cut)
        for y, only_touched in touched.items():
            for cut in only_touched - missing[y]:  # (one another span reaches is drawn)
                chops[y][cut] = NOTHING
        missing = {y: todo for y, todo in missing.items() if todo}
        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():
            if not missing:
                break
            shown = intersection(region, clip)  # what Textual renders of it
            if not shown.width:
                continue
            x, right = shown.x, shown.right
            wanted = [y for y in range(shown.y, shown.bottom)
                      if y in missing and any(x <= cut < right for cut in missing[y])]
            if not wanted:
                continue
            # One call from its first wanted line to its last: a line between
            # that did not change is Textual's cached strip (StylesCache), and
            # a call costs more than a few of those.
            first, last = wanted[0], wanted[-1] + 1
            strips = widget.render_lines(
                Region(x - region.x, first - region.y, shown.width, last - first))
            for y, strip in zip(range(first, last), strips):
                if y in missing:
                    line_cuts = [cut for cut in cuts[y] if right >= cut >= x]
                    todo, line = missing[y], chops[y]
                    for cut, piece in zip(line_cuts, strip.divide([cut - x for cut in line_cuts[1:]])):
                        if cut in todo:
                            line[cut] = piece
                            todo.discard(cut)
                    if not todo:
                        del missing[y]
        return chops


def compose_by_line(screen: Screen) -> None:
    """Give `screen` the LineCompositor, on the Textual it was written for
    (before the screen's first layout: nothing composed is lost)."""
    if patched():
        screen._compositor = LineCompositor()
