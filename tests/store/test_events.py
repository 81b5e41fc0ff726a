"""Events as the channel carries them: what comes back is what went in, and
anything else a learner's process might send is refused."""

from __future__ import annotations

import math

import pytest

from gdtui.serve.channel import MAX_LINE, LEARNER_SAYS, Lines, encode
from gdtui.store.events import KINDS, Event, from_json

GOOD = [
    Event("open", "learning-steps", step=0, total=2, alpha=1.0),
    Event("answer", "learning-steps", step=3, quantity="pred", answer=-0.5, truth=0.7,
          verdict="wrong", slip="sign", streak=0),
    Event("answer", "explosion", step=326, quantity="error", answer=1e300, verdict="wrong",
          streak=0),  # truth overflowed: None
    Event("tick", "[/]", step=1, exercise="\x1b]0;x\x07"),  # names are data, shown escaped
    Event("untick", "a"),
    Event("alpha", "alpha-fix", step=9, alpha=0.1, old_alpha=1.0),
    Event("diverged", "explosion", step=4),
    Event("step", "x", step=10**15),
    Event("leave", "x", step=0),
]


@pytest.mark.parametrize("event", GOOD, ids=lambda e: e.kind)
def test_an_event_comes_back_as_it_went(event):
    assert from_json(event.to_json()) == event


BAD = {
    "not an object": [1, 2],
    "no kind": {"lesson": "x"},
    "an unknown kind": {"kind": "sudo"},
    "a field of another kind": {"kind": "open", "slip": "sign"},
    "an unknown field": {"kind": "answer", "password": "x"},
    "a long lesson": {"kind": "open", "lesson": "x" * 101},
    "an empty lesson": {"kind": "open", "lesson": ""},
    "a lesson not text": {"kind": "open", "lesson": 7},
    "a str subclass": {"kind": "open", "lesson": type("S", (str,), {})("x")},
    "a negative step": {"kind": "step", "step": -1},
    "a huge step": {"kind": "step", "step": 10**16},
    "a bool step": {"kind": "step", "step": True},
    "a float step": {"kind": "step", "step": 1.5},
    "an infinite answer": {"kind": "answer", "answer": math.inf},
    "a nan truth": {"kind": "answer", "truth": math.nan},
    "a text answer": {"kind": "answer", "answer": "1"},
    "an unknown verdict": {"kind": "answer", "verdict": "great"},
    "a long note": {"kind": "login", "note": "x" * 301},
    # what JSON's "\udcff" gives: the store (UTF-8) cannot hold it
    "a lone surrogate in the lesson": {"kind": "open", "lesson": "bad\udcffname"},
    "a lone surrogate in an exercise": {"kind": "tick", "lesson": "x", "exercise": "\ud800"},
    "a lone surrogate in a slip": {"kind": "answer", "lesson": "x", "slip": "s\udfff"},
    "a lone surrogate in a note": {"kind": "login", "note": "\udc80"},
}


@pytest.mark.parametrize("case", BAD)
def test_what_is_not_an_event_is_refused(case):
    with pytest.raises(ValueError):
        from_json(BAD[case])


def test_every_kind_is_known_to_the_store():
    from gdtui.store.schema import EVENT_COLUMNS

    assert all(fields <= set(EVENT_COLUMNS) for fields in KINDS.values())


def test_channel_lines_whole_messages_only():
    lines = Lines(LEARNER_SAYS)
    data = encode({"t": "log", "text": "a\nb"}) + encode({"t": "event", "event": {"kind": "x"}})
    out = [m for k in range(len(data)) for m in lines.feed(data[k:k + 1])]  # a byte at a time
    assert [m["t"] for m in out] == ["log", "event"] and out[0]["text"] == "a\nb"
    bad = (b"not json\n" + b"[1]\n" + encode({"t": "hello"}) + b"{" * 100_000 + b"\n"
           + b"x" * (MAX_LINE + 10) + b"tail\n" + encode({"t": "log", "text": "after"}))
    assert [m["text"] for m in lines.feed(bad)] == ["after"]
    assert lines.bad == 5
