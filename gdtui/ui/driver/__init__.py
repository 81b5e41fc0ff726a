"""Every touch of Textual's internals, in one place, gated on the Textual
version it was written for (versions.py).

GdtuiDriver (driver.py) is the one driver gdtui runs with on a terminal; its
parser (parser.py) subclasses Textual's private XTermParser. The lesson
screens compose with LineCompositor (compositor.py), which renders only the
lines a frame sends; their widgets refresh through RefreshesAtOnce
(refresh.py), which hands a refresh to the screen without waking the widget.
Outside this package gdtui uses Textual's public API only.
"""

from __future__ import annotations

from gdtui.ui.driver.versions import fallback_line, patched


def choose(default: type) -> type:
    """The driver to run with, where Textual would use `default`: GdtuiDriver
    for Textual's own Linux driver on a Textual the patches were written for;
    anything else (a TEXTUAL_DRIVER, headless, another version) as it is."""
    from textual.drivers.linux_driver import LinuxDriver

    if default is LinuxDriver and patched():
        from gdtui.ui.driver.driver import GdtuiDriver

        return GdtuiDriver
    return default


def forget_screen() -> None:
    """The next frame is written whole: someone has started watching (the
    class view's `w`) and has seen nothing of what the terminal shows."""
    if patched():
        from gdtui.ui.driver.driver import GdtuiDriver

        for driver in GdtuiDriver.running:
            driver.forget_screen()


__all__ = ["choose", "fallback_line", "forget_screen", "patched"]
