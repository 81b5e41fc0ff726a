"""The collector runs between keys (gdtui.ui.collector), on a clock and a
collector of our own: no wall-clock waits, and pytest's own collector is
never switched off."""

import pytest

from gdtui.ui import collector as module
from gdtui.ui.collector import EVERY, FULL_EVERY, LIMIT, QUIET, QuietCollector


class FakeGc:
    def __init__(self, waiting: int) -> None:
        self.waiting, self.collected = waiting, []

    def get_count(self):
        return self.waiting, 0, 0

    def get_threshold(self):
        return 700, 10, 10

    def collect(self, generation):
        self.collected.append(generation)
        self.waiting = 0


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    return now


# (objects waiting, seconds since the last key, collected?)
CASES = [
    (10_000, QUIET + 0.01, True),  # the learner is reading: collected
    (10_000, QUIET / 3, False),  # keys coming: left for the pause
    (699, 10.0, False),  # too little waiting to be worth a collection
    (LIMIT, 0.0, True),  # a key held down: collected anyway once this much waits
    (LIMIT - 1, 0.0, False),
]


@pytest.mark.parametrize("waiting, since_key, collected", CASES)
def test_collects_only_in_a_pause(monkeypatch, clock, waiting, since_key, collected):
    fake = FakeGc(waiting)
    monkeypatch.setattr(module, "gc", fake)
    quiet = QuietCollector()
    quiet.keyed()
    clock[0] += since_key
    quiet.tick()
    assert bool(fake.collected) == collected


def test_every_so_often_all_generations(monkeypatch, clock):
    fake = FakeGc(0)
    monkeypatch.setattr(module, "gc", fake)
    quiet = QuietCollector()
    for _ in range(2 * FULL_EVERY):
        fake.waiting = 5_000
        clock[0] += EVERY
        quiet.tick()
    assert fake.collected.count(2) == 2 and fake.collected.count(1) == 2 * FULL_EVERY - 2


def test_held_keys_never_grow_past_the_limit(monkeypatch, clock):
    """A key every 10 ms for a minute, 400 objects left each: collected
    whenever LIMIT waits, so never more than LIMIT plus one tick's worth."""
    fake = FakeGc(0)
    monkeypatch.setattr(module, "gc", fake)
    quiet = QuietCollector()
    most, next_tick = 0, clock[0] + EVERY
    for _ in range(6000):
        clock[0] += 0.01
        quiet.keyed()
        fake.waiting += 400
        if clock[0] >= next_tick:
            quiet.tick()
            next_tick += EVERY
        most = max(most, fake.waiting)
    assert fake.collected and most <= LIMIT + 400 * round(EVERY / 0.01) + 400
