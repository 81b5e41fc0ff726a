"""Seeded fuzz over every field of a lesson: each field in turn (and a
value deep inside prompts and exercises) gets a random value of a random
kind. build() either gives a lesson or raises LessonError (one line naming
the field); never another exception. A lesson it gives goes through JSON,
as the loading child sends it, and comes back the same."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from gdtui.lessons.lesson import FIELDS, Lesson, LessonError, build, plain_fields

BASE = dict(id="fuzz", title="t", notes={"en": "n", "zh": "z"}, weights=[0.5, 0.25],
            input=[1.0, 2.0], goal=0.8, alpha=0.1, steps=3, predict="delta",
            prompts=[{"after": 0, "en": "x", "zh": "x"}],
            exercises=[{"id": "e", "en": "x", "zh": "x", "hint": {"en": "h", "zh": "h"},
                        "check": {"error_below": 0.01, "within": 5}}])


ARMED = []  # while build() runs: the test's own dicts may compare keys


class S(str):
    def __eq__(self, other):
        if ARMED:
            raise AssertionError("a str subclass's __eq__ ran")
        return str.__eq__(self, other)
    __hash__ = str.__hash__


class F(float):
    def __float__(self):
        raise AssertionError("a float subclass's __float__ ran")


class Liar:
    __class__ = property(lambda self: list)


def leaf(rng: np.random.Generator):
    kind = int(rng.integers(18))
    sign = 1 if rng.random() < 0.5 else -1
    return [
        lambda: int(rng.integers(-5, 60)),
        lambda: sign * 10 ** int(rng.integers(15, 6000)),  # past 2**53, a float, 4,300 digits
        lambda: float(rng.normal()) * 10.0 ** int(rng.integers(-320, 308)),
        lambda: [math.nan, math.inf, -math.inf, -0.0, 5e-324][int(rng.integers(5))],
        lambda: ["", " ", "delta", "converged", "mnist", "en", "\x1b[2J", "a\udcffb", "\u202e",
                 "x" * int(rng.integers(1000)), "[/]", "1e400", "\n"][int(rng.integers(13))],
        lambda: bool(rng.integers(2)),
        lambda: None,
        lambda: b"bytes",
        lambda: np.float64(rng.normal()),
        lambda: np.int64(rng.integers(-9, 9)),
        lambda: np.array([[1.5, 2]] * int(rng.integers(3))),
        lambda: np.array(["a"]),
        lambda: S("delta"),
        lambda: F(0.5),
        lambda: Liar(),
        lambda: {1, 2},
        lambda: object(),
        lambda: complex(1, 1),
    ][kind]()


def value(rng: np.random.Generator, depth: int = 0):
    roll = rng.random()
    if depth > 4 or roll < 0.5:
        return leaf(rng)
    size = int(rng.integers(4))
    if roll < 0.75:
        return [value(rng, depth + 1) for _ in range(size)]
    if roll < 0.85:
        return tuple(value(rng, depth + 1) for _ in range(size))
    keys = ["en", "zh", "after", "when", "id", "hint", "check", "error_below", "alpha_between",
            "within", "diverged", 3, None, (1,), S("en")]
    return {keys[int(rng.integers(len(keys)))]: value(rng, depth + 1) for _ in range(size)}


def deep(rng: np.random.Generator):
    """BASE with one value inside prompts or exercises replaced."""
    fields = json.loads(json.dumps(BASE))
    spot = [fields["prompts"][0], fields["exercises"][0], fields["exercises"][0]["hint"],
            fields["exercises"][0]["check"]][int(rng.integers(4))]
    spot[list(spot)[int(rng.integers(len(spot)))]] = value(rng)
    return fields


def cases(seed: int, count: int):
    rng = np.random.default_rng(seed)
    names = list(FIELDS)
    for _ in range(count):
        if rng.random() < 0.3:
            yield deep(rng)
        else:
            yield {**BASE, names[int(rng.integers(len(names)))]: value(rng)}


@pytest.mark.parametrize("seed", range(8))
def test_build_gives_a_lesson_or_one_line(seed):
    built = refused = 0
    for fields in cases(seed, 300):
        ARMED.append(True)
        try:
            scenario = build(Lesson(**fields))
        except LessonError as exc:
            line = str(exc)
            assert "\n" not in line and exc.field.split("[")[0] in FIELDS, line
            refused += 1
            continue
        finally:
            ARMED.clear()
        built += 1
        sent = json.loads(json.dumps(plain_fields(scenario)))  # what the child sends back
        assert plain_fields(build(Lesson(**sent))) == sent
    assert built >= 3 and refused > 100, (built, refused)
