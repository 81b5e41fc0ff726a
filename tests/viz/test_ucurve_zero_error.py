"""A U on the log scale whose path or point has an error of exactly 0 (the
bottom reached, or a weight slid onto it: the fuzz found it with the slider)
draws the point on the bottom row, without a NumPy warning."""

import warnings

import numpy as np
import pytest

from gdtui.viz.ucurve import UCurve

from test_curves import render

WS = np.linspace(0.0, 0.2, 161)


@pytest.mark.parametrize("path, before", [
    ([(0.1, 0.0), (0.1, 0.0)], (0.1, 0.0)),  # every error 0
    ([(0.05, 0.01)], (0.1, 0.0)),  # the point at 0
    ([(0.1, 0.0)], (0.15, 0.01)),  # a path point at 0
])
def test_an_error_of_0_on_the_log_scale(path, before):
    curve = UCurve(WS, (WS - 0.1) ** 2, before, slope=0.0, path=np.array(path), log=True,
                   window=(0.0, 0.2, 0.025), height=10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lines = render(curve, 40, False)
    assert len(lines) >= 8
