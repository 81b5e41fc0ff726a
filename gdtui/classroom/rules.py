"""When a learner is stuck: four named rules, each with its threshold.

    no tick    keys are pressed, but no exercise was ticked for 8 minutes
    same slip  the same named slip 3 answers in a row
    diverging  the run diverged twice in one lesson without alpha changing
    no key     connected, but no key for 5 minutes

The first that fires is the learner's status; otherwise idle (no key for a
minute) or active. Thresholds come from `gdtui class` flags.
"""

from __future__ import annotations

from dataclasses import dataclass

# `v` below is a gdtui.classroom.model.LearnerView, not imported: model imports this module.


@dataclass(frozen=True)
class Thresholds:
    no_tick: float = 8 * 60  # seconds without a tick while keys are pressed
    same_slip: int = 3  # answers in a row with one named slip
    diverged: int = 2  # divergences in one lesson without an alpha change
    no_key: float = 5 * 60  # seconds without a key while connected
    idle: float = 60  # seconds without a key: idle (and no longer "pressing keys")
    slip_window: float = 15 * 60  # the class's slips panel looks this far back


def no_tick(v: LearnerView, t: Thresholds, now: float) -> str | None:
    lesson = v.lesson_state
    if not v.connected or v.idle_s >= t.idle or lesson is None or not lesson.total:
        return None
    if v.exercises_done >= lesson.total:
        return None
    since = max(x for x in (lesson.last_tick_at, lesson.opened_at, v.since) if x is not None)
    minutes = (now - since) / 60
    if now - since >= t.no_tick:
        return f"no exercise ticked for {minutes:.0f} min"
    return None


def same_slip(v: LearnerView, t: Thresholds, now: float) -> str | None:
    recent = v.answers[-t.same_slip:]
    if len(recent) < t.same_slip:
        return None
    slips = {a.slip for a in recent}
    if len(slips) == 1 and None not in slips:
        return f"{recent[-1].slip} {t.same_slip} times in a row"
    return None


def diverging(v: LearnerView, t: Thresholds, now: float) -> str | None:
    lesson = v.lesson_state
    if lesson is not None and lesson.diverged_since_alpha >= t.diverged:
        return f"diverged {lesson.diverged_since_alpha} times at alpha {lesson.alpha_text}"
    return None


def no_key(v: LearnerView, t: Thresholds, now: float) -> str | None:
    if v.connected and v.idle_s >= t.no_key:
        return f"no key for {v.idle_s / 60:.0f} min"
    return None


# In the order they are tried: what a helper can act on first.
RULES = {"same slip": same_slip, "diverging": diverging, "no tick": no_tick, "no key": no_key}


def status(v: LearnerView, t: Thresholds, now: float) -> tuple[str, str | None, str]:
    """(status, the rule that fired or None, why) for one learner."""
    if not v.connected:
        return "offline", None, ""
    for name, rule in RULES.items():
        why = rule(v, t, now)
        if why:
            return "stuck", name, why
    if v.idle_s >= t.idle:
        return "idle", None, f"no key for {v.idle_s:.0f} s"
    return "active", None, ""
