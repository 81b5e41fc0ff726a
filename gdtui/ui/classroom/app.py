"""The instructor's live view: who is where, who is stuck and why, which slips
the class makes; Enter, w, m, M, k and s (the spotlight: spotlight.py) act on
the highlighted learner.

The data comes from gdtui.classroom.live (the store, read-only, and the
server's socket), looked at every LOOK_EVERY seconds in a thread; the
screen only draws what the last look found.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from gdtui.classroom.live import ClassLive, Look
from gdtui.classroom.model import slip_meaning as describe
from gdtui.classroom.rules import Thresholds
from gdtui.text import charset
from gdtui.text.safe import visible
from gdtui.ui.classroom.modals import AnswersScreen, ConfirmScreen, MessageScreen
from gdtui.ui.classroom.watch import WatchScreen
from gdtui.ui.language import SwitchesLanguage
from gdtui.ui.palette import open_palette
from gdtui.ui.screens.terminal_size import TerminalScreen
from gdtui.ui.widgets.field import CapsPastes

LOOK_EVERY = 2.0  # seconds
WIDE = 110  # columns from which the table says why a learner is stuck


class LearnerTable(DataTable):
    # Enter shows the learner's answers (RowSelected), and the footer says so.
    BINDINGS = [Binding("enter", "select_cursor", "Answers")]


class Looked(Message):
    def __init__(self, look: Look) -> None:
        super().__init__()
        self.look = look


def ago(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds:.0f}s"
    if seconds < 3600:
        return f"{seconds / 60:.0f}m"
    return f"{seconds / 3600:.0f}h"


def clock(at: float | None) -> str:
    return datetime.fromtimestamp(at).strftime("%H:%M") if at else ""


STATUS_STYLE = {"stuck": "bold red", "idle": "yellow", "active": "green", "offline": "dim"}


class ClassApp(SwitchesLanguage, CapsPastes, App):
    TITLE = "gdtui class"
    CSS_PATH = "../app.tcss"  # the lesson screen's layout, for present mode
    CSS = """
    #head { height: 1; background: $panel; padding: 0 1; }
    #problems { height: auto; max-height: 2; color: $warning; padding: 0 1; }
    #learners { height: 1fr; }
    #why { height: 1; padding: 0 1; color: $text-muted; }
    #slips-title { height: 1; padding: 0 1; background: $panel; }
    #slips { height: auto; max-height: 7; }
    """
    BINDINGS = [
        Binding("w", "watch", "Watch"),
        Binding("m", "message", "Message"),
        Binding("M", "message_all", "To all"),
        Binding("k", "end_session", "End"),
        Binding("s", "spotlight", "Spotlight"),
        Binding("P", "present", "Present"),
        Binding("q", "quit", "Quit", show=False),  # (the footer has room for the rest at 80)
        # While presenting: the lesson's keys, as a learner's ? shows them (gdtui.ui.keys)
        Binding("question_mark", "help", "Keys", show=False),
    ]

    def __init__(self, state_dir: Path, thresholds: Thresholds = Thresholds(),
                 look_every: float = LOOK_EVERY, presenter: str | None = None,
                 scenarios: list[str] | None = None,
                 terminal: charset.Terminal | None = None) -> None:
        super().__init__()
        from gdtui.ui.app import default_lang

        # What the lesson screen asks of its app, for present mode. A terminal
        # that is not UTF-8 (gdtui.text.charset) gets ASCII only and English.
        self.terminal = terminal or charset.this_terminal()
        utf8 = self.terminal.utf8
        self.lang, self.ascii_only, self.served = default_lang() if utf8 else "en", not utf8, True
        self.presenter = presenter or _login()
        self.scenarios = scenarios
        self._catalog = None
        self.sender = None  # present.Sender, from the first lesson presented
        self.state_dir = Path(state_dir)
        self.live = ClassLive(self.state_dir, thresholds)
        self.thresholds = thresholds
        self.look_every = look_every
        self.look: Look | None = None
        self.wide: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("gdtui class: looking…"), id="head")
        yield Static(id="problems")
        yield LearnerTable(id="learners", cursor_type="row", zebra_stripes=True)
        yield Static(id="why")
        yield Static(Text(f"named slips, last {self.thresholds.slip_window / 60:g} minutes"),
                     id="slips-title")
        yield DataTable(id="slips", cursor_type="none", show_cursor=False)
        yield Footer(compact=True)  # every key but q fits 80 columns

    def get_default_screen(self) -> TerminalScreen:  # the roster's screen
        return TerminalScreen(id="_default")

    def on_mount(self) -> None:
        slips = self.query_one("#slips", DataTable)
        slips.add_columns("slip", "lesson", "learners", "answers", "what it means")
        self.take_look()
        self.set_interval(self.look_every, self.take_look)

    @work(thread=True, exclusive=True, group="look")
    def take_look(self) -> None:
        self.post_message(Looked(self.live.look()))

    # -- drawing what was found ------------------------------------------------------
    def _columns(self, table: DataTable) -> None:
        wide = self.size.width >= WIDE
        if wide == self.wide:
            return
        self.wide = wide
        table.clear(columns=True)
        names = ["learner", "status", "lesson", "step", "ex", "pred", "str", "key", "in"]
        if wide:
            names.append("why")
        table.add_columns(*names)

    @on(Looked)
    def draw(self, message: Looked) -> None:
        look = self.look = message.look
        try:
            table = self.query_one("#learners", DataTable)
        except NoMatches:  # a look that came back as the app closed, its widgets gone
            return
        self._columns(table)
        chosen = self.chosen()
        table.clear()
        now = time.time()
        for row in look.roster:
            status = row["status"] if row["status"] != "stuck" else f"stuck: {row['stuck']}"
            cells = [
                Text(visible(row["user"])),
                Text(status, style=STATUS_STYLE[row["status"]]),
                Text(visible(row["lesson"] or ("(list)" if row["connected"] else ""))),
                "" if row["step"] is None else str(row["step"]),
                "" if not row["exercises_total"] else f"{row['exercises_done']}/{row['exercises_total']}",
                f"{row['predict_right']}/{row['predict_asked']}" if row["predict_asked"] else "",
                str(row["streak"]) if row["streak"] else "",
                ago(row["idle_s"]) if row["connected"] else "",
                clock(row["since"]) if row["connected"] else "gone " + ago(
                    now - row["last_seen"] if row["last_seen"] else None),
            ]
            if self.wide:
                cells.append(Text(visible(row["why"])))
            table.add_row(*cells, key=row["user"])
        names = [row["user"] for row in look.roster]
        if chosen in names:
            table.move_cursor(row=names.index(chosen), animate=False)
        connected = sum(r["connected"] for r in look.roster)
        stuck = sum(r["status"] == "stuck" for r in look.roster)
        head = Text(f"gdtui class · {connected} connected · ")
        head.append(f"{stuck} stuck", style="bold red" if stuck else "")
        head.append(f" · {visible(str(self.state_dir))}")
        self.query_one("#head", Static).update(head)
        problems = self.query_one("#problems", Static)
        problems.update(Text("\n".join(visible(p) for p in look.problems)))
        problems.display = bool(look.problems)
        slips = self.query_one("#slips", DataTable)
        slips.clear()
        for slip in look.slips[:20]:
            slips.add_row(visible(slip["slip"]), visible(slip["lesson"]), str(slip["learners"]),
                          str(slip["answers"]), describe(slip["slip"]))
        if not look.slips:
            slips.add_row("(none)", "", "", "", "")
        self.show_why()

    def chosen(self) -> str | None:
        """The highlighted learner's name."""
        table = self.query_one("#learners", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:  # the table is empty or being refilled
            return None

    @on(DataTable.RowHighlighted, "#learners")
    def show_why(self) -> None:
        name, why = self.chosen(), ""
        for row in (self.look.roster if self.look else []):
            if row["user"] == name:
                why = f"{visible(name)}: {visible(row['why'] or row['status'])}"
                if row["stuck"] == "same slip":
                    why += f" ({describe(row['why'].split()[0])})"
        self.query_one("#why", Static).update(Text(why))

    def on_resize(self) -> None:
        if self.look is not None:
            self.post_message(Looked(self.look))

    # -- keys -------------------------------------------------------------------------
    def _connected(self, name: str | None) -> bool:
        rows = self.look.roster if self.look else []
        return any(r["user"] == name and r["connected"] for r in rows)

    @on(DataTable.RowSelected, "#learners")
    def action_answers(self) -> None:
        name = self.chosen()
        if name is not None:
            self.push_screen(AnswersScreen(name, self.live.answers(name)))

    def action_watch(self) -> None:
        name = self.chosen()
        if name is None:
            return
        if not self._connected(name):
            self.notify(f"{visible(name)} is not connected", markup=False)
            return
        self.push_screen(WatchScreen(self.state_dir, name))

    def action_message(self) -> None:
        name = self.chosen()
        if name is not None and self._connected(name):
            self.push_screen(MessageScreen(name), lambda text: self.send(text, name))
        elif name is not None:
            self.notify(f"{visible(name)} is not connected", markup=False)

    def action_message_all(self) -> None:
        self.push_screen(MessageScreen(None), lambda text: self.send(text, None))

    def action_end_session(self) -> None:
        name = self.chosen()
        if name is not None and self._connected(name):
            self.push_screen(ConfirmScreen(f"End {visible(name)}'s session? Their work is kept."),
                             lambda yes: yes and self.request({"op": "end", "user": name}))

    # -- present mode (present.py) ------------------------------------------------------
    @property
    def catalog(self):
        if self._catalog is None:
            from gdtui.lessons.loader import load_catalog

            self._catalog = load_catalog(self.scenarios)
        return self._catalog

    def action_command_palette(self) -> None:
        open_palette(self)

    def action_help(self) -> None:
        from gdtui.ui.screens.help import HelpScreen, screen_of

        under = screen_of(self.screen)
        if under is not None:  # (the roster's own keys are on its footer)
            self.push_screen(HelpScreen(under))

    def action_present(self) -> None:
        from gdtui.ui.classroom.present import PresentListScreen

        self.push_screen(PresentListScreen(self.catalog))

    def open_lesson(self, lesson_id: str) -> None:
        """Present this lesson (Enter in the list, or > and < while presenting)."""
        from gdtui.ui.classroom.present import PresentingScreen, PresentListScreen, Sender

        lesson = self.catalog.lessons[lesson_id]
        if lesson.is_image_lesson:
            self.notify(f"{visible(lesson_id)} cannot be presented (its data set is too big "
                        "to follow)", severity="warning", markup=False)
            return
        while isinstance(self.screen, (PresentingScreen, PresentListScreen)):
            if isinstance(self.screen, PresentingScreen):
                self.screen.replaced = True
            self.pop_screen()
        self.push_screen(PresentingScreen(lesson, self.present_state))

    def present_state(self, state: dict | None) -> None:
        self.class_request({"op": "present", "state": state, "by": self.presenter})

    def class_request(self, message: dict, reply=None) -> None:
        """A request after the states sent before it (the class poll's);
        reply(answer or None) runs on the app's loop."""
        from gdtui.ui.classroom.present import Sender

        def back(answer) -> None:
            try:
                self.call_from_thread(reply, answer)
            except RuntimeError:  # the view has closed: nobody to tell
                pass

        if self.sender is None:  # one thread, in order, for presenting and the spotlight
            self.sender = Sender(self.state_dir, lambda line: self.call_from_thread(
                self.notify, visible(line), severity="error", markup=False))
        self.sender.send(message, back if reply is not None else None)

    # -- the spotlight (spotlight.py) ----------------------------------------------------
    def action_spotlight(self) -> None:
        """s: the highlighted learner's lesson, shown to the rest of the class."""
        from gdtui.ui.classroom.spotlight import SpotlightScreen

        if len(self.screen_stack) > 1:  # the key is the class view's own
            return
        name = self.chosen()
        if name is None:
            self.notify("no learner is highlighted: the spotlight shows a connected "
                        "learner's lesson", severity="warning", markup=False)
            return
        if not self._connected(name):
            self.notify(f"{visible(name)} is not connected", severity="warning", markup=False)
            return

        def started(answer: dict | None) -> None:  # None: the server said why (a notice)
            if answer is not None:
                self.push_screen(SpotlightScreen(name, answer, self.class_request))

        self.notify(f"asking {visible(name)}'s app for their lesson…", timeout=3, markup=False)
        self.class_request({"op": "spotlight", "user": name, "by": self.presenter}, started)

    def send(self, text: str | None, to: str | None) -> None:
        if text:
            self.request({"op": "say", "text": text, "user": to})

    @work(thread=True, group="request")
    def request(self, message: dict) -> None:
        from gdtui.classroom import client

        try:
            answer = client.request(self.state_dir, message)
        except client.NoServer as exc:
            self.notify(visible(str(exc)), severity="error", markup=False)
            return
        if not answer.get("ok"):
            self.notify(visible(str(answer.get("error"))), severity="error", markup=False)
        elif message["op"] == "say":
            self.notify(f"sent to {answer.get('sent', 0)} learner(s)", markup=False)
        else:
            self.notify(f"ended {answer.get('ended', 0)} session(s)", markup=False)
        self.take_look()


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "the instructor"


def run_class_view(state_dir: Path, thresholds: Thresholds, presenter: str | None = None,
                   scenarios: list[str] | None = None, served: bool = False) -> NoReturn:
    """served: on an instructor's pty, started by gdtui serve (the terminal's
    character set is the client's: gdtui.text.charset)."""
    from gdtui.ui.app import launch
    from gdtui.ui.leave import leave

    app = ClassApp(state_dir, thresholds, presenter=presenter, scenarios=scenarios,
                   terminal=charset.this_terminal(served))
    code = launch(app)  # as the learners' app runs: gdtui's driver (ASCII only included)
    if app.sender is not None:  # presenting's end still goes out
        app.sender.close()
        app.sender.join(5)
    leave(code)
