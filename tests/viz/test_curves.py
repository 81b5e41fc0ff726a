"""Tests for the curve renderables (ErrorCurve, UCurve) and their helpers."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style

from gdtui.viz.curve import ErrorCurve, steady_span
from gdtui.viz.plotting import (
    Canvas,
    Scale,
    clip_segment,
    line_points,
    round_dot,
    round_dots,
    spread_labels,
)
from gdtui.viz import plotting
from gdtui.viz.numbers import compact_number
from gdtui.viz.ucurve import UCurve, nice_ceil, start_window, steady_window

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
    err = lambda w: (w * 1.1 - 0.8) ** 2  # noqa: E731
    args = dict(
        ws=ws,
        errs=err(ws),
        before=(0.1, err(0.1)),
        after=(0.87, err(0.87)),
        slope=2 * (0.1 * 1.1 - 0.8) * 1.1,
        path=[(-0.1, err(-0.1))],
        title="a: toes",
        caption=["w 0.1→0.87 · error 0.476→0.0108"],
        window=(-0.5, 1.5, 2.0),
        bottom=0.8 / 1.1,
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


@pytest.mark.parametrize("written, shown", [
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("a\rb", "a\\rb"), ("a\x07b", "a\\x07b"), ("a\x9bb", "a\\x9bb"),
    ("a\u202eb", "a\\u202eb"),
])
def test_canvas_rows_never_carry_control_codes(written, shown):
    """A canvas row is not a Text (plotting.Row): nothing looks at it after
    the canvas, so what is written on it is shown escaped there."""
    canvas = Canvas(12, 1)
    canvas.write(0, 0, written)
    (row,) = canvas.to_lines()
    assert row.plain.rstrip() == shown


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


def test_ucurve_title_caption_and_labels():
    lines = render(u_curve(), width=70)
    assert lines[0].strip() == "a: toes"
    assert lines[-1].strip() == "w 0.1→0.87 · error 0.476→0.0108"
    assert lines[-2].split()[0] == "-0.5" and lines[-2].split()[-1] == "1.5"
    text = "\n".join(lines)
    for glyph in "●◆○▿":  # before, after, the path, the bottom
        assert glyph in text, glyph


def test_ucurve_error_axis_starts_at_zero_and_tops_at_the_window():
    lines = render(u_curve(), width=60)
    ticks = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    assert ticks[0] == "2" and ticks[-1] == "0"


def test_ucurve_caption_splits_at_the_dot_in_a_narrow_column():
    lines = render(u_curve(height=12), width=24)
    assert lines[-2].strip() == "w 0.1→0.87" and lines[-1].strip() == "error 0.476→0.0108"


@pytest.mark.parametrize("w, fraction", [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)])
def test_ucurve_before_marker_column(w, fraction):
    ws = np.linspace(0.0, 1.0, 101)
    curve = UCurve(ws, (ws - 0.5) ** 2, (w, (w - 0.5) ** 2), slope=2 * (w - 0.5),
                   window=(0.0, 1.0, 0.25))
    line = next(line for line in render(curve, width=50) if "●" in line)
    plot_cols = 50 - (line.index("┤" if "┤" in line else "│") + 1)
    expected = math.floor(fraction * (2 * plot_cols - 1) + 0.5) // 2
    assert plot_column(line, "●") == expected


def test_ucurve_point_off_the_view_is_an_arrow_at_the_edge():
    right = "\n".join(render(u_curve(before=(5.0, 0.5), after=None), width=50))
    assert "▶" in right and "●" not in right
    above = "\n".join(render(u_curve(before=(0.5, 1e9), after=None), width=50))
    assert "▲" in above
    ascii_right = "\n".join(render(u_curve(before=(5.0, 0.5), after=None), 50, True))
    assert ">" in ascii_right


def test_ucurve_tangent_tilts_with_slope():
    ws = np.linspace(-1, 1, 101)
    down = "\n".join(render(UCurve(ws, ws**2, (-0.5, 0.25), slope=-1.0, height=30), 60, True))
    up = "\n".join(render(UCurve(ws, ws**2, (0.5, 0.25), slope=1.0, height=30), 60, True))
    assert "\\" in down and "/" in up


def test_ucurve_the_path_is_joined_so_an_explosion_zig_zags():
    err = lambda w: (2 * w - 0.8) ** 2  # noqa: E731
    path = [(0.5, err(0.5)), (0.1, err(0.1)), (0.7, err(0.7)), (-0.2, err(-0.2))]
    ws = np.linspace(-0.6, 1.4, 161)
    curve = UCurve(ws, err(ws), (1.3, err(1.3)), after=(-2.3, err(-2.3)), path=path,
                   window=(-0.6, 1.4, 4.0), height=14)
    plain = UCurve(ws, err(ws), (1.3, err(1.3)), window=(-0.6, 1.4, 4.0), height=14)
    joined, alone = render(curve, width=60), render(plain, width=60)
    assert sum(line.count("○") for line in joined) == 4
    # The joins add dots between the points: more braille than the curve alone.
    braille = lambda lines: sum(ch != "⠀" and "\u2800" <= ch <= "\u28ff" for ch in "".join(lines))  # noqa: E731
    assert braille(joined) > braille(alone)
    assert "▲" in "\n".join(joined)  # the landing point left the view (above it)


def test_ucurve_log_scale_for_the_explosion():
    ws = np.linspace(-1e3, 1e3, 161)
    curve = UCurve(ws, ws**2, (500.0, 2.5e5), after=(-1000.0, 1e6), log=True,
                   window=(-1e3, 1e3, 1e6))
    text = "\n".join(render(curve, width=50))
    assert "1e+06" in text and "◆" in text


def test_ucurve_huge_and_nonfinite_values():
    ws = np.linspace(-1e150, 1e150, 101)
    errs = ws**2  # up to 1e300
    errs[3] = INF
    errs[7] = NAN
    curve = UCurve(ws, errs, (1e149, 1e298), slope=2e149, path=[(NAN, 1.0), (1e149, INF)],
                   window=(-1e150, 1e150, 1e300))
    lines = render(curve, width=60)
    assert "1e+300" in "\n".join(lines) and "●" in "\n".join(lines)


def test_ucurve_empty_inputs():
    lines = render(UCurve([], [], (NAN, NAN), caption=["w nan"]), width=30)
    assert len(lines) == 10 and lines[-1].startswith("w nan")


def test_steady_window_moves_only_when_a_point_leaves_it():
    start = start_window(0.0, 0.8 / 1.1)
    assert start[0] < 0.0 < 0.8 / 1.1 < start[1]
    inside = steady_window(start, np.array([0.0, 0.88, 0.6952, 0.734]))
    assert inside == start
    lo, hi = steady_window(start, np.array([0.0, 5.0]))
    assert lo == start[0] and hi > 5.0
    # A function of the path: the same path gives the same view, step by step.
    path = np.array([0.5, 0.1, 0.7, -0.2, 1.6, -2.3])
    views = [steady_window(start_window(0.5, 0.4), path[:k]) for k in range(1, 7)]
    assert all(a[0] >= b[0] and a[1] <= b[1] for a, b in zip(views, views[1:]))
    assert views[-1][0] < -2.3 and views[-1][1] > 1.6


def test_nice_ceil_is_a_round_number_at_or_above():
    assert nice_ceil(1.05) == 1.2 and nice_ceil(0.64) == 0.8 and nice_ceil(2.0) == 2.0
    assert nice_ceil(3.3e-5) == pytest.approx(4e-5)


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
    dict(before=(9.0, -3.0), path=[(-9, 9), (9, -9)]),
    dict(before=(0.1, INF), slope=INF, after=(INF, NAN)),
    dict(before=(NAN, 0.4), slope=NAN, path=np.empty((0, 2))),
    dict(errs=np.full(201, 0.64), slope=0.0, window=None),
    dict(errs=np.full(201, 0.64), slope=3.0, log=True),
    dict(ws=[0.3], errs=[0.1], window=None),
    dict(errs=np.linspace(0, 1e300, 201), before=(0.1, 5e299), slope=1e300, window=(0, 1, 1e300)),
    dict(log=True, before=(0.8 / 1.1, 0.0), after=(0.8 / 1.1, 0.0)),
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



def test_error_curve_ghost_is_faint_behind_and_never_sets_the_axis_of_this_run():
    exploded = [0.04 * 9.0**k for k in range(40)]  # the run before: alpha too high
    now = [0.04 * 0.64**k for k in range(10)]  # this run, alpha lowered
    lines = render(ErrorCurve(now, ghost=exploded, height=10), width=60)
    ticks = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    assert ticks[0] == "0.04"  # this run's top, not 1e+36
    alone = "\n".join(render(ErrorCurve([], ghost=exploded, height=10, log=True), width=60))
    assert "no steps yet" not in alone and "6.6e+35" in alone  # step 0: the ghost to beat


@pytest.mark.parametrize("values, labels", [
    ([-0.5, 1.5], ["-0.5", "1.5"]),  # two digits when they do
    ([1.5989999999999344, 1.6010000000000655], ["1.599", "1.601"]),  # hot-cold at its goal
    ([99.99, 100.01], ["99.99", "100.01"]),  # not 1e+02 … 100: the same number to a reader
    ([0.0, 4e-07, 8e-07], ["0", "4e-07", "8e-07"]),
    ([1234.2, 1234.7], ["1234.2", "1234.7"]),  # 1234 … 1235 would be off by 0.3 of the gap
    ([100.0, 5000.0], ["100", "5000"]),
    ([1.6, 1.6], ["1.6", "1.6"]),  # the same value: one label, not a long one
    ([float("inf"), 1.0], ["inf", "1"]),
    ([0.04, 0.0401, 0.0402], ["0.04", "0.0401", "0.0402"]),
])
def test_tick_labels_differ_wherever_the_values_do(values, labels):
    from gdtui.viz.numbers import distinct_labels

    assert distinct_labels(values) == labels


@pytest.mark.parametrize("values, labels", [
    ([0.04, 5.1e17, 6.5692813e35], ["0.04", "5.1e+17", "6.6e+35"]),  # far apart: two digits
    ([0.0400, 0.0402, 0.0404], ["0.04", "0.0402", "0.0404"]),
])
def test_log_scale_labels_are_near_by_ratio(values, labels):
    from gdtui.viz.numbers import distinct_labels

    assert distinct_labels(values, log=True) == labels


@pytest.mark.parametrize("lo, hi", [(1.598, 1.602), (1.5999, 1.6001), (-0.7341, -0.7339),
                                    (99.99, 100.01), (-0.5, 1.5)])
def test_a_u_in_a_narrow_window_labels_its_ends_apart(lo, hi):
    ws = np.linspace(lo, hi, 101)
    mid = (lo + hi) / 2
    err = (ws - mid) ** 2
    lines = render(u_curve(ws=ws, errs=err, before=(mid, 0.0), after=None, path=[], slope=0.0,
                           window=(lo, hi, float(err.max())), bottom=mid, caption=[]), width=60)
    left, *_, right = lines[-1].split()
    assert left != right and float(left) <= lo + (hi - lo) / 4 and float(right) >= hi - (hi - lo) / 4
    ticks = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    assert len(set(ticks)) == len(ticks), ticks


@pytest.mark.parametrize("width, expected", [
    # whole when it fits with a cell to spare; else split, each part the most digits that fit
    (60, ["w 0.6952→0.7341 · error 0.00124→5.49e-05"]),
    (24, ["w 0.6952→0.7341", "error 0.00124→5.49e-05"]),
    (22, ["w 0.6952→0.7341", "error 0.0012→5.5e-05"]),
    (15, ["w 0.695→0.734"]),  # (the error, too long at any digits, is cut: not checked)
])
def test_the_caption_keeps_the_most_digits_that_fit(width, expected):
    curve = u_curve(height=12)
    curve.caption = ["w 0.6952→0.7341 · error 0.00124→5.49e-05"]
    curve.shorter_captions = [["w 0.695→0.734 · error 0.00124→5.49e-05"],
                              ["w 0.695→0.734 · error 0.0012→5.5e-05"]]
    lines = [line.strip() for line in render(curve, width=width)]
    shown = lines[-2:-1] if width == 15 else lines[-len(expected):]
    assert shown == expected


@pytest.mark.parametrize("width", [5, 8, 12, 20, 41])
@pytest.mark.parametrize("left, middle, right", [
    ("1", "step", "41"), ("1", "步", "41"), ("1", "权重变化", "41"), ("-0.22", "weight", "1.7"), ("", "步", "9"),
])
def test_spread_labels_measure_cells_and_keep_the_right_number(width, left, middle, right):
    """A Chinese middle label is two cells a character: the row is still
    `width` cells and the right label (the latest step) is whole."""
    from rich.cells import cell_len

    row = spread_labels(width, left, middle, right, ascii_only=False)
    assert cell_len(row) == width
    if cell_len(right) <= width:
        assert row.endswith(right)
    if middle in row:
        assert row.index(middle) > 0 or not left


@pytest.mark.parametrize("steps, span", [
    (0, 10), (1, 10), (10, 10), (11, 20), (20, 20), (21, 50), (50, 50), (51, 100),
    (101, 200), (499, 500), (501, 1000), (10**6 + 1, 2 * 10**6),
])
def test_steady_span_is_the_first_of_10_20_50_that_holds_the_steps(steps, span):
    assert steady_span(steps) == span


def test_a_steady_axis_keeps_the_curve_drawn_so_far_where_it_was():
    """On an axis of 10 steps, step 4 adds its point and leaves the cells
    left of step 3 as they were (without the axis they all move); the right
    label is the axis' end."""
    errors = [0.64, 0.32, 0.16, 0.08]
    three, four = (render(ErrorCurve(errors[:n], height=8, span=10), width=40) for n in (3, 4))
    assert four[-1].split() == ["1", "step", "10"]
    squeezed = render(ErrorCurve(errors, height=8), width=40)
    assert squeezed[-1].split() == ["1", "step", "4"]
    gutter = four[0].index("┤") + 1
    before_step_3 = gutter + round(2 / 9 * ((40 - gutter) * 2 - 1)) // 2
    kept = [a[:before_step_3] for a in three[:-1]]
    assert kept == [b[:before_step_3] for b in four[:-1]]
    assert kept != [c[:before_step_3] for c in squeezed[:-1]]


AWKWARD = [0.0, -0.0, 1.0, -1.0, 0.5, 3.3, 1e-300, -1e-300, 1e308, -1e308, 5e-324,
           math.inf, -math.inf, math.nan]


@pytest.mark.parametrize("lo, hi", [(0.0, 1.0), (-1e308, 1e308), (2.0, 2.0), (-0.22, 1.67),
                                    (1e-300, 2e-300), (0.0, 5e-324), (-5.0, -1.0)])
@pytest.mark.parametrize("dots", [1, 2, 161])
def test_one_points_dot_is_the_arrays(lo, hi, dots):
    """Scale.dot and Canvas.marker (one point, in plain floats) place a point
    where to_dots and markers (arrays) do, NaN and infinities too."""
    scale = Scale(lo, hi, dots)
    for value in AWKWARD:
        with np.errstate(all="ignore"):
            array = float(scale.to_dots(value))
        one = scale.dot(value)
        assert one == array or (math.isnan(one) and math.isnan(array)), (value, one, array)
        for canvas_dots in (1, 5, 160):
            with np.errstate(all="ignore"):
                rounded = int(round_dots(np.array([array]), canvas_dots)[0])
            assert round_dot(array, canvas_dots) in (None if math.isnan(array) else rounded,)
    for x, y in [(1.4, 2.6), (-3.0, 99.0), (math.inf, -math.inf), (math.nan, 1.0), (2.0, math.nan)]:
        one, arrays = Canvas(3, 2), Canvas(3, 2)
        one.marker(x, y, "●")
        with np.errstate(all="ignore"):
            arrays.markers(round_dots(np.array([x]), 6), round_dots(np.array([y]), 8), "●")
        assert one.to_lines() == arrays.to_lines()


def _drawn_canvas(rng, ascii_only: bool) -> Canvas:
    """A small canvas with a few strokes and marks, some of them random."""
    canvas = Canvas(12, 5, ascii_only)
    canvas.lines([0], [0], [canvas.x_dots - 1], [canvas.y_dots - 1], Style(color="cyan"))
    for _ in range(rng.integers(0, 4)):
        xs = rng.integers(0, canvas.x_dots, 3)
        ys = rng.integers(0, canvas.y_dots, 3)
        kind = rng.integers(0, 3)
        if kind == 0:
            canvas.set_dots(xs, ys, Style(color="magenta"))
        elif kind == 1:
            canvas.markers(xs[:1], ys[:1], "●", Style(bold=True))
        else:
            canvas.write(int(rng.integers(0, 10)), int(rng.integers(0, 5)), "ab", None)
    return canvas


@pytest.mark.parametrize("ascii_only", [False, True])
def test_a_row_kept_from_the_last_canvas_is_the_row_drawn_anew(ascii_only):
    """to_lines keeps the rows that did not change since the last canvas of
    its size: each is the very row a fresh drawing makes, over canvases
    that differ in one mark, in their strokes, or not at all."""
    rng = np.random.default_rng(19)
    gutters = [("", "", "", "", ""), ("1┤", " │", " │", " │", "0┤"), ("9┤", " │", " │", " │", "0┤")]
    for n in range(200):
        canvas = _drawn_canvas(rng, ascii_only)
        prefixes = gutters[n % 3] if n % 5 else ()
        style = Style(dim=True) if n % 2 else None
        kept = canvas.to_lines(prefixes, style)
        plotting._LAST_DRAWN.clear()
        assert kept == canvas.to_lines(prefixes, style), n
        again = canvas.to_lines(prefixes, style)  # every row kept
        assert again == kept


def test_the_kept_canvases_are_bounded():
    for cols in range(1, 3 * plotting.LAST_DRAWN_SIZES):
        Canvas(cols, 2).to_lines()
    assert len(plotting._LAST_DRAWN) <= plotting.LAST_DRAWN_SIZES


def _line(canvas: Canvas, style, twice: bool = False) -> Canvas:
    canvas.lines([0], [0], [canvas.x_dots - 1], [canvas.y_dots - 1], style)
    if twice:  # the same dots again, a second stroke: other ids, the same cells
        canvas.lines([0], [0], [canvas.x_dots - 1], [canvas.y_dots - 1], style)
    return canvas


CYAN, RED = Style(color="cyan"), Style(color="red")
CHANGES = {
    "nothing": (lambda: _line(Canvas(8, 3), CYAN), lambda: _line(Canvas(8, 3), CYAN)),
    "the stroke's style": (lambda: _line(Canvas(8, 3), CYAN), lambda: _line(Canvas(8, 3), RED)),
    "which stroke drew the cells": (lambda: _line(Canvas(8, 3), CYAN),
                                    lambda: _line(Canvas(8, 3), CYAN, twice=True)),
    "a mark": (lambda: _line(Canvas(8, 3), CYAN),
               lambda: _marked(_line(Canvas(8, 3), CYAN))),
    "no stroke at all": (lambda: _line(Canvas(8, 3), CYAN), lambda: _line(Canvas(8, 3), None)),
    # The same cells and strokes, each stroke on the other's cell: only the ids tell.
    "which cell each stroke drew": (lambda: _two(0, 2), lambda: _two(2, 0)),
}


def _two(cyan_x: int, red_x: int) -> Canvas:
    canvas = Canvas(8, 3)
    canvas.set_dots([cyan_x], [0], CYAN)
    canvas.set_dots([red_x], [0], RED)
    return canvas


def _marked(canvas: Canvas) -> Canvas:
    canvas.marker(3, 5, "●", RED)
    return canvas


@pytest.mark.parametrize("change", CHANGES)
def test_the_next_canvas_of_a_size_is_drawn_as_if_it_were_the_first(change):
    first, second = CHANGES[change]
    plotting._LAST_DRAWN.clear()
    first().to_lines()
    after = second().to_lines()
    plotting._LAST_DRAWN.clear()
    assert after == second().to_lines()
    assert [[span.style for span in row.spans] for row in after] == \
        [[span.style for span in row.spans] for row in second().to_lines()]


CURVE_CHANGES = {  # the next U, beside the one drawn first: each must draw its own curve
    "the same": {},
    "another curve": {"errs": np.linspace(-0.5, 1.5, 201) ** 2},
    "another view": {"window": (-0.4, 1.5, 2.0)},
    "another error axis": {"window": (-0.5, 1.5, 4.0)},  # (the same gutter: one digit)
    "the log scale": {"log": True},
    "moved points only": {"before": (0.5, 0.09), "after": None, "path": []},
}


@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize("change", CURVE_CHANGES)
def test_a_kept_curve_is_the_curve_drawn_anew(change, ascii_only):
    """draw_series keeps a series' dots by canvas size and points: the U drawn
    after another is, row for row and style for style, the U drawn first."""
    plotting._SERIES.clear()
    u_curve().render_lines(40, 14, ascii_only)
    after = u_curve(**CURVE_CHANGES[change]).render_lines(40, 14, ascii_only)
    plotting._SERIES.clear()
    plotting._LAST_DRAWN.clear()
    fresh = u_curve(**CURVE_CHANGES[change]).render_lines(40, 14, ascii_only)
    assert [row.to_text() for row in after] == [row.to_text() for row in fresh]
    assert [[span.style for span in row.spans] for row in after] == \
        [[span.style for span in row.spans] for row in fresh]


def test_the_kept_series_are_bounded():
    for width in range(20, 20 + 3 * plotting.KEPT_SERIES):
        u_curve().render_lines(width, 10, False)
    assert len(plotting._SERIES) <= plotting.KEPT_SERIES
    plotting._SERIES.clear()
    long = np.arange(plotting.KEPT_POINTS + 1)  # a long series is drawn, not kept
    plotting.draw_series(Canvas(40, 5), np.sort(long % 80), long % 20)
    assert not plotting._SERIES
