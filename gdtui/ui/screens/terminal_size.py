"""A screen laid out at the terminal's size, never at one it no longer has.

Textual 8.2.8's Screen lays itself out at the size each Resize it receives
names (Screen._on_resize), and a layout that changes the screen's own region
posts the screen a Resize of that size (Screen._refresh_layout). A Resize
laid out late (one for a background screen, or one queued behind the next
size) therefore comes back to the screen after the current one, and the
screen ends at the old size while the terminal has the new one; with other
messages between the two (a lesson's widgets refreshing), each Resize posts
the other's successor and the screen is laid out at 60 Hz, alternating
between two sizes, for ever. The key fuzz met it after resizing past the
too-small screen on a loaded machine (tests/app/test_fuzz.py). Here a Resize
of a size the terminal no longer has is dropped: the app has sent the
screen the current one, or does when it shows the screen again.
Mixed in before the screen class. Patch stale-resize in
gdtui/ui/driver/versions.py.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from gdtui.ui.driver.versions import patched


class SizedByTerminal:
    def on_resize(self, event: events.Resize) -> None:
        if patched() and event.size != self.app.size:
            event.prevent_default()  # Screen._on_resize, which would lay it out at event.size


class TerminalScreen(SizedByTerminal, Screen):
    """Textual's blank default screen, at the bottom of every app's stack
    (App.get_default_screen), with the same guard."""
