"""Tests for the curve renderables (ErrorCurve, UCurve) and their helpers."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from rich.cells import cell_len
from rich.console import Console

from gdtui.viz.curve import ErrorCurve
from gdtui.viz.plotting import (
    Canvas,
    Scale,
    clip_segment,
    compact_number,
    line_points,
    spread_labels,
)
from gdtui.viz.ucurve import UCurve

INF, NAN = math.inf, math.nan


class AsciiFile(io.StringIO):
    """Rich derives options.ascii_only from the file's encoding (not UTF-* => ASCII)."""

    encoding = "ascii"


def render(renderable, width: int = 60, ascii_only: bool = False) -> list[str]:
    """Print with a colourless console and return the output lines."""
    file = AsciiFile() if ascii_only else io.StringIO()
    console = Console(file=file, width=width, color_system=None, legacy_windows=False)
    assert console.options.ascii_only is ascii_only
    console.print(renderable)
    return file.getvalue().rstrip("\n").split("\n")


def u_curve(**overrides) -> UCurve:
    """The chapter's example: err = (w * 1.1 - 0.8) ** 2 for w in [-0.5, 1.5]."""
    ws = np.linspace(-0.5, 1.5, 201)
    args = dict(
        ws=ws,
        errs=(ws * 1.1 - 0.8) ** 2,
        current_w=0.1,
        current_error=(0.1 * 1.1 - 0.8) ** 2,
        slope=2 * (0.1 * 1.1 - 0.8) * 1.1,
        path=[(-0.3, (-0.3 * 1.1 - 0.8) ** 2)],
        label="weight a (toes)",
    )
    args.update(overrides)
    return UCurve(**args)


def plot_column(line: str, char: str) -> int:
    """Column of ``char`` relative to the first plot column (right of the axis)."""
    axis = max(line.rfind("┤", 0, line.index(char)), line.rfind("│", 0, line.index(char)))
    return line.index(char) - axis - 1


# -- helpers -------------------------------------------------------------------


def test_compact_number_examples():
    assert compact_number(0.64) == "0.64"
    assert compact_number(5.5e-05) == "5.5e-05"
    assert compact_number(1.2e308) == "1.2e+308"
    assert compact_number(0) == "0"
    assert compact_number(1234) == "1234"
    assert compact_number(INF) == "inf"


def test_line_points_is_gap_free_and_hits_both_ends():
    xs, ys = line_points([0], [0], [7], [3])
    assert (xs[0], ys[0]) == (0, 0) and (xs[-1], ys[-1]) == (7, 3)
    assert np.all(np.abs(np.diff(xs)) <= 1) and np.all(np.abs(np.diff(ys)) <= 1)


def test_clip_segment_cuts_to_box_and_rejects_outside():
    assert clip_segment(-10, 5, 20, 5, 10, 10) == (0, 5, 10, 5)
    assert clip_segment(-10, -10, -5, -5, 10, 10) is None
    assert clip_segment(0, 0, INF, 1, 10, 10) is None


def test_scale_survives_extreme_range():
    scale = Scale(-1e308, 1e308, 11)
    assert scale.to_dots([1e308])[0] == pytest.approx(10)
    assert scale.to_dots([0.0])[0] == pytest.approx(5)


def test_canvas_braille_dot_and_ascii_dot():
    canvas = Canvas(2, 1)
    canvas.set_dots([0], [3])  # top-left dot of the first cell
    assert canvas.to_lines()[0].plain == "\u2801 "
    ascii_canvas = Canvas(2, 1, ascii_only=True)
    ascii_canvas.set_dots([1], [0], ascii_char="*")
    assert ascii_canvas.to_lines()[0].plain == " *"


def test_spread_labels_exact_width():
    row = spread_labels(20, "1", "step", "50", ascii_only=False)
    assert len(row) == 20 and row.startswith("1") and row.endswith("50") and "step" in row
    assert len(spread_labels(3, "-0.5", "weight", "1.5", ascii_only=True)) == 3


# -- ErrorCurve ------------------------------------------------------------------


def test_error_curve_tick_and_step_labels():
    lines = render(ErrorCurve([0.64, 0.32, 0.16, 0.0], height=8), width=40)
    assert len(lines) == 8
    assert lines[0].startswith("0.64┤")
    assert any(line.strip().startswith("0┤") for line in lines)
    assert lines[-1].split() == ["1", "step", "4"]


def test_error_curve_title_and_note():
    errors = [0.04 * 9**k for k in range(10)] + [INF] * 5
    lines = render(ErrorCurve(errors, log=True, title="Explosion", note="overflow at step 11"))
    assert lines[0].startswith("Explosion")
    assert "overflow at step 11" in lines[-1]
    assert lines[-1].split()[-1] == "15"


def test_error_curve_log_scale_labels_and_zero():
    lines = render(ErrorCurve([0.5, 0.05, 0.0, 0.005], log=True, height=6), width=40)
    text = "\n".join(lines)
    assert "0.5┤" in text
    assert "0.005┤" in text  # zero is pinned to the smallest positive error


def test_error_curve_log_scale_all_zero_and_all_nonfinite():
    assert "0┤" in "\n".join(render(ErrorCurve([0.0, 0.0], log=True)))
    assert "no finite errors" in "\n".join(render(ErrorCurve([INF, NAN], log=True)))


def test_error_curve_empty_and_single_and_flat():
    empty = render(ErrorCurve([], height=5), width=30)
    assert len(empty) == 5 and "no steps yet" in "\n".join(empty)
    single = render(ErrorCurve([0.3], height=5), width=30)
    assert "●" in "\n".join(single)
    flat = render(ErrorCurve([0.2] * 10, height=5), width=30)
    assert "0.2┤" in flat[0]
    assert "●" in flat[0]  # the flat line sits on the top row (axis starts at 0)


def test_error_curve_marks_latest_step_in_last_column():
    lines = render(ErrorCurve([1.0, 0.5, 0.25], height=6), width=30)
    marker_line = next(line for line in lines if "●" in line)
    assert marker_line.index("●") == 29


def test_error_curve_downsampling_keeps_spike():
    errors = np.full(50_000, 0.01)
    errors[31_337] = 1.0
    lines = render(ErrorCurve(errors, height=10), width=80)
    top = lines[0]
    plot = top[top.index("┤") + 1 :]
    spike_columns = [i for i, ch in enumerate(plot) if ch != " "]
    assert spike_columns, "spike vanished"
    expected = round(31_337 / 49_999 * (len(plot) * 2 - 1)) // 2
    assert min(abs(c - expected) for c in spike_columns) <= 1


def test_error_curve_is_pure():
    errors = [0.3, 0.2, 0.1]
    curve = ErrorCurve(errors)
    before = render(curve)
    errors[0] = 100.0  # the caller's list changing must not change the plot
    assert render(curve) == before


def test_error_curve_uses_console_height_when_given():
    console = Console(file=io.StringIO(), width=40, color_system=None, legacy_windows=False)
    lines = console.render_lines(ErrorCurve([1, 2, 3], height=8), console.options.update(height=5))
    assert len(lines) == 5


# -- UCurve ----------------------------------------------------------------------


def test_ucurve_caption_and_labels():
    lines = render(u_curve(frozen=True), width=70)
    assert lines[-1].strip() == "w=0.1000 err=0.4761 slope=-1.52 (frozen)"
    assert lines[-2].split()[0] == "-0.5" and lines[-2].split()[-1] == "1.5"
    assert lines[0].strip() == "weight a (toes) (frozen)"
    assert "○" in "\n".join(lines)  # the path


def test_ucurve_caption_spec_example():
    curve = UCurve([0, 1], [0, 1], 0.1, 0.0196, -2.38)
    assert curve.caption() == "w=0.1000 err=0.0196 slope=-2.38"


@pytest.mark.parametrize("w, fraction", [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)])
def test_ucurve_current_marker_column(w, fraction):
    ws = np.linspace(0.0, 1.0, 101)
    lines = render(UCurve(ws, (ws - 0.5) ** 2, w, (w - 0.5) ** 2, 2 * (w - 0.5)), width=50)
    line = next(line for line in lines if "●" in line)
    plot_cols = 50 - (line.index("┤" if "┤" in line else "│") + 1)
    expected = math.floor(fraction * (2 * plot_cols - 1) + 0.5) // 2
    assert plot_column(line, "●") == expected


def test_ucurve_current_off_plot_is_an_arrow_at_the_edge():
    right = "\n".join(render(u_curve(current_w=5.0, current_error=0.5), width=50))
    assert "▶" in right and "●" not in right
    above = "\n".join(render(u_curve(current_w=0.5, current_error=1e9), width=50))
    assert "▲" in above
    ascii_right = "\n".join(render(u_curve(current_w=5.0, current_error=0.5), 50, True))
    assert ">" in ascii_right


def test_ucurve_caption_splits_in_a_narrow_column():
    lines = render(u_curve(frozen=True), width=24)
    assert lines[-2].strip() == "w=0.1000 err=0.4761"
    assert lines[-1].strip() == "slope=-1.52 (frozen)"


def test_ucurve_tangent_tilts_with_slope():
    ws = np.linspace(-1, 1, 101)
    down = "\n".join(render(UCurve(ws, ws**2, -0.5, 0.25, -1.0, height=10), width=60))
    up = "\n".join(render(UCurve(ws, ws**2, 0.5, 0.25, 1.0, height=10), width=60))
    assert "╲" in down and "╱" in up


def test_ucurve_flat_curve():
    ws = np.linspace(-0.5, 1.5, 50)
    lines = render(UCurve(ws, np.full(50, 0.64), 0.5, 0.64, 0.0, label="b"), width=40)
    tick_lines = [line for line in lines if "┤" in line]
    assert len(tick_lines) == 1 and tick_lines[0].startswith("0.64┤")
    assert "●" in tick_lines[0] and "─" in tick_lines[0]  # point and flat tangent


def test_ucurve_huge_and_nonfinite_values():
    ws = np.linspace(-1e150, 1e150, 101)
    errs = ws**2  # up to 1e300
    errs[3] = INF
    errs[7] = NAN
    lines = render(UCurve(ws, errs, 1e149, 1e298, 2e149, [(NAN, 1.0), (1e149, INF)]), width=60)
    assert "1e+300" in "\n".join(lines)
    assert "●" in "\n".join(lines)


def test_ucurve_empty_inputs():
    lines = render(UCurve([], [], NAN, NAN, NAN), width=30)
    assert len(lines) == 8 and lines[-1].startswith("w=nan")


# -- every size, every awkward input -----------------------------------------------

AWKWARD_ERRORS = [
    [],
    [0.5],
    [0.0, 0.0],
    [INF, NAN],
    [0.2] * 5,
    [0.04 * 9.0**k for k in range(200)] + [INF] * 10,
    np.linspace(1e300, 0, 1000),
]

AWKWARD_UCURVES = [
    dict(),
    dict(current_w=9.0, current_error=-3.0, path=[(-9, 9), (9, -9)]),
    dict(current_error=INF, slope=INF),
    dict(current_w=NAN, slope=NAN, path=np.empty((0, 2))),
    dict(errs=np.full(201, 0.64), slope=0.0),
    dict(errs=np.full(201, 0.64), slope=3.0),
    dict(ws=[0.3], errs=[0.1]),
    dict(errs=np.linspace(0, 1e300, 201), current_error=5e299, slope=1e300),
]


@pytest.mark.parametrize("width, height", [(10, 3), (10, 4), (13, 5), (40, 8), (250, 80)])
@pytest.mark.parametrize("ascii_only", [False, True])
def test_every_size_renders_exact_box(width, height, ascii_only):
    renderables = [ErrorCurve(e, log=log, height=height) for e in AWKWARD_ERRORS for log in (0, 1)]
    renderables += [ErrorCurve([1, 2], title="a long title that will not fit", height=height)]
    renderables += [u_curve(height=height, **kw) for kw in AWKWARD_UCURVES]
    for renderable in renderables:
        lines = render(renderable, width, ascii_only)
        assert len(lines) == height
        assert all(cell_len(line) == width for line in lines), lines
        if ascii_only:
            assert all(line.isascii() for line in lines), lines


def test_ascii_mode_uses_ascii_glyphs():
    text = "\n".join(render(u_curve(), 60, ascii_only=True))
    assert text.isascii()
    assert "O" in text and "o" in text and "*" in text and "+" in text and "|" in text
    curve = "\n".join(render(ErrorCurve([0.04 * 9**k for k in range(30)], log=True), 60, True))
    assert curve.isascii() and "*" in curve and "O" in curve


def test_no_colour_codes_without_colour_system():
    text = "\n".join(render(u_curve()) + render(ErrorCurve([3, 2, 1])))
    assert "\x1b" not in text

