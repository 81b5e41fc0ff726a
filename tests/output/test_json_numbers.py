"""JSON Lines of big networks spell their numbers with orjson (fast) and must
read exactly as Python's repr would have written them."""

import io
import json

import numpy as np
import pytest

from gdtui.output.jsonl import float_rows, json_line, running_accuracies, step_record, write_json

from test_batches import labelled_trainer

RNG = np.random.default_rng(20261126)
FINITE_BITS = RNG.integers(0, 2**63, size=60_000, dtype=np.uint64).view(np.float64)

FAMILIES = {
    # every exponent a float64 has, from random bit patterns
    "random bits": FINITE_BITS[np.isfinite(FINITE_BITS)][:50_000],
    "log-uniform": np.exp(RNG.uniform(-700, 700, 50_000)) * RNG.choice([-1, 1], 50_000),
    # where repr changes spelling: below 1e-4 and from 1e16 on
    "around 1e-4": np.concatenate([np.linspace(9.99e-5, 1.001e-4, 50),
                                   [1e-4, np.nextafter(1e-4, 0)] * 25]),
    "around 1e16": np.concatenate([np.linspace(9.99e15, 1.001e16, 50),
                                   [1e16, np.nextafter(1e16, 0)] * 25]),
    "zeros and signs": np.array([0.0, -0.0, 1.0, -1.0, 0.5, -2.5] * 10),
    "extremes": np.array([5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                          -1.7976931348623157e308, 2.0**53, 2.0**53 + 2, 0.1, 1 / 3] * 4),
    "MNIST-sized": RNG.normal(0, 0.3, 10_000) ** 5,
}


@pytest.mark.parametrize("values", FAMILIES.values(), ids=FAMILIES.keys())
@pytest.mark.parametrize("columns", [1, 10])
def test_float_rows_spell_every_number_as_repr(values, columns):
    rows = values[: values.size // columns * columns].reshape(-1, columns)
    expected = [", ".join(map(repr, row)) for row in rows.tolist()]
    assert float_rows(rows) == expected


def test_written_from_the_ring_arrays_equals_one_record_per_step():
    trainer = labelled_trainer()
    trainer.run(400)
    assert trainer.history.in_place  # the fast path
    out = io.StringIO()
    write_json(trainer, 1, 400, out)
    accuracies = running_accuracies(trainer, 1, 400)
    expected = [json_line(step_record(trainer.history.step(n), accuracy=a)) + "\n"
                for n, a in zip(range(1, 401), accuracies)]
    assert out.getvalue().splitlines(keepends=True) == expected
    assert all(json.loads(line)["step"] == n for n, line in enumerate(expected, 1))


def test_an_unlabelled_big_network_too():
    """A lesson file's own big network: no labels, so no label/guess fields."""
    from gdtui.lessons.lesson import Lesson, build

    rng = np.random.default_rng(3)
    lesson = build(Lesson(id="big", title="big", notes={"en": "-", "zh": "-"}, weights=0.0,
                          inputs=rng.uniform(0, 1, (7, 300)).tolist(),
                          goals=rng.uniform(0, 1, (7, 20)).tolist(), alpha=0.0001))
    trainer = lesson.trainer()
    trainer.run(50)
    assert trainer.history.in_place
    out = io.StringIO()
    write_json(trainer, 1, 50, out)
    expected = [json_line(step_record(trainer.history.step(n))) + "\n" for n in range(1, 51)]
    assert out.getvalue().splitlines(keepends=True) == expected
    assert "label" not in expected[0]
