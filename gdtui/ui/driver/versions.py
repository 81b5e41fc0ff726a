"""Every work-around gdtui applies to Textual, and the Textual it was written for.

Each entry names the upstream code at fault and the place here that works
around it. On any Textual not listed for every patch, none of them is
applied: the app runs on Textual's own driver, parser, palette and
dismissal, and says so in one line (gdtui.ui.app.launch). The canary tests
(tests/app/test_textual_canaries.py) show, one per patch, that stock Textual
still has the bug: the day one fails, upstream fixed it and the patch goes.
docs/upstream-textual.md has each bug as a report, with a short repro.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import textual


@dataclass(frozen=True)
class Patch:
    name: str
    bug: str  # what stock Textual does
    upstream: str  # the code at fault
    ours: str  # where gdtui works around it
    versions: tuple[str, ...] = ("8.2.8",)


PATCHES = (
    Patch("kitty-key-overflow",
          "a key number past Unicode (ESC[99999999999999999999A) raises in the input thread",
          "textual/_xterm_parser.py XTermParser._sequence_to_key_events",
          "gdtui/ui/driver/parser.py SafeXTermParser._sequence_to_key_events"),
    Patch("zero-window-mouse",
          "a pixel mouse report after an in-band resize to 0 cells divides by zero",
          "textual/_xterm_parser.py XTermParser.parse_mouse_code",
          "gdtui/ui/driver/parser.py SafeXTermParser.parse_mouse_code"),
    Patch("in-band-resize",
          "an in-band resize report is taken at any size, 0 x 0 included",
          "textual/_xterm_parser.py XTermParser.parse",
          "gdtui/ui/driver/parser.py SafeXTermParser.parse"),
    Patch("strict-utf8",
          "one byte that is not UTF-8 (\\xff) on stdin raises in the input thread and ends the app",
          "textual/drivers/linux_driver.py LinuxDriver.run_input_thread",
          "gdtui/ui/driver/driver.py GdtuiDriver.run_input_thread"),
    Patch("unclamped-size",
          "the window size is taken as the kernel gives it: 65535 x 65535 is drawn",
          "textual/drivers/linux_driver.py LinuxDriver._get_terminal_size",
          "gdtui/ui/driver/driver.py GdtuiDriver._get_terminal_size"),
    Patch("input-thread-wait",
          "the input thread cannot be woken: quitting waits out two select(0.1) calls",
          "textual/drivers/linux_driver.py LinuxDriver.run_input_thread",
          "gdtui/ui/driver/driver.py GdtuiDriver.run_input_thread (a wake pipe)"),
    Patch("restore-after-join",
          "stop_application_mode restores the terminal only after disable_input has joined "
          "the input thread",
          "textual/drivers/linux_driver.py LinuxDriver.stop_application_mode",
          "gdtui/ui/driver/driver.py GdtuiDriver.disable_input"),
    Patch("input-crash-exit-0",
          "a crash in the input thread goes to App.panic and the app exits with status 0",
          "textual/drivers/linux_driver.py LinuxDriver._run_input_thread",
          "gdtui/ui/app.py GdtuiApp.panic"),
    Patch("palette-page-keys",
          "PageUp / PageDown in an option list before it has a size (the command palette's, "
          "the lesson list at a terminal a row high) raise KeyError",
          "textual/widgets/_option_list.py OptionList._move_page",
          "gdtui/ui/palette.py GuardedCommandPalette.action_page, PagedOptionList"),
    Patch("typed-run-keys",
          "a run of plain characters in one read (a paste without bracketed paste) is a Key "
          "per character through the parser's generator: 1 MB is 10-19 s of the input thread",
          "textual/_xterm_parser.py XTermParser.parse (via Parser.feed)",
          "gdtui/ui/driver/parser.py SafeXTermParser.feed"),
    Patch("input-key-order",
          "Input's editing keys (Backspace, Delete, arrows, Ctrl+U) run as bindings once the key "
          "has bubbled up to the App, a character at once in the Input: Backspace x3 and 2.7 in "
          "one read leave 1.0 as it was",
          "textual/app.py App._on_key with textual/widgets/_input.py Input._on_key",
          "gdtui/ui/widgets/field.py Field._on_key"),
    Patch("partial-update-renders-box",
          "a partial update renders every widget in the bounding box of the dirty regions, all "
          "of its lines in the box, and sends only the dirty lines: a step that changes the "
          "top and the bottom line renders the whole screen",
          "textual/_compositor.py Compositor.render_partial_update, _render_chops",
          "gdtui/ui/driver/compositor.py LineCompositor (gdtui's lesson screens)"),
    Patch("refresh-wakes-widget",
          "Widget.refresh prompts the widget, whose own task must wake to post the Update "
          "that puts it on its screen's next frame: one task wake a refreshed widget, five "
          "or six a lesson step, before the frame can start",
          "textual/widget.py Widget.refresh, Widget._on_idle",
          "gdtui/ui/driver/refresh.py RefreshesAtOnce (gdtui's PartWidget)"),
    Patch("dismiss-pops-top",
          "Screen.dismiss pops whatever screen is on top, not the one dismissed",
          "textual/screen.py Screen.dismiss",
          "gdtui/ui/screens/dismiss.py DismissesItself.dismiss"),
    Patch("stale-resize",
          "a screen lays itself out at the size each Resize names, and a layout that changes "
          "its region posts it a Resize of that size: a stale size queued after the current "
          "one wins, or two sizes alternate at 60 Hz for ever",
          "textual/screen.py Screen._on_resize, Screen._refresh_layout",
          "gdtui/ui/screens/terminal_size.py SizedByTerminal (every gdtui screen)"),
)

# The upstream code that gdtui copies or whose private order it relies on,
# with the sha256 of its source (inspect.getsource) in the version above:
# tests/app/test_textual_canaries.py fails when any of it changes.
UPSTREAM_SOURCES = {
    "textual.drivers.linux_driver:LinuxDriver.run_input_thread":
        "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c",
    "textual.drivers.linux_driver:LinuxDriver.disable_input":
        "6154c5a7c1743fe9dd03887bbfaf63e4c55ab314c8e8cc9077e85ba125551a04",
    "textual.drivers.linux_driver:LinuxDriver._get_terminal_size":
        "7e80e59356c609c4e64f96f3009a0379883901b45615d72dc060a2d678551ed8",
    "textual.drivers.linux_driver:LinuxDriver.stop_application_mode":
        "9a7e99c8d4bdbd3bee8d728aabb4427712defa4b56d752c8ed83188e61015460",
    "textual.app:App._process_messages":
        "7934609529be85befa7fd40b9f41e9268e8097c37d1f7d3c237ca1d66452b4f4",
    "textual._compositor:Compositor.render_partial_update":
        "888dccc892d8ecc28bab71d9bf3a2983109bf88252471634214a586416d5dbc5",
    "textual._compositor:Compositor._render_chops":
        "ca8c3359d7afd0171bda158ab5b846fec5144539e438de5113d76f11eb357f0f",
    "textual._compositor:Compositor._get_renders":
        "8ac93299aa5d3bef43b3924a9d09741de8855d9c4823502bcf304fbd8fd40f17",
    "textual.widget:Widget.refresh":
        "b1ce3392c9c00870fa744516644d43a6caae532946100b9879b0b65538b5522d",
    "textual.widget:Widget._check_refresh":
        "ad1c8196be9747bff64e8e37a934439fcfd8160ed02c5127660989428d5711a6",
    "textual.widget:Widget._on_idle":
        "dcb1c9d1e74be9b2cb62c9a500af4889051a768bb7b61c9a6c1bdcd5b8640db4",
    "textual._xterm_parser:XTermParser.parse":
        "a5834ad1def86544712d43abd7e32d5cc4949a8896cabdde4dd8566df36e89b5",
    "textual._xterm_parser:XTermParser.parse_mouse_code":
        "ceae22ff03d195e9251a09881d486178623a004d957fbd83009912f4683b8428",
    "textual._xterm_parser:XTermParser._sequence_to_key_events":
        "00dfe99846edc6bec4e0cc1cae7cb954aed7e8ca82d60e3a2b97c6d6b18f7de6",
}


@functools.cache
def installed() -> str:
    """The running Textual's version. textual.__version__ asks importlib.metadata,
    whose import costs ~20 ms of every start; the dist-info beside the package
    names it too."""
    found = list(Path(textual.__file__).parent.parent.glob("textual-*.dist-info"))
    if len(found) == 1:
        return found[0].name.removeprefix("textual-").removesuffix(".dist-info")
    return textual.__version__  # an unusual install: ask the slow way


def patched(version: str | None = None) -> bool:
    """Whether gdtui's work-arounds apply to this Textual (the running one by default)."""
    version = installed() if version is None else version
    return all(version in patch.versions for patch in PATCHES)


def fallback_line(version: str | None = None) -> str | None:
    """The one line said when the work-arounds are off, else None."""
    version = installed() if version is None else version
    if patched(version):
        return None
    written_for = sorted({v for patch in PATCHES for v in patch.versions})
    return (f"gdtui: Textual {version} is not the {', '.join(written_for)} its work-arounds "
            f"were written for; ran on Textual's own driver")
