"""UCurve: the chapter's "U-curve" - error as a function of ONE weight.

Everything else (inputs, other weights, goal) is held fixed, so the error is a
curve over that weight.  On top of the curve we draw the points gradient
descent has visited (``○``), the current point (``●``) and a short tangent
whose tilt is the slope (d error / d weight) there - the thing the update uses:

        1.8┤⠑⢄
           │ ⠈⠓○
       0.91┤    ⠑⠤⡀                    ⢀
           │      ╲╲●╲              ⣀⡠⠖⠁
    6.4e-05┤          ╲⠒⠢⠤⢄⣀⣀⣀⣀⣀⠤⠴⠒⠋⠁
            -0.5  weight a (toes)    1.5
    w=0.1000 err=0.4761 slope=-1.52

Pure function of its inputs (plain numbers / numpy arrays in), so the same
object renders inside a Textual widget and on a plain ``rich`` Console.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from rich.style import Style
from rich.text import Text

from gdtui.viz.plotting import (
    Canvas,
    CanvasRenderable,
    Scale,
    compact_number,
    draw_series,
    fixed_or_compact,
    frame_lines,
    gutter_width,
    padded,
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

# Current-point glyphs: on the plot, or pinned to an edge because it is off it.
CURRENT_GLYPHS = {
    False: {"on": "●", "left": "◀", "right": "▶", "up": "▲", "down": "▼", "path": "○"},
    True: {"on": "O", "left": "<", "right": ">", "up": "^", "down": "v", "path": "o"},
}


class UCurve(CanvasRenderable):
    """Error against one weight, with the descent path, current point and tangent.

    Args:
        ws: weight values along the x-axis (any order; sorted for drawing).
        errs: error at each of ``ws``.
        current_w, current_error: where the weight is now (``●``).  Off the plot
            it is pinned to the nearest edge and drawn as an arrow pointing out.
        slope: d error / d weight at the current point (drawn as a tangent).
        path: (w, error) points visited so far, oldest first (``○``).
        label: names the weight, shown under the x-axis.
        frozen: this weight is not being updated; adds "(frozen)" to the caption.
        height: total rows (labels and caption included) when the console
            does not dictate a height.
        style / marker_style / path_style / tangent_style / axis_style: Rich
            styles.  Glyphs alone carry the meaning, so it reads without colour.
    """

    def __init__(
        self,
        ws: Sequence[float] | np.ndarray,
        errs: Sequence[float] | np.ndarray,
        current_w: float,
        current_error: float,
        slope: float,
        path: Sequence[tuple[float, float]] | np.ndarray = (),
        label: str = "weight",
        frozen: bool = False,
        height: int = 8,
        *,
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
        self.current_w = float(current_w)
        self.current_error = float(current_error)
        self.slope = float(slope)
        self.path = np.array(path, dtype=float).reshape(-1, 2)
        self.label = label
        self.frozen = frozen
        self.height = height
        self.style = style
        self.marker_style = marker_style
        self.path_style = path_style
        self.tangent_style = tangent_style
        self.axis_style = axis_style

    # -- data ranges ---------------------------------------------------------

    def _curve_points(self) -> tuple[np.ndarray, np.ndarray]:
        """The finite curve points, sorted by weight."""
        keep = np.isfinite(self.ws) & np.isfinite(self.errs)
        ws, errs = self.ws[keep], self.errs[keep]
        order = np.argsort(ws, kind="stable")
        return ws[order], errs[order]

    def _ranges(self, ws: np.ndarray, errs: np.ndarray) -> tuple[float, float, float, float]:
        """(w_lo, w_hi, err_lo, err_hi): the curve's extent.

        Points off the curve's extent are pinned to the edges rather than
        stretching the axes, so the U keeps its shape.  Without a curve, fall
        back to the path and current point.
        """
        if len(ws) == 0:
            points = np.vstack([self.path, [[self.current_w, self.current_error]]])
            points = points[np.isfinite(points).all(axis=1)]
            ws, errs = points[:, 0], points[:, 1]
        if len(ws) == 0:
            return 0.0, 0.0, 0.0, 0.0
        return ws.min(), ws.max(), errs.min(), errs.max()

    # -- rendering -----------------------------------------------------------

    def render_lines(self, width: int, height: int, ascii_only: bool) -> list[Text]:
        if width < 1 or height < 1:
            return []
        # Room goes to the plot first, then the caption, then the x labels,
        # then the title (the weight's name). A caption too long for a narrow
        # column is split in two, so the slope is never cut off.
        captions = self.caption_lines(width)
        show_caption = height >= 2
        show_x_labels = height >= 3
        show_title = height >= 5
        if show_caption and len(captions) == 2 and height < 7:
            captions = [" ".join(captions)]
        plot_rows = height - (len(captions) if show_caption else 0) - show_x_labels - show_title

        ws, errs = self._curve_points()
        w_lo, w_hi, err_lo, err_hi = self._ranges(ws, errs)
        probe = Canvas(1, plot_rows, ascii_only)
        y_scale = Scale(err_lo, err_hi, probe.y_dots)
        ticks = y_ticks(y_scale, probe)
        gutter = gutter_width(ticks.values(), width)
        canvas = Canvas(width - gutter, plot_rows, ascii_only)
        x_scale = Scale(w_lo, w_hi, canvas.x_dots)

        if len(ws):
            xs = round_dots(x_scale.to_dots(ws), canvas.x_dots)
            ys = round_dots(y_scale.to_dots(errs), canvas.y_dots)
            draw_series(canvas, xs, ys, self.style, ascii_char="*")
        self._draw_tangent(canvas, x_scale, y_scale)
        self._draw_path(canvas, x_scale, y_scale)
        self._draw_current(canvas, x_scale, y_scale)

        lines = frame_lines(canvas.to_lines(), ticks, gutter, ascii_only, self.axis_style)
        if show_title:
            title = self.label + (" (frozen)" if self.frozen else "")
            lines.insert(0, padded(shorten(title, width, ascii_only), width, Style(bold=True)))
        if show_x_labels:
            labels = spread_labels(
                width - gutter, compact_number(w_lo), "", compact_number(w_hi), ascii_only
            )
            lines.append(padded(" " * gutter + labels, width, self.axis_style))
        if show_caption:
            lines += [padded(shorten(c, width, ascii_only), width) for c in captions]
        return lines

    def caption_lines(self, width: int) -> list[str]:
        """The caption on one line if it fits, else split before the slope."""
        text = self.caption()
        if len(text) <= width:
            return [text]
        head, _, slope = text.rpartition(" slope=")
        return [head, "slope=" + slope]

    def caption(self) -> str:
        """E.g. ``w=0.1000 err=0.0196 slope=-2.38 (frozen)``."""
        text = (
            f"w={fixed_or_compact(self.current_w, 4)} "
            f"err={fixed_or_compact(self.current_error, 4)} "
            f"slope={fixed_or_compact(self.slope, 2)}"
        )
        return text + " (frozen)" if self.frozen else text

    def _current_dot(self, x_scale: Scale, y_scale: Scale) -> tuple[float, float] | None:
        """Current point in (unclipped) dots, or None if it is nan."""
        x = float(x_scale.to_dots(self.current_w))
        y = float(y_scale.to_dots(self.current_error))
        if math.isnan(x) or math.isnan(y):
            return None
        return x, y

    def _off_plot_side(self, canvas: Canvas, x: float, y: float) -> str | None:
        """Which edge an off-plot point is pinned to ('up', 'left', ...), if any."""
        if y > canvas.y_dots - 0.5:
            return "up"
        if y < -0.5:
            return "down"
        if x < -0.5:
            return "left"
        if x > canvas.x_dots - 0.5:
            return "right"
        return None

    def _draw_current(self, canvas: Canvas, x_scale: Scale, y_scale: Scale) -> None:
        dot = self._current_dot(x_scale, y_scale)
        if dot is None:
            return
        side = self._off_plot_side(canvas, *dot)
        glyph = CURRENT_GLYPHS[canvas.ascii_only][side or "on"]
        x = round_dots(np.array([dot[0]]), canvas.x_dots)
        y = round_dots(np.array([dot[1]]), canvas.y_dots)
        canvas.markers(x, y, glyph, self.marker_style)

    def _draw_path(self, canvas: Canvas, x_scale: Scale, y_scale: Scale) -> None:
        points = self.path[np.isfinite(self.path).all(axis=1)]
        xs = round_dots(x_scale.to_dots(points[:, 0]), canvas.x_dots)
        ys = round_dots(y_scale.to_dots(points[:, 1]), canvas.y_dots)
        canvas.markers(xs, ys, CURRENT_GLYPHS[canvas.ascii_only]["path"], self.path_style)

    def _draw_tangent(self, canvas: Canvas, x_scale: Scale, y_scale: Scale) -> None:
        """A short line through the current point, tilted by the slope.

        Skipped when the current point is off the plot (a tangent at the pinned
        position would be a lie) or the slope is not finite.
        """
        dot = self._current_dot(x_scale, y_scale)
        if dot is None or self._off_plot_side(canvas, *dot) or not math.isfinite(self.slope):
            return
        angle = self._screen_angle(x_scale, y_scale)
        # Half-length in dots: a few cells, so it reads as a local tilt.
        half = max(2.0 * canvas.dot_w, canvas.x_dots / 14)
        dx, dy = half * math.cos(angle), half * math.sin(angle)
        x, y = dot
        glyph = _tangent_glyph(angle, canvas.ascii_only)
        canvas.glyph_line(x - dx, y - dy, x + dx, y + dy, glyph, self.tangent_style)

    def _screen_angle(self, x_scale: Scale, y_scale: Scale) -> float:
        """Angle of the tangent on screen, in radians (0 = flat, +pi/2 = straight up).

        slope is in error units per weight unit; on screen that becomes
        slope * (weight units per dot) / (error units per dot).
        """
        if self.slope == 0:
            return 0.0
        w_per_dot = x_scale.units_per_dot()
        err_per_dot = y_scale.units_per_dot()
        if err_per_dot == 0:  # flat error axis: any non-zero slope is vertical
            return math.copysign(math.pi / 2, self.slope)
        with np.errstate(over="ignore"):
            screen_slope = float(np.float64(self.slope) * (w_per_dot / err_per_dot))
        if math.isnan(screen_slope):
            return 0.0
        return math.atan(screen_slope)  # atan copes with +-inf


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

    console = Console()
    ws = np.linspace(-0.5, 1.5, 201)
    errs = (ws * 1.1 - 0.8) ** 2
    path = [(w, (w * 1.1 - 0.8) ** 2) for w in (-0.3, 0.1, 0.35, 0.5)]
    w = 0.6
    err = (w * 1.1 - 0.8) ** 2
    slope = 2 * (w * 1.1 - 0.8) * 1.1
    console.print(UCurve(ws, errs, w, err, slope, path, label="weight a (toes)", height=12))
    console.print()
    # Input 0: the error does not depend on this weight at all.
    console.print(
        UCurve(ws, np.full_like(ws, 0.64), 0.5, 0.64, 0.0, label="weight b (wins)", frozen=True)
    )
    console.print()
    # Diverging: the current point has left the plot (drawn as an arrow on the edge).
    console.print(UCurve(ws, errs, 3.0, (3.0 * 1.1 - 0.8) ** 2, 5.5, path, label="weight c"))


if __name__ == "__main__":
    _demo()
