"""`?`: every key, in one place, in the app's language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gdtui.practice import predict
from gdtui.text.i18n import HELP
from gdtui.ui.keys import help_rows, spelled_key
from gdtui.ui.language import say
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.viz.ascii import spelled
from gdtui.ui.screens.dismiss import DismissesItself

# Predict mode's tolerances, as the judge uses them (never retyped in the text).
TOLERANCES = {
    "right": f"{predict.RELATIVE * 100:g}", "absolute": f"{predict.ABSOLUTE:g}",
    "close": f"{predict.CLOSE_RELATIVE * 100:g}", "close_absolute": f"{predict.CLOSE_ABSOLUTE:g}",
    "step_right": f"{predict.STEP_RIGHT * 100:g}", "step_close": f"{predict.STEP_CLOSE * 100:g}",
}


def help_text(help: str, lang: str) -> str:
    what = HELP[help]
    return what.get(lang, what["en"]).format(**TOLERANCES)


def keys_of(screen: str | None, lang: str = "en", served: bool = False) -> list[tuple[str, str]]:
    """(key, what it does) for `screen` (None: every key), as the help shows them."""
    return [
        (k.shown, help_text(k.help, lang)) for k in help_rows(screen)
        # served: a class's keys (F), not those a shared server does not allow (s: files)
        if k.when != ("local" if served else "served")
    ]


def keys_table(lang: str = "en", served: bool = False, ascii_only: bool = False,
               screen: str | None = None) -> Table:
    """The keys of `screen` and what each does; in ASCII spelled as ASCII
    reads it, and L is English only (Chinese needs Unicode)."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    # fold: Rich wraps Chinese a character at a time and can leave a line one
    # cell too long, which the default overflow would cut with an ellipsis
    table.add_column(overflow="fold")
    for key, text in keys_of(screen, lang, served):
        if ascii_only:
            key, text = spelled(spelled_key(key, True)), ("English only: Chinese needs Unicode" if key == "L" else spelled(text))
        table.add_row(key, text)
    return table


def screen_of(screen) -> str | None:
    """Which keys the help under `screen` shows: its KEYS_OF (a screen of
    gdtui.ui.keys), or None for all of them."""
    return getattr(screen, "KEYS_OF", None)


class HelpScreen(DismissesItself, SizedByTerminal, ModalScreen[None]):
    """The keys of the screen it was opened over (`under`: gdtui.ui.keys)."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, under: str | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        with VerticalScroll():
            yield Static(Text(say(self.app, "help_title"), style="bold"))
            yield Static(keys_table(lang, getattr(self.app, "served", False),
                                    getattr(self.app, "ascii_only", False), self.under))

    def action_close(self) -> None:
        self.dismiss(None)
