"""The key events the app tier's press sends (conftest.press_when_handled),
in a module of its own so test files import it by name: `from conftest
import ...` finds whichever conftest was imported first (tests/serve's, when
both folders are collected in that order)."""

import unicodedata

from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, key_to_character
from textual.pilot import Pilot

TEXTUAL_PRESS = Pilot.press  # Textual's own, before conftest's fixture replaces it


def key_event(key: str) -> events.Key:
    """The event Pilot.press sends for `key` (its naming rules, Textual 8.2.8,
    from public names only; test_key_events_are_the_ones_pilot_sends)."""
    if len(key) == 1 and not key.isalnum():  # a character: Textual names it
        name = unicodedata.name(key, "").lower().replace("-", "_").replace(" ", "_")
        name = name or {"\t": "tab"}.get(key, key)
        return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)
    return events.Key(key, key_to_character(REPLACED_KEYS.get(key, key)))
