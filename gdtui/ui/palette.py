"""The command palette (Ctrl+P), minus a way keys crash it in Textual 8.2.8.

PageUp / PageDown with the list hidden or not laid out yet (just opened, or
after a search that found nothing) raised KeyError in
textual/widgets/_option_list.py, OptionList._move_page: it looks the
highlighted option up in a line map that is only built once the list has a
size. Here those keys move a page only when the list has one, and do
nothing before that (Down opens the list). Upstream: OptionList.action_page_down
/ action_page_up need a guard for an empty scrollable region (patch
palette-page-keys in gdtui/ui/driver/versions.py: on another Textual the app
opens Textual's own palette).

Messages queued for it before it went are dropped: two Enters in one read
dismissed it twice (the second popped the screen under it, and the next,
until ScreenStackError), and text typed in the same read as Enter started a
search after it had gone, whose results found no CommandList (NoMatches, in
CommandPalette._watch__list_visible). It also dismisses only itself
(screens/dismiss.py).
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.widgets import Input, OptionList

from gdtui.ui.driver.versions import patched
from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal


class GuardedCommandPalette(DismissesItself, SizedByTerminal, CommandPalette):
    BINDINGS = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        for commands in self.query(CommandList):  # none while the palette closes
            if commands.scrollable_content_region and commands.option_count:
                if direction > 0:
                    commands.action_page_down()
                else:
                    commands.action_page_up()

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def drop_if_gone(self, message: Message) -> None:
        # Runs before CommandPalette's own handlers (a subclass's come first).
        if self.app.screen is not self:
            message.prevent_default()  # CommandPalette's handlers do not run
            message.stop()


class PagedOptionList(OptionList):
    """An OptionList whose PageUp / PageDown wait until it has a size (the
    same KeyError, in the class view's list of lessons to present at a
    terminal a row high: it has no too-small notice over it)."""

    def action_page_down(self) -> None:
        if not patched() or (self.scrollable_content_region and self.option_count):
            super().action_page_down()

    def action_page_up(self) -> None:
        if not patched() or (self.scrollable_content_region and self.option_count):
            super().action_page_up()


def open_palette(app) -> None:
    """App.action_command_palette, with the palette that survives PageUp/Down
    (Textual's own on any other Textual), and one at a time: Textual only
    looks at the top screen (CommandPalette.is_open), so Ctrl+P over another
    screen over an open palette pushed a second one (DuplicateIds). Both
    apps' Ctrl+P."""
    if app.use_command_palette and not any(isinstance(s, CommandPalette) for s in app.screen_stack):
        app.push_screen((GuardedCommandPalette if patched() else CommandPalette)(id="--command-palette"))
