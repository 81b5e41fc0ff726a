"""UCurve: the chapter's U - error as ONE weight varies, the others held.

It shows one step, before and after never mixed: the curve as it was when
the step was taken, the point where it was taken (``●``), the point where
it lands (``◆``) joined to it, the path so far joined point to point (so the
explosion zig-zags up both walls, as in the book), the bottom (``▿``) and a
short tangent whose tilt is the slope there:

    a: input
     0.9┤⢇                      ⡸
        │⠈⢆  ●╲               ⡰⠁
    0.45┤  ⠣⡀ ╲○            ⢀⠜
        │   ⠈⠢⡀ ╲◆       ⢀⠔⠁
       0┤      ⠈⠒⠤⣀▿⣀⠤⠔⠊⠁
         -0.22                 1.67
    w 0.6952 → 0.7340 · error 0.00124 → 5.49e-05

The axes are steady: the error axis starts at 0 and the view is given (see
`steady_window`), so it changes only when a point would leave it. Pure: it
draws the numbers it is given (from gdtui.engine.ucurve) and computes none.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from rich.cells import cell_len
from rich.style import Style

from gdtui.viz.ascii import spelled
from gdtui.viz.glyphs import glyphs
from gdtui.viz.numbers import distinct_labels
from gdtui.viz.plotting import (
    Canvas,
    CanvasRenderable,
    Row,
    Scale,
    clip_segment,
    dot_size,
    draw_series,
    frame_lines,
    gutter_width,
    padded_row,
    round_dot,
    round_dots,
    shorten,
    spread_labels,
    y_ticks,
)

DEFAULT_STYLE = Style(color="cyan")
DEFAULT_MARKER_STYLE = Style(color="yellow", bold=True)
DEFAULT_PATH_STYLE = Style(color="magenta")
DEFAULT_TANGENT_STYLE = Style(color="green")
DEFAULT_AXIS_STYLE = Style(dim=True)

# A view grows by this share of its new span when a point leaves it, so it
# does not have to grow again on the very next step.
MARGIN = 0.25
# The newest path points joined by lines, and the newest marked ○.
PATH_JOINED, PATH_MARKED = 60, 30


NICE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_ceil(value: float) -> float:
    """The smallest round number (…, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, …)
    ≥ value: an error axis that moves only when the curve crosses one."""
    if not math.isfinite(value) or value <= 0:
        return value if math.isfinite(value) else 1e308
    exponent = math.floor(math.log10(value))
    for mantissa in NICE:
        nice = mantissa * 10.0**exponent
        if nice >= value * (1 - 1e-12):
            return nice
    return 10.0 ** (exponent + 1)  # pragma: no cover


def start_window(weight: float, bottom: float | None) -> tuple[float, float]:
    """The first view of a U: its bottom in the middle, the weight inside,
    and never narrower than a thousandth of the weight's size (a run that
    has converged still shows a U, not a point)."""
    if bottom is None or not math.isfinite(bottom):
        half = max(0.5, abs(weight) * 0.5)
        return weight - half, weight + half
    floor = 1e-3 * max(1.0, abs(bottom))
    half = max(abs(weight - bottom) * 1.3, floor)
    return bottom - half, bottom + half


def steady_window(start: tuple[float, float], ws: np.ndarray) -> tuple[float, float]:
    """The view after the points ws (oldest first) were visited: it grows,
    with a margin, only when a point would leave it. A function of the path
    alone, so stepping back returns to the very same view."""
    lo, hi = start
    ws = np.asarray(ws, dtype=np.float64)
    ws = ws[np.isfinite(ws)]
    if ws.size == 0:
        return lo, hi
    # Only points that set a new running extreme can leave the view.
    new_hi = ws > np.maximum.accumulate(np.append(hi, ws))[:-1]
    new_lo = ws < np.minimum.accumulate(np.append(lo, ws))[:-1]
    for w in ws[new_hi | new_lo]:
        if lo <= w <= hi:
            continue
        span = max(hi, w) - min(lo, w)
        with np.errstate(over="ignore"):
            if w > hi:
                hi = min(w + MARGIN * span, 1e308)
            else:
                lo = max(w - MARGIN * span, -1e308)
    return lo, hi


class UCurve(CanvasRenderable):
    """Error against one weight over a given view, with the step and the path.

    Args:
        ws, errs: the curve (from gdtui.engine.ucurve), any order.
        before: (weight, error) where the step was taken (``●``).
        after: (weight, error) where it lands (``◆``), or None before a step.
        slope: d error / d weight at ``before`` (a tangent).
        path: (weight, error) points visited before this step, oldest first.
        window: (w_lo, w_hi, error_hi): the view; the error axis starts at 0.
        log: error on a log scale (the explosion's U).
        bottom: the weight at the bottom of the U (``▿``), if any.
        mirror: a second point with the same error (measure-error's ``◇``).
        slope_label: the slope's value, worded (``slope −1.76``), written on
            the U's top row beside the tangent (which is drawn in line glyphs
            ``╱ ╲ ─ │``, so it reads without colour, and tilts further the
            farther the point is from the bottom).
        probes: hot-cold's two tries, (weight, error) down and up: ``-`` and
            ``+`` on either side of ``●``, a cell away at least (step_amount
            is far smaller than a cell: the caption says they are not to scale).
        title, caption: lines above and below the plot (already worded); short_title
            replaces the title in a column too narrow for it; shorter_captions
            are the caption with fewer digits, most first (see _caption), or
            a function that makes them: only a narrow column asks.
        x_label: the middle of the x axis's labels (the weight).
    """

    def __init__(
        self,
        ws: Sequence[float] | np.ndarray,
        errs: Sequence[float] | np.ndarray,
        before: tuple[float, float],
        *,
        after: tuple[float, float] | None = None,
        slope: float = 0.0,
        path: Sequence[tuple[float, float]] | np.ndarray = (),
        window: tuple[float, float, float] | None = None,
        log: bool = False,
        bottom: float | None = None,
        mirror: tuple[float, float] | None = None,
        slope_label: str = "",
        probes: tuple[tuple[float, float], tuple[float, float]] | None = None,
        title: str = "",
        short_title: str = "",
        caption: Sequence[str] = (),
        shorter_captions: Sequence[Sequence[str]] | Callable[[], Sequence[Sequence[str]]] = (),
        x_label: str = "",
        height: int = 10,
        style: Style = DEFAULT_STYLE,
        marker_style: Style = DEFAULT_MARKER_STYLE,
        path_style: Style = DEFAULT_PATH_STYLE,
        tangent_style: Style = DEFAULT_TANGENT_STYLE,
        axis_style: Style = DEFAULT_AXIS_STYLE,
    ) -> None:
        self.ws = np.array(ws, dtype=float).ravel()
        self.errs = np.array(errs, dtype=float).ravel()
        if len(self.ws) != len(self.errs):
            raise ValueError(f"ws and errs differ in length: {len(self.ws)} != {len(self.errs)}")
        self.before = (float(before[0]), float(before[1]))
        self.after = None if after is None else (float(after[0]), float(after[1]))
        self.slope = float(slope)
        self.path = np.array(path, dtype=float).reshape(-1, 2)
        self.window = window
        self.log = log
        self.bottom = bottom
        self.mirror = mirror
        self.slope_label = slope_label
        self.probes = probes
        self.title = title
        self.short_title = short_title  # for a column too narrow for the title
        self.caption = list(caption)
        self.shorter_captions = shorter_captions  # (a list, or what makes it when asked)
        self.x_label = x_label
        self.height = height
        self.style, self.marker_style, self.path_style = style, marker_style, path_style
        self.tangent_style, self.axis_style = tangent_style, axis_style

    # -- the view --------------------------------------------------------------
    def _view(self) -> tuple[float, float, float]:
        if self.window is not None:
            return self.window
        finite = np.isfinite(self.ws) & np.isfinite(self.errs)
        if not finite.any():
            w = self.before[0] if math.isfinite(self.before[0]) else 0.0
            return w - 1, w + 1, 1.0
        return (float(self.ws[finite].min()), float(self.ws[finite].max()),
                float(self.errs[finite].max()))

    def _y(self, errors) -> np.ndarray:
        """Error values as plotted: as they are, or log10 (0 has none: -inf)."""
        errors = np.asarray(errors, dtype=float)
        if not self.log:
            return errors
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(errors)

    def _y1(self, error: float) -> float:
        """_y of one error (a plain float on the linear scale, NumPy's log10 on the other)."""
        return float(error) if not self.log else float(self._y(error))

    def _y_range(self, e_hi: float) -> tuple[float, float]:
        if not self.log:
            return 0.0, e_hi if e_hi > 0 else 1.0
        points = [self.before[1], *self.path[:, 1]]
        if self.after is not None:
            points.append(self.after[1])
        positive = [p for p in points if math.isfinite(p) and p > 0]
        lo = min(positive) if positive else e_hi * 1e-6
        lo = min(lo, e_hi * 1e-3) if e_hi > 0 else 1e-12
        return math.log10(max(lo, 1e-300)), math.log10(max(e_hi, 1e-299))

    # -- rendering -------------------------------------------------------------
    def render_lines(self, width: int, height: int, ascii_only: bool) -> list[Row]:
        if width < 1 or height < 1:
            return []
        g = glyphs(ascii_only)
        caption = self._caption(width)
        caption = caption[: max(0, height - 2)]
        title = self.title
        if cell_len(title) > width and self.short_title:
            title = self.short_title
        if ascii_only:
            caption, title = [spelled(c) for c in caption], spelled(title)
        show_title = bool(title) and height >= 4 + len(caption)
        show_x_labels = height >= 3 + len(caption)
        plot_rows = max(1, height - len(caption) - show_x_labels - show_title)

        w_lo, w_hi, e_hi = self._view()
        y_lo, y_hi = self._y_range(e_hi)
        dot_h = dot_size(ascii_only)[1]
        y_scale = Scale(y_lo, y_hi, plot_rows * dot_h)
        ticks = y_ticks(y_scale, plot_rows, dot_h, log=self.log)
        gutter = gutter_width(ticks.values(), width)
        canvas = Canvas(width - gutter, plot_rows, ascii_only)
        x_scale = Scale(w_lo, w_hi, canvas.x_dots)

        keep = np.isfinite(self.ws) & np.isfinite(self.errs)
        if keep.any():
            order = np.argsort(self.ws[keep], kind="stable")
            xs = x_scale.to_dots(self.ws[keep][order])
            ys = y_scale.to_dots(self._y(self.errs[keep][order]))
            inside = np.isfinite(ys) & (ys <= canvas.y_dots - 0.5)  # walls leave by the top
            draw_series(
                canvas, round_dots(xs[inside], canvas.x_dots),
                round_dots(ys[inside], canvas.y_dots), self.style, ascii_char="*",
            )
        dots = lambda point: (x_scale.dot(point[0]), y_scale.dot(self._y1(point[1])))  # noqa: E731
        tangent = self._draw_tangent(canvas, x_scale, y_scale, g)
        if tangent is not None and self.slope_label:
            self._label_slope(canvas, tangent, spelled(self.slope_label) if ascii_only else self.slope_label)
        self._draw_path(canvas, x_scale, y_scale, dots, g)
        if self.bottom is not None and math.isfinite(self.bottom):
            bx = x_scale.dot(self.bottom)
            if 0 <= bx <= canvas.x_dots - 1:
                canvas.marker(bx, 0, g["bottom"], self.axis_style)
        if self.mirror is not None:
            self._marker(canvas, dots(self.mirror), g["mirror"], g)
        if self.probes is not None:
            self._draw_probes(canvas, dots)
        if self.after is not None:
            b, a = dots(self.before), dots(self.after)
            canvas.line(*b, *a, self.marker_style, ascii_char=".")
            self._marker(canvas, a, g["land"], g)
        self._marker(canvas, dots(self.before), g["on"], g)

        lines = frame_lines(canvas, ticks, gutter, self.axis_style)
        if show_title:
            lines.insert(0, padded_row(shorten(title, width, ascii_only), width, Style(bold=True)))
        if show_x_labels:
            left, right = distinct_labels([w_lo, w_hi])
            labels = spread_labels(width - gutter, left, self.x_label, right, ascii_only)
            lines.append(padded_row(" " * gutter + labels, width, self.axis_style))
        lines += [padded_row(shorten(c, width, ascii_only), width) for c in caption]
        return lines

    def _caption(self, width: int) -> list[str]:
        """The caption as it fits `width`: each line whole if it fits with all
        its digits (and a cell to spare beside the next column), else split at
        " · ", each part with the most digits that fit; never a cut number."""
        room = width - 1
        if all(cell_len(line) <= room for line in self.caption):
            return self.caption
        shorter = self.shorter_captions
        choices = [self.caption, *(shorter() if callable(shorter) else shorter)]
        lines: list[str] = []
        for i, line in enumerate(self.caption):
            alternatives = [c[i] if i < len(c) else line for c in choices]
            parts = [a.split(" · ") for a in alternatives]
            for j, part in enumerate(parts[0]):
                options = [p[j] for p in parts if j < len(p)] or [part]
                lines.append(next((o for o in options if cell_len(o) <= room), options[-1]))
        return lines

    def _marker(self, canvas: Canvas, dot: tuple[float, float], glyph: str, g: dict) -> None:
        """A point's glyph, or an arrow on the edge it left the view by."""
        x, y = dot
        if math.isnan(x):
            return
        if math.isnan(y):  # log scale and an error of exactly 0: the bottom row
            y = 0.0
        side = None
        if y > canvas.y_dots - 0.5:
            side = "up"
        elif x < -0.5:
            side = "left"
        elif x > canvas.x_dots - 0.5:
            side = "right"
        elif y < -0.5:
            side = "down"
        canvas.marker(x, y, g[side] if side else glyph, self.marker_style)

    def _draw_path(self, canvas: Canvas, x_scale: Scale, y_scale: Scale, dots, g: dict) -> None:
        """The points visited, joined one to the next: the zig-zag down (or up).
        Only the newest ones: a long run's path is a line along the curve.
        (In plain floats, point by point: a path is a few dozen points, and
        each NumPy call cost more than a point; the joins are drawn at once.)"""
        path = [dots((w, e)) for w, e in self.path[-PATH_JOINED:].tolist()
                if math.isfinite(w) and math.isfinite(e)]
        # An error of 0 on the log scale is -inf dots (and nan cannot be drawn): the bottom row.
        points = [(x, y if math.isfinite(y) else 0.0) for x, y in [*path, dots(self.before)]]
        x_max, y_max = canvas.x_dots - 1, canvas.y_dots - 1
        ends = []
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if 0 <= x0 <= x_max and 0 <= x1 <= x_max and 0 <= y0 <= y_max and 0 <= y1 <= y_max:
                # Itself (clip_segment's t = 0 and 1, worked out the same way).
                visible = x0, y0, x0 + 1.0 * (x1 - x0), y0 + 1.0 * (y1 - y0)
            else:  # (a join to a point off at infinity has no t = 1 to work out)
                visible = clip_segment(x0, y0, x1, y1, x_max, y_max)
            if visible is not None:
                ends.append([math.floor(v + 0.5) for v in visible])
        if ends:
            canvas.lines(*np.array(ends, dtype=np.int64).T, style=self.path_style, ascii_char=".")
        marked = [(math.floor(x + 0.5), math.floor(y + 0.5)) for x, y in path[-PATH_MARKED:]
                  if 0 <= x <= x_max and 0 <= y <= y_max]
        if marked:
            xs, ys = zip(*marked)
            canvas.markers(xs, ys, g["path"], self.path_style)

    def _draw_tangent(self, canvas: Canvas, x_scale: Scale, y_scale: Scale, g: dict) -> float | None:
        """A short line through the step's point, tilted by the slope (linear
        scale only, and only when the point is in view), in line glyphs so
        that it stands apart from the curve's braille dots without colour.
        Returns the point's x in dots (None when no tangent is drawn)."""
        if self.log or not math.isfinite(self.slope):
            return None
        x, y = x_scale.dot(self.before[0]), y_scale.dot(self.before[1])
        if not (0 <= x <= canvas.x_dots - 1 and 0 <= y <= canvas.y_dots - 1):
            return None
        w_per_dot, e_per_dot = x_scale.units_per_dot(), y_scale.units_per_dot()
        if e_per_dot == 0:
            angle = math.copysign(math.pi / 2, self.slope) if self.slope else 0.0
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                screen = float(np.float64(self.slope) * (w_per_dot / e_per_dot))
            angle = 0.0 if math.isnan(screen) else math.atan(screen)
        half = max(2.0 * canvas.dot_w, canvas.x_dots / 14)
        dx, dy = half * math.cos(angle), half * math.sin(angle)
        # The glyph by the angle as seen: a cell is twice as tall as wide, so
        # an ASCII dot (a cell) is too, a braille dot (2x4 in a cell) is square.
        seen = math.atan(math.tan(angle) * (2 / canvas.dot_h) * canvas.dot_w)
        canvas.glyph_line(x - dx, y - dy, x + dx, y + dy, _tangent_glyph(seen, canvas.ascii_only),
                          self.tangent_style)
        return x

    def _draw_probes(self, canvas: Canvas, dots) -> None:
        """`-` and `+` where weight − and + step_amount are, but never in the
        point's own cell: the point's neighbours when they are closer."""
        bx, by = dots(self.before)
        if not (math.isfinite(bx) and math.isfinite(by)):
            return
        col = round_dot(bx, canvas.x_dots) // canvas.dot_w
        for (w, e), glyph, side in ((self.probes[0], "-", -1), (self.probes[1], "+", 1)):
            x, y = dots((w, e))
            if not (math.isfinite(x) and math.isfinite(y)):
                continue
            at = round_dot(x, canvas.x_dots) // canvas.dot_w
            if side * (at - col) < 1:
                at = col + side
            if 0 <= at < canvas.cols:
                canvas.marker(at * canvas.dot_w, y, glyph, self.marker_style)

    def _label_slope(self, canvas: Canvas, x: float, label: str) -> None:
        """The slope's value on the top row, over the half the point is not
        in: the walls of a U are at the top corners, its middle is free."""
        width = cell_len(label)
        if width > canvas.cols:
            return
        col = int(x // canvas.dot_w)
        middle = canvas.cols // 2
        start = middle - width if col >= middle else middle
        start = max(0, min(canvas.cols - width, start))
        canvas.write(start, 0, label, self.tangent_style)


def _tangent_glyph(angle: float, ascii_only: bool) -> str:
    """The line-drawing character closest to a line at ``angle`` radians."""
    flat, steep, up, down = ("-", "|", "/", "\\") if ascii_only else ("─", "│", "╱", "╲")
    degrees = math.degrees(angle)
    if abs(degrees) < 22.5:
        return flat
    if abs(degrees) > 67.5:
        return steep
    return up if degrees > 0 else down


def _demo() -> None:
    from rich.console import Console

    ws = np.linspace(-0.22, 1.67, 161)
    errs = (ws * 1.1 - 0.8) ** 2
    err = lambda w: (w * 1.1 - 0.8) ** 2  # noqa: E731
    path = [(0.0, err(0.0)), (0.968, err(0.968))]
    Console().print(UCurve(
        ws, errs, (0.6952, err(0.6952)), after=(0.734008, err(0.734008)),
        slope=2 * (0.6952 * 1.1 - 0.8) * 1.1, path=path, window=(-0.22, 1.67, 1.0),
        bottom=0.8 / 1.1, title="a: input", caption=["w 0.6952 → 0.734 · error 0.00124 → 5.49e-05"],
        height=12,
    ))


if __name__ == "__main__":
    _demo()
