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
from gdtui.text.i18n import HELP_KEYS
from gdtui.ui.language import say
from gdtui.viz.ascii import spelled
from gdtui.ui.screens.dismiss import DismissesItself

# Keys that do something a shared server does not allow.
NOT_SERVED = {"s"}
# Predict mode's tolerances, as the judge uses them (never retyped in the text).
TOLERANCES = {
    "right": f"{predict.RELATIVE * 100:g}", "absolute": f"{predict.ABSOLUTE:g}",
    "close": f"{predict.CLOSE_RELATIVE * 100:g}", "close_absolute": f"{predict.CLOSE_ABSOLUTE:g}",
    "step_right": f"{predict.STEP_RIGHT * 100:g}", "step_close": f"{predict.STEP_CLOSE * 100:g}",
}


def help_text(what: dict[str, str], lang: str) -> str:
    return what.get(lang, what["en"]).format(**TOLERANCES)


# (key, what it does) in English, as the help shows them.
KEYS = [(key, help_text(what, "en")) for key, what in HELP_KEYS]


def keys_table(lang: str = "en", served: bool = False, ascii_only: bool = False) -> Table:
    """The keys and what each does; in ASCII spelled as ASCII reads it, and L
    is English only (Chinese needs Unicode)."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in HELP_KEYS:
        if served and key in NOT_SERVED:
            continue
        text = help_text(what, lang)
        if ascii_only:
            key, text = spelled(key), ("English only: Chinese needs Unicode" if key == "L" else spelled(text))
        table.add_row(key, text)
    return table


class HelpScreen(DismissesItself, ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        with VerticalScroll():
            yield Static(Text(say(self.app, "help_title"), style="bold"))
            yield Static(keys_table(lang, getattr(self.app, "served", False),
                                    getattr(self.app, "ascii_only", False)))

    def action_close(self) -> None:
        self.dismiss(None)
