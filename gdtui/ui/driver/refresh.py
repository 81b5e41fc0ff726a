"""A widget's refresh handed to its screen at once (patch refresh-wakes-widget).

Textual's Widget.refresh only sets a flag and prompts the widget: the
widget's own task wakes, runs its idle handler (Widget._check_refresh), and
that posts the Update which puts the widget on its screen's list for the
next frame. A lesson step refreshes five or six widgets, so five or six task
wakes come between the key's handler and the frame (~0.1 ms each under a
pty). Here the idle handler's work is done in the refresh itself: the
Updates are on the screen's queue when the handler returns, and the widget
is not woken for it. Messages between the handler and the frame, multi-io
at 120x40: 1.07 -> 0.54 ms (docs/performance.md).
"""

from __future__ import annotations

from textual.widget import Widget

from gdtui.ui.driver.versions import patched


class RefreshesAtOnce(Widget):
    """A widget whose refresh() reaches its screen without waking the
    widget's own task, on the Textual the patches were written for (on any
    other, Textual's own way)."""

    _refreshing = False

    def check_idle(self) -> None:
        # Only the prompt of a refresh is skipped: call_next, a style refresh
        # and the rest still prompt the widget as Textual does.
        if not self._refreshing:
            super().check_idle()

    def refresh(self, *regions, **kwargs):
        if self._refreshing or not self._is_mounted or not patched():
            return super().refresh(*regions, **kwargs)
        self._refreshing = True
        try:
            super().refresh(*regions, **kwargs)
        finally:
            self._refreshing = False
        self._check_refresh()  # what the widget's next idle would do
        return self
