"""measure-error's picture of squaring: a big miss counts far more than a
small one, and misses either way never cancel (issue 20)."""

import numpy as np
import pytest
from rich.cells import cell_len

from gdtui.engine import compare_step
from gdtui.text.i18n import TEXT
from gdtui.viz.chain import Chain, ChainInput
from gdtui.viz.squaring import BAR, bar

from test_chain import render

WORDS = {lang: {key: entry[lang] for key, entry in TEXT.items()} for lang in ("en", "zh")}


def chain(weight, lang="en", stepped=True):
    x, goal, w = np.array([0.5]), np.array([0.8]), np.array([[weight]])
    common = dict(rule="compare", x=x, goal=goal, weights=w, alpha=1.0, input_labels=["input"],
                  output_labels=["pred"], words=WORDS[lang])
    if not stepped:
        return Chain(ChainInput(**common))
    step = compare_step(w, x, goal)
    return Chain(ChainInput(**common, pred=step.pred, delta=step.delta, error=step.error))


@pytest.mark.parametrize("error, cells", [(0.0, 0), (0.01, 1 / 8 * 2), (0.3025, 4.84), (1.0, BAR),
                                          (2420.0, BAR)])
def test_bars_are_errors_on_one_scale(error, cells):
    drawn = bar(error, ascii_only=False)
    full = drawn.count("█") + (1 if drawn and drawn[-1] != "█" else 0)
    assert abs(full - cells) <= 1 and cell_len(drawn) <= BAR
    assert (drawn == "") == (error == 0)  # anything above 0 shows a sliver


@pytest.mark.parametrize("weight, miss, error, total", [
    (0.5, "0.55", "0.3025", "0.605"),   # the book's step
    (2.7, "0.55", "0.3025", "0.605"),   # the other side: the same miss, the same error
    (1.6, "0", "0", "0"),               # at the goal
    (100.0, "49.2", "2420.64", "4841"),  # far off: the bar stops at the screen's scale
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_this_steps_miss_sits_between_the_books_two(weight, miss, error, total, lang):
    lines = render(chain(weight, lang), width=78)
    assert all(cell_len(line) <= 78 and "…" not in line for line in lines)
    text = "\n".join(lines)
    word = WORDS[lang]["sq_miss"]
    assert f"{word} 0.1 " in text and "error 0.01 " in text
    this = next(line for line in lines if WORDS[lang]["sq_this"] in line)
    assert f"{word} {miss} " in this and f"error {error}" in this
    big = next(line for line in lines if WORDS[lang]["sq_ratio"] in line)
    assert big.count("█") == BAR and "error 1 " in big
    cancel = next(line for line in lines if "+ " in line and "0" in line and ("deltas" in line or "delta" in line))
    assert f"+{miss}" in cancel and f"−{miss}" in cancel and cancel.rstrip().endswith(f"= {total}")


def test_before_the_step_the_picture_is_there_with_question_marks():
    before, after = render(chain(0.5, stepped=False), 78), render(chain(0.5), 78)
    assert len(before) == len(after)  # nothing moves when Space measures
    assert any("miss ?" in line for line in before) and any("+?" in line for line in before)
    assert any("miss 1 " in line for line in before)


def test_ascii_draws_the_bars_with_hashes():
    lines = render(chain(0.5), 78, ascii_only=True)
    assert all(line.isascii() for line in lines)
    assert any("#" * BAR in line for line in lines)
