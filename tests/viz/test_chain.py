"""The worked chain, the wrapping of Chinese text, --ascii, and the one number
formatter: rendered into a plain Console and read as text."""

import io

import numpy as np
import pytest
from rich.cells import cell_len
from rich.console import Console

from gdtui.engine import gradient_step, hot_cold_step
from gdtui.text.i18n import TEXT
from gdtui.viz.ascii import AsciiOnly, to_ascii
from gdtui.viz.chain import Chain, ChainInput
from gdtui.viz.numbers import compact_number, fmt
from gdtui.viz.wrap import NO_LINE_START, wrap

WORDS = {key: entry["en"] for key, entry in TEXT.items()}


def render(renderable, width=100, ascii_only=False) -> list[str]:
    file = io.StringIO()
    console = Console(file=file, width=width, color_system=None, legacy_windows=False)
    console.print(AsciiOnly(renderable) if ascii_only else renderable)
    return file.getvalue().rstrip("\n").split("\n")


def chain_of(step, **extra) -> Chain:
    outputs, inputs = step.weights.shape
    return Chain(ChainInput(
        rule=step.rule, x=step.input, goal=step.goal, weights=step.weights, alpha=step.alpha,
        input_labels=[f"in{j}" for j in range(inputs)],
        output_labels=[f"out{i}" for i in range(outputs)], words=WORDS, pred=step.pred,
        delta=step.delta, error=step.error, weight_delta=step.weight_delta,
        weights_after=step.weights_after, up_error=step.up_error, down_error=step.down_error,
        slope=2 * float(step.weight_delta[0, 0]), frozen=step.frozen, **extra,
    ))


def test_one_weight_reads_as_the_book_with_this_steps_numbers():
    step = gradient_step(np.array([[0.6952]]), np.array([1.1]), np.array([0.8]), 1.0)
    lines = [line.strip() for line in render(chain_of(step))]
    assert "pred         = input × weight = 1.1 × 0.6952 = 0.76472" in lines
    assert "delta        = pred − goal = 0.76472 − 0.8 = −0.03528" in lines
    assert "error        = delta² = (−0.03528)² = 0.0012446784" in lines
    assert "weight_delta = delta × input = −0.03528 × 1.1 = −0.038808" in lines
    assert "d error / d weight = 2 × delta × input = 2 × weight_delta = −0.077616" in lines
    # What changed is marked by a glyph, not by colour alone.
    assert "▶ weight       = weight − alpha × weight_delta = 0.6952 − 1 × −0.038808 = 0.734008" \
        in [line.rstrip() for line in render(chain_of(step))]


def test_a_long_line_puts_its_numbers_under_the_formula_instead_of_cutting_them():
    step = gradient_step(np.array([[0.734008]]), np.array([1.1]), np.array([0.8]), 1.0)
    lines = render(chain_of(step), width=78)
    assert all(cell_len(line) <= 78 for line in lines)
    text = "\n".join(lines)
    assert "= 0.734008 − 1 × 0.00814968 = 0.72585832" in text and "…" not in text


def test_several_inputs_one_delta_a_bar_each_and_the_frozen_one_zero():
    weights, x = np.array([[0.1, 0.2, -0.1]]), np.array([8.5, 0.65, 1.2])
    frozen = np.array([[True, False, False]])
    step = gradient_step(weights, x, np.array([1.0]), 0.3, frozen)
    lines = render(chain_of(step, selected=(0, 1)), width=100)
    text = "\n".join(lines)
    assert "pred = Σ input×weight = 8.5×0.1 + 0.65×0.2 + 1.2×−0.1 = 0.86" in text
    rows = {line[2:].split()[1]: line for line in lines if line[2:4] in ("a ", "b ", "c ")}
    assert "frozen: weight_delta = 0" in rows["in0"] and not rows["in0"].startswith("▶")
    assert rows["in1"].startswith("▶") and "−0.14×0.65 = −0.091" in rows["in1"]
    # |weight_delta| bars: #fans' (0.168) longer than %win's (0.091).
    assert rows["in2"].count("█") > rows["in1"].count("█") > 0


def test_hot_cold_shows_both_probes_and_the_move():
    step = hot_cold_step(np.array([[0.5]]), np.array([0.5]), np.array([0.8]), 0.001)
    text = "\n".join(render(chain_of(step, step_amount=0.001)))
    assert "up_error" in text and "down_error" in text
    assert "up_error < down_error → weight + step_amount = 0.5 + 0.001 = 0.501" in text


# (what, weight, input): hot-cold's probes read unequal whenever they are
HOT_COLD_PROBES = [
    ("far from the goal", 0.5, 0.5),
    ("at the goal after 1,100 steps", 1.5999999999999344, 0.5),
    ("one step before it", 1.6009999999999343, 0.5),
    ("input 0: a true tie", 0.5, 0.0),
]


@pytest.mark.parametrize("what, weight, x", HOT_COLD_PROBES, ids=[p[0] for p in HOT_COLD_PROBES])
def test_hot_cold_probes_read_unequal_when_they_differ(what, weight, x):
    step = hot_cold_step(np.array([[weight]]), np.array([x]), np.array([0.8]), 0.001)
    lines = render(chain_of(step, step_amount=0.001), width=120)
    shown = {line[2:].split()[0]: line.rsplit("= ", 1)[1] for line in lines
             if line[2:].split()[0] in ("up_error", "down_error") and "(input" in line}
    up, down = shown["up_error"], shown["down_error"]
    assert (up == down) == (step.up_error == step.down_error)
    assert float(up) == pytest.approx(step.up_error, rel=1e-7)
    move = next(line for line in lines if "→" in line)
    if step.up_error < step.down_error:
        assert "up_error < down_error" in move and float(up) < float(down)
    elif step.down_error < step.up_error:
        assert "down_error < up_error" in move and float(down) < float(up)
    else:
        assert "<" not in move


def test_before_the_first_step_the_results_are_question_marks():
    chain = Chain(ChainInput(
        rule="gradient", x=np.array([1.1]), goal=np.array([0.8]), weights=np.array([[0.0]]),
        alpha=1.0, input_labels=["input"], output_labels=["pred"], words=WORDS,
    ))
    text = "\n".join(render(chain))
    assert "pred         = input × weight = 1.1 × 0 = ?" in text and "▶" not in text


@pytest.mark.parametrize("shape", [(1, 1), (1, 3), (3, 1), (3, 3), (5, 7)])
def test_every_shape_renders_within_the_width_and_in_ascii(shape):
    rng = np.random.default_rng(7)
    weights, x, goal = rng.normal(size=shape), rng.normal(size=shape[1]), rng.normal(size=shape[0])
    step = gradient_step(weights, x, goal, 0.01)
    for width in (60, 80, 120):
        assert all(cell_len(line) <= width for line in render(chain_of(step), width))
        assert all(line.isascii() for line in render(chain_of(step), width, ascii_only=True))


def test_overflow_reads_inf_or_nan_the_same_everywhere():
    step = gradient_step(np.array([[1e200]]), np.array([1e200]), np.array([0.8]), 1.0)
    text = "\n".join(render(chain_of(step)))
    assert "inf" in text
    for value in (step.pred[0], step.error[0], step.weights_after[0, 0]):
        assert fmt(value) in ("inf", "-inf", "nan")


@pytest.mark.parametrize("value, text", [
    (1e-12, "1e-12"), (-0.003, "-0.003"), (5905.3, "5905.3"), (0.64, "0.64"),
    (float("inf"), "inf"), (float("nan"), "nan"), (0.0, "0"),
])
def test_one_formatter_keeps_significant_digits(value, text):
    assert fmt(value) == text
    assert compact_number(value) in (text, fmt(value, 2), f"{value:.0f}")


CHINESE = ("误差随权重变化的曲线是一个 U 形:谷底就是恰好预测出目标的权重。当前权重处的斜率(导数)"
           "告诉我们哪边是下坡、有多陡;离谷底越远越陡,步子也就越大。看那个点一步步滑向谷底。"
           "更新之前先把 weight_delta 乘以 alpha(0 到 1 之间的数)。alpha 取 0.1 时,同样")


@pytest.mark.parametrize("width", range(16, 81))
def test_chinese_wraps_by_display_width_and_no_line_starts_with_closing_punctuation(width):
    lines = wrap(CHINESE, width)
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line and line[0] in NO_LINE_START for line in lines), lines
    assert "".join(lines).replace(" ", "") == CHINESE.replace(" ", "")


def test_to_ascii_keeps_every_column():
    for text in ("w 0.6952→0.734 · error 0.00124→5.49e-05", "▶ a × −0.1 ²", "误差 U"):
        assert to_ascii(text).isascii() and cell_len(to_ascii(text)) == cell_len(text)
