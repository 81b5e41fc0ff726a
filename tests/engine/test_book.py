"""Every lesson's numbers equal the book's, in book and json formats."""

import json

import pytest

from book_loops import BOOK, multi_io
from cli_support import run_gdtui
from gdtui.output.book import book_lines
from gdtui.output.run import run_steps


def book_output(lesson):
    trainer = lesson.trainer()
    lines = []
    for step in run_steps(trainer, lesson.steps):
        lines += book_lines(lesson, step, trainer)
    return lines


@pytest.mark.parametrize("lesson_id", list(BOOK))
def test_book_format_equals_the_books_own_loops(catalog, lesson_id):
    assert book_output(catalog.lessons[lesson_id]) == BOOK[lesson_id]()


def test_every_builtin_lesson_has_a_reference(catalog):
    assert set(catalog.lessons) - {"mnist"} == set(BOOK)


# Numbers printed in the seed (Grokking Deep Learning, chapter 4-5 notes).
SEED_LEARNING_STEPS = """\
Error:0.6400000000000001 Prediction:0.0 Weight_Delta:-0.8800000000000001
Error:0.02822400000000005 Prediction:0.9680000000000002 Weight_Delta:0.1848000000000002
Error:0.0012446784000000064 Prediction:0.76472 Weight_Delta:-0.0388080000000001
Error:5.4890317439999896e-05 Prediction:0.8074088 Weight_Delta:0.008149679999999992"""

SEED_EXPLOSION_FIRST_4 = """\
Error:0.03999999999999998 Prediction:1.0 Weight_Delta:0.3999999999999999
Error:0.3599999999999998 Prediction:0.20000000000000018 Weight_Delta:-1.1999999999999997
Error:3.2399999999999984 Prediction:2.5999999999999996 Weight_Delta:3.599999999999999
Error:29.159999999999986 Prediction:-4.599999999999999 Weight_Delta:-10.799999999999997"""

SEED_ALPHA_FIX = """\
Error:0.03999999999999998 Prediction:1.0
Error:0.0144 Prediction:0.92
Error:0.005183999999999993 Prediction:0.872
Error:0.0018662400000000014 Prediction:0.8432000000000001
Error:0.0006718464000000028 Prediction:0.8259200000000001
Error:0.00024186470400000033 Prediction:0.815552
Error:8.70712934399997e-05 Prediction:0.8093312
Error:3.134566563839939e-05 Prediction:0.80559872
Error:1.1284439629823931e-05 Prediction:0.803359232
Error:4.062398266736526e-06 Prediction:0.8020155392
Error:1.4624633760252567e-06 Prediction:0.8012093235200001
Error:5.264868153690924e-07 Prediction:0.8007255941120001
Error:1.8953525353291194e-07 Prediction:0.8004353564672001
Error:6.82326912718715e-08 Prediction:0.8002612138803201
Error:2.456376885786678e-08 Prediction:0.8001567283281921
Error:8.842956788836216e-09 Prediction:0.8000940369969153
Error:3.1834644439835434e-09 Prediction:0.8000564221981492
Error:1.1460471998340758e-09 Prediction:0.8000338533188895
Error:4.125769919393652e-10 Prediction:0.8000203119913337
Error:1.485277170987127e-10 Prediction:0.8000121871948003"""

SEED_FROZEN = """\
Iteration:1
Pred:0.8600000000000001
Error:0.01959999999999997
Delta:-0.1399999999999999
Weights:[0.1, 0.2, -0.1]
Weight_Deltas:
[0, -0.09099999999999994, -0.16799999999999987]

Iteration:2
Pred:0.9382250000000001
Error:0.003816150624999989
Delta:-0.06177499999999991
Weights:[0.1, 0.2273, -0.04960000000000005]
Weight_Deltas:
[0, -0.040153749999999946, -0.07412999999999989]

Iteration:3
Pred:0.97274178125
Error:0.000743010489422852
Delta:-0.027258218750000007
Weights:[0.1, 0.239346125, -0.02736100000000008]
Weight_Deltas:
[0, -0.017717842187500006, -0.032709862500000006]
"""


def test_seed_numbers_learning_steps(catalog):
    assert book_output(catalog.lessons["learning-steps"]) == SEED_LEARNING_STEPS.splitlines()


def test_seed_numbers_explosion(catalog):
    assert book_output(catalog.lessons["explosion"])[:4] == SEED_EXPLOSION_FIRST_4.splitlines()


def test_seed_numbers_alpha_fix(catalog):
    assert book_output(catalog.lessons["alpha-fix"]) == SEED_ALPHA_FIX.splitlines()


def test_seed_numbers_frozen_weight(catalog):
    assert book_output(catalog.lessons["frozen-weight"]) == SEED_FROZEN.split("\n")


def test_hot_cold_ends_where_the_book_ends(catalog):
    lines = book_output(catalog.lessons["hot-cold"])
    assert len(lines) == 1101
    assert lines[0] == "Error:0.30250000000000005 Prediction:0.25"
    assert lines[-1] == "Error:1.0799505792475652e-27 Prediction:0.7999999999999672"


def test_measure_error_prints_the_error(catalog):
    assert book_output(catalog.lessons["measure-error"]) == ["0.30250000000000005"]


def json_steps(*args):
    result = run_gdtui("run", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_json_frozen_weight_iteration_3():
    records = json_steps("frozen-weight")
    assert [r["step"] for r in records] == [1, 2, 3]
    assert records[2]["weights"] == [[0.1, 0.239346125, -0.02736100000000008]]
    assert records[2]["weight_delta"] == [[0.0, -0.017717842187500006, -0.032709862500000006]]
    assert records[2]["pred"] == [0.97274178125]
    assert records[1]["weights_after"] == records[2]["weights"]


def test_json_learning_steps_and_alpha_fix():
    assert json_steps("learning-steps")[3]["error"] == [5.4890317439999896e-05]
    assert json_steps("alpha-fix")[19]["pred"] == [0.8000121871948003]


def test_json_multi_io_matches_the_book():
    _, weights_after = multi_io()
    record = json_steps("multi-io")[0]
    assert record["weights_after"] == weights_after
    assert set(record) == {
        "step", "weights", "pred", "error", "delta", "weight_delta", "weights_after"
    }


def test_json_hot_cold_has_probes():
    records = json_steps("hot-cold", "--steps", "2")
    first = records[0]
    assert first["up_error"] == (0.8 - 0.5 * (0.5 + 0.001)) ** 2
    assert first["down_error"] == (0.8 - 0.5 * (0.5 - 0.001)) ** 2
    assert first["weights_after"] == [[0.5 + 0.001]]


def test_json_weights_of_every_lesson_match_book_loops(catalog):
    """The json pred/error of each one-weight lesson equal the reference lines."""
    for lesson_id in ("direction-amount", "reducing-error", "explosion", "alpha-fix"):
        lines = BOOK[lesson_id]()
        for record, line in zip(json_steps(lesson_id), lines):
            error, pred = line.split()[:2]
            assert repr(record["error"][0]) == error.removeprefix("Error:")
            assert repr(record["pred"][0]) == pred.removeprefix("Prediction:")
