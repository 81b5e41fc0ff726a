"""The MNIST screen's panels: the image and the ten outputs, the ten weight
maps, and the selected digit's map beside the dot-product view."""

from __future__ import annotations

import time

import numpy as np
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.digits import DigitImage, DotProductView, OutputBars, WeightMap, WeightMaps

# In run mode the maps (the costly part to draw and to send over SSH) are
# redrawn at most this often; the numbers keep up at the full frame rate.
MAP_INTERVAL = 0.5


def shown_image(view: View) -> tuple[np.ndarray, int | None]:
    """The image of the last step (or the next one before the first step)."""
    last = view.last
    if last is not None:
        return last.input, last.label
    labels = view.settings.labels
    return view.x, None if labels is None else int(labels[view.next_sample])


class DigitPanel(ViewWidget):
    """The image just learned, its label and guess, and the ten outputs against the goal."""

    DEFAULT_CSS = """
    DigitPanel { height: auto; padding: 0 1; }
    """

    def draw(self, view: View) -> RenderableType:
        image, label = shown_image(view)
        last = view.last
        pred = last.pred if last is not None else np.zeros(view.weights.shape[0])
        goal = last.goal if last is not None else view.goal
        if last is None:
            caption = Text(f"next image: a {label}. Space learns it.")
        else:
            verdict = "right" if last.correct else "wrong"
            caption = Text(f"image {last.number}: label {label}, guess {last.guess} ({verdict})")
            caption.stylize("bold green" if last.correct else "bold red", len(caption) - len(verdict) - 2)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(
            DigitImage(image.reshape(28, 28)),
            OutputBars(pred, goal, view.lesson.output_labels),
        )
        return Group(caption, grid)


class _Throttled(ViewWidget):
    """Redraws at most every MAP_INTERVAL seconds while a run is going."""

    def signature(self, view: View):
        if view.running:
            return "running", int(time.monotonic() / MAP_INTERVAL)
        return id(view)


class MapsPanel(_Throttled):
    DEFAULT_CSS = """
    MapsPanel { height: auto; padding: 0 1; }
    """

    def draw(self, view: View) -> RenderableType:
        digit = view.selected[0]
        return Group(
            Text("what each digit's 784 weights learned (left/right arrows select a digit)"),
            WeightMaps(view.weights, selected=digit, labels=view.lesson.output_labels),
        )


class FocusPanel(_Throttled):
    """The selected digit's map, large, and why the image scores as it does."""

    DEFAULT_CSS = """
    FocusPanel { height: auto; padding: 0 1; }
    """

    def draw(self, view: View) -> RenderableType:
        digit = view.selected[0]
        image, _ = shown_image(view)
        scores = view.weights @ image
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(
            WeightMap(view.weights[digit], title=f"weights of {digit}"),
            DotProductView(image, view.weights, digit, scores),
        )
        return grid
