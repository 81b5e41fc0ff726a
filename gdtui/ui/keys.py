"""Every key, once: what it is bound to, where, and how the footers and `?`
help name it. The screens' BINDINGS, the key bars and the help are all read
from KEYS, so a key cannot be bound and left unnamed, or named and unbound.

A row is one line of help. `named` says which footers name it: 1 always,
2, 3, … the order the lesson footer fills its spare room in (the MNIST and
list footers wrap, so they name every key they list).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding

from gdtui.text.i18n import tr
from gdtui.ui.slider import SHIFT
from gdtui.viz.glyphs import glyphs

# The screens a key works on.
LESSON, MNIST, LIST, APP = "lesson", "mnist", "list", "app"
SESSION = frozenset({LESSON, MNIST})
# The instructor's presenting screen is the lesson screen with keys of its own
# (gdtui.ui.classroom.present): its rows replace the lesson's of the same name.
PRESENT = "present"
EXTENDS = {PRESENT: LESSON}


@dataclass(frozen=True)
class Key:
    shown: str  # as a footer and the help name it ("Space", "[ ]")
    word: str  # the footer's word: a key of gdtui.text.i18n ("" for none)
    help: str  # the help's line: a key of gdtui.text.i18n.HELP
    where: frozenset[str]  # the screens it works on (help shows those)
    binds: tuple[tuple[str, str], ...] = ()  # (Textual key names, action); () when bound elsewhere
    named: dict[str, int] = field(default_factory=dict)  # footer -> rank (see above)
    when: str = ""  # only then: "alpha", "weights", "predicting" (key_bar), "served", "local" (help)
    priority: bool = True  # over a focused widget's own keys


def _one(where) -> frozenset[str]:
    return frozenset({where}) if isinstance(where, str) else frozenset(where)


def key(shown, word, help, where, *binds, named=None, when="", priority=True) -> Key:
    return Key(shown, word, help, _one(where), tuple(binds), dict(named or {}), when, priority)


KEYS: list[Key] = [
    key("Enter", "k_open", "h_open", LIST, named={LIST: 1}),  # (the list's own)
    key("Space", "k_step", "h_step", SESSION, ("space", "step"), named={LESSON: 1, MNIST: 1}),
    key("b", "k_back", "h_back", SESSION, ("b", "back"), named={LESSON: 1, MNIST: 1}),
    key("r", "k_run", "h_run", SESSION, ("r", "run"), named={LESSON: 1, MNIST: 1}),
    key("+ -", "k_speed", "h_speed", SESSION, ("plus,equals_sign", "faster(1)"),
        ("minus", "faster(-1)"), named={MNIST: 1}),
    key("E", "k_pass", "h_pass", MNIST, ("E", "epoch"), named={MNIST: 1}),
    key("m", "k_maps", "h_maps", MNIST, ("m", "page('maps')"), named={MNIST: 1}),
    key("d", "k_dot", "h_dot", MNIST, ("d", "page('dot')"), named={MNIST: 1}),
    # (MNIST's e, f and l do less than the lesson's, and its help says so)
    key("e", "k_edit", "h_edit", LESSON, ("e", "edit"), named={LESSON: 1}),
    key("e", "k_edit", "h_edit_mnist", MNIST, ("e", "edit"), named={MNIST: 1}),
    key("[ ]", "k_alpha", "h_alpha", LESSON, ("left_square_bracket", "alpha(-1)"),
        ("right_square_bracket", "alpha(1)"), named={LESSON: 3}, when="alpha"),
    # The slider (gdtui.ui.slider): the selected weight along its U, no step taken.
    key(", .", "k_slide", "h_slide", LESSON, ("comma", "slide(-1)"), ("full_stop", "slide(1)"),
        named={LESSON: 4}),
    key("< >", "", "h_slide_far", LESSON, ("less_than_sign", f"slide(-{SHIFT})"),
        ("greater_than_sign", f"slide({SHIFT})")),
    # (MNIST: the same keys say in one line why there is no slider)
    key(", . < >", "", "h_no_slide", MNIST, ("comma", "slide(-1)"), ("full_stop", "slide(1)"),
        ("less_than_sign", f"slide(-{SHIFT})"), ("greater_than_sign", f"slide({SHIFT})")),
    key("h", "k_history", "h_history", LESSON, ("h", "history"), named={LESSON: 5}),
    key("n", "k_note", "h_note", SESSION, ("n", "note"), named={LESSON: 6}),
    key("N P", "k_next", "h_next", SESSION, ("N", "lesson(1)"), ("P", "lesson(-1)"), named={LESSON: 7}),
    key("l", "k_log", "h_log", LESSON, ("l", "log"), named={LESSON: 8}),
    key("l", "k_log", "h_log_mnist", MNIST, ("l", "log"), named={MNIST: 1}),
    key("←→", "k_weight", "h_select", LESSON, ("left", "select(-1)"), ("right", "select(1)"),
        named={LESSON: 9}, when="weights"),
    key("←→", "k_digit", "h_digit", MNIST, ("left", "select(-1)"), ("right", "select(1)"),
        named={MNIST: 1}),
    key("f", "k_freeze", "h_freeze", LESSON, ("f", "freeze"), named={LESSON: 10}, when="weights"),
    key("f", "k_freeze", "h_freeze_mnist", MNIST, ("f", "freeze"), named={MNIST: 1}, when="weights"),
    key("0", "k_reset", "h_reset", SESSION, ("0", "reset"), named={LESSON: 11, MNIST: 1}),
    key("B", "", "h_restart", SESSION, ("B", "restart")),
    key("p", "k_predict", "h_predict", SESSION, ("p", "predict"), named={LESSON: 12, MNIST: 1}),
    key("Tab", "", "h_tab", SESSION),  # (the predict box's own: gdtui.ui.screens.predict)
    # Predicting, the fade comes before all but the essentials.
    key("w", "k_fade", "h_fade", LESSON, ("w", "fade"), named={LESSON: 2}, when="predicting"),
    key("p", "k_poll", "h_poll", PRESENT, ("p", "poll"), named={PRESENT: 2}),
    key("Tab", "", "h_poll_quantity", PRESENT, ("tab", "next_quantity")),
    key("1 … 9", "", "h_explain", LESSON, *[(str(k), f"explain({k})") for k in range(1, 10)]),
    key("i", "", "h_hint", SESSION, ("i", "hint")),
    key("x", "", "h_next_exercise", SESSION, ("x", "next_exercise")),
    key("X", "", "h_exercises_again", SESSION, ("X", "reset_exercises")),
    key("L", "k_lang", "h_lang", SESSION, ("L", "lang"), named={MNIST: 1}),
    key("s", "k_save", "h_save", SESSION, ("s", "save"), named={MNIST: 1}, when="local"),
    key("Escape", "", "h_lessons", SESSION, ("escape", "lessons"), priority=False),
    key("F", "", "h_follow", APP, ("F", "toggle_follow"), when="served", priority=False),
    key("?", "k_keys", "h_help", APP, ("question_mark", "help"), named={LESSON: 1, MNIST: 1, LIST: 1}),
    key("^p", "k_palette", "h_palette", {LIST, LESSON, MNIST}, named={LIST: 1}),  # (Textual's)
    key("q", "k_quit", "h_quit", APP, ("q", "quit"), ("ctrl+c", "quit"),
        named={LESSON: 1, MNIST: 1, LIST: 1}),
]


def spelled_key(shown: str, ascii_only: bool) -> str:
    """A key as this terminal names it: the arrows are `<- ->` in ASCII."""
    return glyphs(ascii_only)["select"] if shown == "←→" else shown


def rows_of(screen: str) -> list[Key]:
    """The keys that work on `screen` (its own, and those of the screen it
    EXTENDS that it does not replace), in the table's order."""
    base = EXTENDS.get(screen)
    own = {k.shown for k in KEYS if screen in k.where}
    return [k for k in KEYS if screen in k.where or (base in k.where and k.shown not in own)]


def rank(k: Key, footer: str) -> int | None:
    """Where `footer` names `k` (see the module's docstring), or None."""
    return k.named.get(footer, k.named.get(EXTENDS.get(footer, ""), None))


def bindings(screen: str) -> list[Binding]:
    """The BINDINGS of `screen` (LESSON and MNIST both: SESSION)."""
    where = SESSION if screen == "session" else _one(screen)
    return [
        # (the description is what Textual's own keys panel would say)
        Binding(keys, action, tr(k.word, "en") if k.word else k.shown, show=False, priority=k.priority)
        for k in KEYS if k.where == where for keys, action in k.binds
    ]


def named(footer: str) -> list[Key]:
    """The keys `footer` names, in the table's order."""
    rows = rows_of(footer)
    return [k for k in KEYS if (k in rows or APP in k.where) and rank(k, footer) is not None]


def help_rows(screen: str | None) -> list[Key]:
    """The help's rows for `screen` (None: every key), in the table's order."""
    if screen is None:
        return list(KEYS)
    shown = rows_of(screen)
    return [k for k in KEYS if k in shown or APP in k.where]
