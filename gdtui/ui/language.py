"""L, English / Chinese, for both apps (the learners' and the class view's,
whose present mode draws the lesson screen): the app needs `lang`,
`ascii_only` and `terminal` (gdtui.text.charset.Terminal). What the app says
goes through `say` and `notify`, spelled for an ASCII-only terminal."""

from __future__ import annotations

from gdtui.text.i18n import tr
from gdtui.text.safe import visible
from gdtui.viz.ascii import spelled
from gdtui.viz.plotting import shorten

LOCALE_SHOWN = 32  # cells: the longest locale name a notice repeats (sr_RS.UTF-8@latin is 17)


def say(app, key: str, **values) -> str:
    """`key`'s text in `app`'s language, for its terminal (in ASCII, each
    glyph spelled as ASCII reads it: `→` is `->`)."""
    return for_terminal(app, tr(key, getattr(app, "lang", "en"), **values))


def for_terminal(app, text: str) -> str:
    return spelled(text) if getattr(app, "ascii_only", False) else text


class SwitchesLanguage:

    def notify(self, message, *args, **kwargs):
        """A notice, spelled for an ASCII-only terminal before Textual wraps it."""
        if self.ascii_only and isinstance(message, str):
            message = spelled(message)
        return super().notify(message, *args, **kwargs)

    def chinese_refused(self) -> str | None:
        """Why this terminal cannot show Chinese, in one line (None: it can)."""
        if self.terminal.utf8:
            return tr("msg_no_chinese_ascii", self.lang) if self.ascii_only else None
        if self.terminal.locale is None:
            return tr("msg_no_chinese_unset", self.lang)
        return tr("msg_no_chinese", self.lang, locale=self.locale_shown())

    def ascii_said(self) -> str:
        """Why the app draws in ASCII on this terminal, in one line."""
        if self.terminal.locale is None:
            return tr("msg_ascii_unset", self.lang)
        return tr("msg_ascii", self.lang, locale=self.locale_shown())

    def locale_shown(self) -> str:
        """The terminal's locale as its notices name it: escaped, and cut to
        LOCALE_SHOWN cells (LANG is the client's to set, at any length)."""
        return shorten(visible(self.terminal.locale), LOCALE_SHOWN, ascii_only=True)

    def switch_lang(self) -> str:
        """L: English / Chinese; the language's name, for the status line.
        Where the terminal cannot show Chinese, '' there: the reason is a
        notice, which wraps (the status line would cut it at 80 columns), and
        the only one on screen."""
        refused = self.chinese_refused() if self.lang == "en" else None
        if refused:
            self.clear_notifications()
            self.notify(refused, severity="warning", timeout=10)
            return ""
        self.lang = "zh" if self.lang == "en" else "en"
        return tr("msg_lang", self.lang)
