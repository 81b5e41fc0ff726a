"""The MNIST screen's panels.

* ``DigitPanel``  - the image just learned, the ten outputs against the goal,
  and the selected digit's weights, large (the first page, fits 80x24).
* ``MapsPanel``   - the ten weight maps, as large as the panel allows (m).
* ``DotPanel``    - the book's small dot product, then image x weights (d).
* ``CurvesPanel`` - the error's moving average and the running accuracy.

Every number a panel shows comes from one slice (a Run and the selected
digit; in run mode the screen hands out a new one at the pictures' own
slower rate, DRAW_INTERVAL); a panel that shows weights
says which (after which step), because the outputs of a step were computed
before that step changed them.
"""

from __future__ import annotations

import numpy as np
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gdtui.text.i18n import TEXT
from gdtui.ui.view import PicturesPart, RunPart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.curve import ErrorCurve
from gdtui.viz.digits import DigitImage, DotProductView, OutputBars, WeightLegend, WeightMap, WeightMaps
from gdtui.viz.dot_example import SmallDotProducts
from gdtui.ui.widgets.predict_line import STYLES, shown_value
from gdtui.viz.glyphs import GLYPHS
from gdtui.viz.pixels import MIN_SIDE, SIDE, auto_scale
from gdtui.viz.wrap import Wrapped

# In run mode the pictures and curves (the costly part to draw and to send
# over SSH) are redrawn at most this often (about 18 KB a time at 120x40:
# 2 a second keeps run mode under 50 KB/s); the status bar keeps up.
DRAW_INTERVAL = 0.5
MOVING_AVERAGE = 100  # steps in the error's moving average


def shown_image(run) -> tuple[np.ndarray, int | None]:
    """The image of the last step (or the next one before the first step)."""
    last = run.last
    if last is not None:
        return last.input, last.label
    labels = run.data.labels
    return run.x, None if labels is None else int(labels[run.next_sample])


def weights_when(part: RunPart) -> str:
    """Which weights the view holds: those after the last step."""
    run = part.run
    return part.tr("mn_after_step", n=run.steps_done) if run.steps_done else part.tr("mn_before_step1")


def picture_words(lang: str) -> dict[str, str]:
    """The pictures' words (gdtui.viz's WORDS) in `lang`."""
    return {key[4:]: entry[lang] for key, entry in TEXT.items() if key.startswith("mnw_")}


def legend(part: RunPart, title: str) -> WeightLegend:
    """The maps' legend; all weights 0 (before the first step) have no shades
    to read, and a -1 ... +1 scale would say they do."""
    weights = part.run.weights
    note = None if np.any(weights) else part.tr("mn_all_zero")
    return WeightLegend(scale=auto_scale(weights), title=title, note=note,
                        words=picture_words(part.lang))


def arrows(part: RunPart) -> str:
    return "<- ->" if part.ascii_only else "←→"  # prose: not the key bar's narrow <>


class DigitPanel(PartWidget):
    """The image, the ten outputs against the goal, the selected digit's map;
    in predict mode, the answer beside the outputs that decide it.

    At 80x24 every row counts: the map's title is the legend's, under it, and
    predict mode's words use the three rows under the outputs (the image
    and the map are 14 rows, the outputs 11)."""

    DEFAULT_CSS = """
    DigitPanel { height: auto; padding: 0 1; }
    """
    AUTO_HEIGHT = True

    def draw(self, view: PicturesPart) -> RenderableType:
        run = view.run
        image, label = shown_image(run)
        last = run.last
        digit = view.selected[0]
        pred = last.pred if last is not None else np.zeros(run.weights.shape[0])
        goal = last.goal if last is not None else run.goal
        if last is None:
            caption = Text(view.tr("mn_next_image", label=label))
        else:
            verdict = view.tr("mn_right" if last.correct else "mn_wrong")
            caption = Text(view.tr("mn_image", n=last.number, label=label, guess=last.guess,
                                   verdict=verdict))
            at = caption.plain.rindex(verdict)
            caption.stylize("bold green" if last.correct else "bold red", at, at + len(verdict))
            if view.reveal is None:
                caption.append(view.tr("mn_outputs_before"), style="dim")
            else:
                caption.append_text(reveal_text(view))
        bars = OutputBars(pred, goal, view.lesson.output_labels, words=picture_words(view.lang))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, width=SIDE)
        grid.add_column(ratio=1, min_width=20)
        grid.add_column(no_wrap=True, width=SIDE)
        grid.add_row(
            DigitImage(image.reshape(SIDE, SIDE)),
            Group(bars, predict_words(view)),
            WeightMap(run.weights[digit], scale=auto_scale(run.weights), selected=True),
        )
        title = view.tr("mn_legend", d=digit, when=weights_when(view))
        return Group(caption, grid, legend(view, title))


def reveal_text(view: PicturesPart) -> Text:
    """The caption's end for a predicted step: what the learner said, ✓ or ✗."""
    reveal = view.reveal
    mark = GLYPHS[view.ascii_only]["is_" + reveal.verdict]
    said = shown_value(reveal.quantity, reveal.guess, view.ascii_only, view.lang)
    if reveal.quantity == "guess":  # the caption has just said what it guessed
        words = view.tr("mn_you_guess", guess=said)
    else:
        truth = shown_value(reveal.quantity, reveal.truth, view.ascii_only, view.lang)
        words = view.tr("mn_you_error", d=view.selected[0], truth=truth, guess=said)
    text = Text(" · ")
    text.append(f"{words} {mark}", style=STYLES[reveal.verdict])
    return text


def predict_words(view: PicturesPart) -> Wrapped:
    """Under the outputs: how to predict, or a wrong answer's slip (three
    rows at most at 80 columns: tests/app/test_mnist_predict.py)."""
    if not view.predicting or (view.reveal is not None and view.reveal.slip is None):
        return Wrapped("")
    return Wrapped(view.tr("mn_predict_ready" if view.reveal is None else "slip_" + view.reveal.slip),
                   style="italic")


class MapsPanel(PartWidget):
    """The ten maps on one scale, as large as fit in the panel."""

    DEFAULT_CSS = """
    MapsPanel { height: 1fr; padding: 0 1; }
    """

    def draw(self, view: RunPart) -> RenderableType:
        run = view.run
        heading = Text(view.tr("mn_maps", when=weights_when(view)), style="bold")
        heading.append("  " + view.tr("mn_maps_keys", arrows=arrows(view)), style="dim")
        maps = WeightMaps(run.weights, selected=view.selected[0], labels=view.lesson.output_labels,
                          legend=legend(view, view.tr("mn_weights")))
        return Group(heading, _Shorter(maps, 1))


class _Shorter:
    """A renderable given ``rows`` fewer lines of height than its container."""

    def __init__(self, renderable, rows: int) -> None:
        self.renderable, self.rows = renderable, rows

    def __rich_console__(self, console, options):
        height = None if options.height is None else max(1, options.height - self.rows)
        yield from console.render(self.renderable, options.update(height=height))


class DotPanel(PartWidget):
    """Why the score is a loose measure of similarity: small vectors first,
    then the image times the selected digit's weights, with the same weights
    for every number shown."""

    DEFAULT_CSS = """
    DotPanel { height: auto; padding: 0 1; }
    """
    AUTO_HEIGHT = True

    def draw(self, view: RunPart) -> RenderableType:
        run = view.run
        image, _ = shown_image(run)
        digit = view.selected[0]
        scores = run.weights @ image
        times = GLYPHS[view.ascii_only]["times"]
        which = (view.tr("mn_this_image", n=run.last.number) if run.last is not None
                 else view.tr("mn_the_next"))
        words = picture_words(view.lang)
        intro = Text(view.tr("mn_dot_intro"), style="bold")
        image_intro = Text.assemble(
            (view.tr("mn_dot_image", times=times, d=digit), "bold"),
            ("\n" + view.tr("mn_dot_which", which=which, when=weights_when(view), arrows=arrows(view)),
             "dim"),
        )
        product = lambda side: DotProductView(  # noqa: E731
            image, run.weights, digit, scores, labels=view.lesson.output_labels, size=side,
            words=words)
        compact, side = self.layout(image_intro, product, view.ascii_only)
        row = Table.grid(padding=(0, 2))
        row.add_column(no_wrap=True, width=side)
        row.add_column(no_wrap=True, width=side)
        row.add_column()
        row.add_row(
            DigitImage(image.reshape(SIDE, SIDE), title=which, size=side),
            WeightMap(run.weights[digit], title=view.tr("mn_weights_of", d=digit),
                      scale=auto_scale(run.weights), size=side),
            product(side),
        )
        if compact:
            return Group(intro, SmallDotProducts(compact=True, words=words), image_intro, row)
        return Group(intro, SmallDotProducts(words=words), Text(), image_intro, row)

    def layout(self, image_intro: Text, product, ascii_only: bool) -> tuple[bool, int]:
        """(compact small products?, map side): the largest that fits the page.

        Three maps in a row, as large as fit the width (24 pixels a side at 80
        columns) under the small products in full; when that is taller than the
        page (80x24), the small products one line a pair and the maps smaller,
        until the row with its ten scores beside it fits (16 pixels at 80x24).
        """
        width = max(1, self.content_size.width)
        room = self.page_height()
        widest = max(2, min(SIDE, (width - 4) // 3))
        widest -= widest % 2
        console = self.app.console
        text_rows = len(image_intro.wrap(console, width))

        def rows(compact: bool, side: int) -> int:
            products = product(side).block(console, max(1, width - 2 * side - 4), ascii_only)
            row = max(1 + (side + 1) // 2, len(products.lines))
            return 1 + (3 if compact else 9 + 1) + text_rows + row

        if room is None or rows(False, widest) <= room:
            return False, widest
        for side in range(widest, MIN_SIDE - 1, -2):
            if rows(True, side) <= room:
                return True, side
        return True, max(2, min(widest, MIN_SIDE))

    def page_height(self) -> int | None:
        """The rows the page shows (its scroll's height), None before layout."""
        page = self.parent
        height = getattr(page, "content_size", None)
        return height.height if height is not None and height.height > 0 else None


def moving_average(values: np.ndarray, window: int) -> np.ndarray:
    """Mean of the last `window` values at each step (fewer at the start)."""
    sums = np.concatenate([[0.0], np.cumsum(values)])
    ends = np.arange(1, len(values) + 1)
    starts = np.maximum(ends - window, 0)
    return (sums[ends] - sums[starts]) / (ends - starts)


def running_mean(values: np.ndarray) -> np.ndarray:
    return np.cumsum(values) / np.arange(1, len(values) + 1)


class CurvesPanel(PartWidget):
    """Error, averaged over the last MOVING_AVERAGE steps, and the running
    accuracy: the per-step error of single images is too noisy to read."""

    DEFAULT_CSS = """
    CurvesPanel { height: 1fr; min-height: 4; max-height: 12; padding: 0 1; }
    """

    def draw(self, view: RunPart) -> RenderableType:
        run = view.run
        errors = run.errors
        corrects = run.corrects if run.corrects is not None else np.empty(0)
        count = min(len(errors), len(corrects)) if run.corrects is not None else len(errors)
        errors, corrects = errors[:count], corrects[:count]
        words = {"step": view.tr("x_step"), "no_steps": view.tr("no_steps"),
                 "no_finite": view.tr("no_finite")}
        # As tall as the room left below the picture (5 rows at 80x24).
        height = self.content_size.height or 9
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(
            ErrorCurve(moving_average(errors, MOVING_AVERAGE), height=height, first_step=run.errors_from,
                       title=view.tr("mn_error_mean", n=MOVING_AVERAGE), words=words),
            ErrorCurve(running_mean(corrects), height=height, first_step=run.errors_from,
                       title=view.tr("mn_accuracy"), words=words),
        )
        return grid
