"""The U's tangent reads without colour: line glyphs, not braille in green;
its value on the U; steeper the farther the point is from the bottom (issue 20)."""

import numpy as np
import pytest

from gdtui.viz.ucurve import UCurve

from test_curves import render

X, GOAL = 1.1, 0.8  # learning-steps
BOTTOM = GOAL / X
WS = np.linspace(-0.22, 1.67, 161)


def err(w):
    return (X * w - GOAL) ** 2


def slope(w):
    return 2 * (X * w - GOAL) * X


def tangent(w, ascii_only=False, label=None):
    curve = UCurve(WS, err(WS), (w, err(w)), slope=slope(w), window=(-0.22, 1.67, 1.2),
                   bottom=BOTTOM, height=12, slope_label=f"slope {slope(w):.3g}" if label is None else label)
    return render(curve, 50, ascii_only)


GLYPHS = {False: "╲╱─│", True: "\\/-|"}


@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize("w, expected", [(0.0, 0), (0.4, 0), (0.72, 2), (1.0, 1), (1.5, 1)])
def test_the_tangent_is_drawn_in_line_glyphs(ascii_only, w, expected):
    """Left wall ╲, right wall ╱, the bottom ─ (indices into GLYPHS)."""
    text = "\n".join(tangent(w, ascii_only)[:-1])  # (the last line is the x axis's labels)
    glyph = GLYPHS[ascii_only][expected]
    assert glyph in text, (w, text)


def rows_spanned(lines, glyphs):
    return sum(any(g in line[5:] for g in glyphs) for line in lines[:-1])


def test_steeper_the_farther_from_the_bottom():
    spans = [rows_spanned(tangent(w, label=""), "╲╱│") for w in (0.7, 0.55, 0.3, 0.0)]
    assert spans == sorted(spans) and spans[-1] > spans[0], spans


@pytest.mark.parametrize("w", [0.0, 0.3, 1.0, 1.5])
def test_the_slope_is_written_on_the_u_away_from_the_point(w):
    lines = tangent(w)
    label = f"slope {slope(w):.3g}"
    top = lines[0]
    assert label in top
    # over the other half from the point: the point's column and the label's do not meet
    plot_col = top.index(label)
    point_row = next(line for line in lines if "●" in line)
    assert not plot_col <= point_row.index("●") < plot_col + len(label)


def test_no_tangent_and_no_label_on_the_log_scale():
    curve = UCurve(WS, err(WS), (0.0, err(0.0)), slope=slope(0.0), window=(-0.22, 1.67, 1.2),
                   log=True, height=12, slope_label="slope -1.76")
    assert "slope" not in "\n".join(render(curve, 50))
