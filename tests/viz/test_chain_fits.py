"""The chain at 80 columns (78 cells inside the padding): every goal shown
beside its pred, and nothing a learner is taught cut off (issue 20: multi-io
cut the new weight, `= 0.20…`; multi-input cut its header, `weight_…`)."""

import numpy as np
import pytest
from rich.cells import cell_len

from gdtui.lessons.loader import load_catalog
from gdtui.text.i18n import TEXT
from gdtui.viz.chain import Chain, ChainInput
from gdtui.viz.numbers import fmt

from test_chain import render

CATALOG = load_catalog(use_env=False)
LESSONS = ["multi-input", "frozen-weight", "multi-output", "multi-io"]
WIDTH = 78


def chains(lesson_id, lang, steps=4):
    """(step, selected, Chain) for each of the lesson's first steps and weights."""
    lesson = CATALOG.lessons[lesson_id]
    words = {key: entry[lang] for key, entry in TEXT.items()}
    trainer = lesson.trainer()
    outputs, inputs = lesson.weights.shape
    for _ in range(steps):
        trainer.step()
        last = trainer.last
        for row in range(outputs):
            for col in range(inputs):
                yield last, (row, col), Chain(ChainInput(
                    rule=last.rule, x=last.input, goal=last.goal, weights=last.weights,
                    alpha=last.alpha, input_labels=lesson.input_labels,
                    output_labels=lesson.output_labels, words=words, pred=last.pred,
                    delta=last.delta, error=last.error, weight_delta=last.weight_delta,
                    weights_after=last.weights_after, frozen=last.frozen, selected=(row, col),
                ))


@pytest.mark.parametrize("lesson_id", LESSONS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_is_cut_at_80_columns(lesson_id, lang):
    for step, selected, chain in chains(lesson_id, lang):
        lines = render(chain, WIDTH)
        assert all(cell_len(line) <= WIDTH for line in lines)
        assert not any("…" in line for line in lines), (step.number, selected, lines)


@pytest.mark.parametrize("lesson_id", ["multi-output", "multi-io"])
@pytest.mark.parametrize("width", [WIDTH, 118])
def test_every_goal_is_beside_its_pred(lesson_id, width):
    lesson = CATALOG.lessons[lesson_id]
    for step, selected, chain in chains(lesson_id, "en", steps=2):
        lines = render(chain, width)
        header = next((line.split() for line in lines if line.split()[:2] == ["output", "pred"]), None)
        for i, label in enumerate(lesson.output_labels):
            row = next(line for line in lines if line[2:].split()[:1] == [label])
            words = row[2:].split()
            if header:  # multi-output: a goal column
                goal_at = header.index("goal")
                assert words[goal_at] == fmt(step.goal[i], 5) and header[goal_at - 1] == "pred", row
            else:  # multi-io: pred = the sum = pred, then the goal
                pred = fmt(step.pred[i], 4).replace("-", "−")
                assert words[words.index("goal") - 1] == pred, row
                assert fmt(step.goal[i], 3) in row[row.index("goal"):row.index("error")], row


@pytest.mark.parametrize("selected", [(r, c) for r in range(3) for c in range(3)])
def test_multi_io_shows_the_selected_weights_new_value_whole(selected):
    for step, chosen, chain in chains("multi-io", "en"):
        if chosen != selected:
            continue
        line = next(line for line in render(chain, WIDTH) if "alpha" in line and "=" in line)
        after = fmt(step.weights_after[selected], 4).replace("-", "−")
        assert line.rstrip().endswith(f"= {after}"), line
        assert "weight − alpha×weight_delta" in line  # the book's formula stays at 80 columns


def test_multi_input_header_names_the_update_whole():
    for _, _, chain in chains("multi-input", "en", steps=1):
        header = next(line for line in render(chain, WIDTH) if "weight_delta = delta×input" in line)
        assert header.rstrip().endswith("weight − alpha×weight_delta")
        assert "|weight_delta|" in next(
            line for line in render(chain, 118) if "weight_delta = delta×input" in line)
