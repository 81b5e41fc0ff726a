"""gdtui with every widget's drawing served from a cache: a reference for
Space -> settled (test_frames.py), not an app anyone runs.

A warm-up right after the first frame takes the lesson's first 12 steps and
steps back again, and each RowsWidget keeps what it drew (and the chain the
height it measured) for each step. A measured Space then costs the engine,
the views, Textual's compositor, the lean output and the terminal as in
gdtui, and no drawing: what is left of a step when drawing is free.

    python drawing_cached.py LESSON [gdtui's flags]
"""

from __future__ import annotations

import sys

WARM_UP = 12  # steps, the benchmark's presses


def install() -> None:
    from gdtui.ui.screens.session_screen import SessionScreen
    from gdtui.ui.widgets.chain_view import ChainView
    from gdtui.ui.widgets.part_widget import RowsWidget

    drawn_at: dict[tuple, object] = {}
    rows_at: dict[tuple, int] = {}

    def key(widget, size) -> tuple:
        session = widget.screen.session
        return (type(widget).__name__, widget.id, session.trainer.steps_done, tuple(size),
                widget.part.lang)

    draw = RowsWidget._draw

    def cached_draw(self, size=None):
        k = key(self, size or self.size)
        kept = drawn_at.get(k)
        if kept is None:
            kept = drawn_at[k] = draw(self, size)
        # Its own list of strips: a repaint fills in the rows it keeps.
        strips = None if kept.strips is None else list(kept.strips)
        self._drawn = kept._replace(part=self.part, strips=strips)
        return self._drawn

    rows = ChainView.rows

    def cached_rows(self, part):
        k = key(self, self.size)
        if k not in rows_at:
            rows_at[k] = rows(self, part)
        return rows_at[k]

    mount = SessionScreen.on_mount

    def on_mount(self):
        mount(self)

        def warm_up():
            for _ in range(WARM_UP):
                self.session.step()
            for _ in range(WARM_UP):
                self.session.back()

        self.call_after_refresh(warm_up)

    RowsWidget._draw, ChainView.rows, SessionScreen.on_mount = cached_draw, cached_rows, on_mount


if __name__ == "__main__":
    install()
    from gdtui.cli import main

    sys.exit(main(sys.argv[1:]))
