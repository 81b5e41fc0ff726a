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

from gdtui.ui.driver.versions import patched


class LineCompositor(Compositor):
    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        crop = Region.from_union(update_regions).intersection(self.size.region)
        spans = list(self._regions_to_spans(update_regions))
        lines = {y for y, _, _ in spans}
        chop_ends = [cut_set[1:] for cut_set in self.cuts]
        return ChopsUpdate(self._line_chops(crop, lines), spans, chop_ends)

    def _line_chops(self, crop: Region, lines: set[int]) -> list[dict[int, object]]:
        """Compositor._render_chops for the dirty `lines` only: front to back,
        the first strip to reach a cut of a line wins."""
        cuts = self.cuts
        chops: list[dict] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        intersection = Region.intersection
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            if not overlaps(clip):
                continue
            shown = intersection(region, clip)  # what Textual renders of it
            top, bottom = max(shown.y, crop.y), min(shown.bottom, crop.bottom)
            dirty = [y for y in range(top, bottom) if y in lines]
            if not dirty or not shown.width:
                continue
            first, last = dirty[0], dirty[-1] + 1
            x, first_cut, last_cut = shown.x, shown.x, shown.right
            strips = widget.render_lines(
                Region(x - region.x, first - region.y, shown.width, last - first))
            for y, strip in zip(range(first, last), strips):
                if y not in lines:
                    continue
                line = chops[y]
                line_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                for cut, piece in zip(line_cuts, strip.divide([cut - x for cut in line_cuts[1:]])):
                    if line.get(cut) is None:
                        line[cut] = piece
        return chops


def compose_by_line(screen: Screen) -> None:
    """Give `screen` the LineCompositor, on the Textual it was written for
    (before the screen's first layout: nothing composed is lost)."""
    if patched():
        screen._compositor = LineCompositor()
