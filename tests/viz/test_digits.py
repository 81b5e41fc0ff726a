"""Tests for the MNIST renderables: DigitImage, WeightMap(s), DotProductView, OutputBars."""

from __future__ import annotations

import io

import numpy as np
import pytest
from rich.color import Color
from rich.console import Console
from rich.measure import Measurement
from rich.segment import Segment

from gdtui.viz.digits import (
    DigitImage,
    DotProductView,
    OutputBars,
    WeightLegend,
    WeightMap,
    WeightMaps,
    ring_image,
    smooth_noise,
)
from gdtui.viz.pixels import (
    ASCII_BOTH,
    ASCII_LOWER,
    ASCII_NEGATIVE,
    ASCII_SIGNED_GLYPHS,
    ASCII_UPPER,
    GREY_PALETTE,
    NAN_COLOUR,
    SIGNED_PALETTE,
    auto_scale,
    resample,
    two_colour_runs,
)
from gdtui.viz.scores import BarRow, bar_lines

NEGATIVE_GLYPHS = set(ASCII_NEGATIVE)  # "-="
POSITIVE_GLYPHS = set(ASCII_UPPER + ASCII_LOWER + ASCII_BOTH)  # ' " . o : #
NEUTRAL = SIGNED_PALETTE[len(SIGNED_PALETTE) // 2]


class AsciiFile(io.StringIO):
    """Rich derives options.ascii_only from the file's encoding (not UTF-* => ASCII)."""

    encoding = "ascii"


def console(width: int = 80, ascii_only: bool = False, color: bool = False) -> Console:
    file = AsciiFile() if ascii_only else io.StringIO()
    con = Console(
        file=file, width=width, color_system="truecolor" if color else None,
        legacy_windows=False, force_terminal=color,
    )
    assert con.options.ascii_only is ascii_only
    return con


def render(renderable, width: int = 80, ascii_only: bool = False) -> list[str]:
    """Printed output lines (colourless)."""
    con = console(width, ascii_only)
    con.print(renderable)
    return con.file.getvalue().rstrip("\n").split("\n")


def raw_lines(renderable, width: int, ascii_only: bool = False) -> list[list[Segment]]:
    """Segments per line exactly as the renderable yields them: no cropping by print()."""
    con = console(width, ascii_only)
    segments = con.render(renderable, con.options.update_width(width))
    return list(Segment.split_lines(segments))


def colours_of(lines: list[list[Segment]]) -> set[int]:
    """xterm colour numbers used by the map cells (title lines have no colour)."""
    found = set()
    for line in lines:
        for segment in line:
            style = segment.style
            if style is None:
                continue
            for colour in (style.color, style.bgcolor):
                if colour is not None and colour.number is not None:
                    found.add(colour.number)
    return found


def half_and_half(positive_left: bool = True) -> np.ndarray:
    """A 28x28 map: +1 on the left half, -1 on the right (or the other way round)."""
    weights = np.ones((28, 28))
    weights[:, 14:] = -1
    return weights if positive_left else -weights


@pytest.fixture
def maps() -> np.ndarray:
    return smooth_noise(np.random.default_rng(3))


def all_renderables(maps: np.ndarray) -> list:
    image = ring_image()
    scores = maps @ image.ravel()
    return [
        DigitImage(image, title="a ring"),
        WeightMap(maps[0], title="weights for 0", selected=True),
        WeightMap(maps[0], size="small"),
        WeightMaps(maps, selected=3),
        WeightMaps(maps, size="full"),
        WeightMaps(maps, size="small"),
        WeightLegend(scale=0.5),
        DotProductView(image, maps, 0, scores),
        OutputBars(np.linspace(-1, 2, 10), np.eye(10)[4]),
    ]


# --- shapes -------------------------------------------------------------------------


def test_full_map_is_28_columns_by_14_rows():
    lines = render(WeightMap(np.zeros(784)), width=80)
    assert len(lines) == 14
    assert all(len(line) == 28 for line in lines)


def test_title_adds_one_line_and_is_centred():
    lines = render(DigitImage(ring_image(), title="zero"))
    assert len(lines) == 15
    assert lines[0].strip() == "zero"
    assert lines[0].index("zero") == (28 - 4) // 2


def test_small_map_is_14_columns_by_7_rows():
    lines = render(WeightMap(np.zeros(784), size="small"))
    assert len(lines) == 7
    assert all(len(line) == 14 for line in lines)


def test_digit_image_ascii_shape_and_ramp():
    lines = render(DigitImage(ring_image()), ascii_only=True)
    assert len(lines) == 14 and all(len(line) == 28 for line in lines)
    assert lines[0].strip() == ""  # top of the ring image is empty
    assert "#" in "".join(lines)
    white = render(DigitImage(np.ones(784)), ascii_only=True)
    assert set("".join(white)) == {"@"}  # the brightest glyph ends the ramp


def test_uint8_and_float_images_look_the_same():
    image = ring_image()
    assert render(DigitImage((image * 255).round().astype(np.uint8))) == render(DigitImage(image))


def test_flat_784_and_square_inputs_agree(maps):
    assert render(WeightMap(maps[1])) == render(WeightMap(maps[1].reshape(28, 28)))


def test_bad_shape_is_rejected_at_construction():
    with pytest.raises(ValueError):
        WeightMap(np.zeros(100 + 1))


# --- ASCII -----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [20, 80, 160])
def test_ascii_mode_is_pure_ascii(maps, width):
    for renderable in all_renderables(maps):
        text = "\n".join(render(renderable, width=width, ascii_only=True))
        assert text.isascii(), type(renderable).__name__


def test_ascii_preserves_sign():
    lines = render(WeightMap(half_and_half()), ascii_only=True)
    for line in lines:
        assert set(line[:14]) <= POSITIVE_GLYPHS
        assert set(line[14:]) <= NEGATIVE_GLYPHS
    flipped = render(WeightMap(half_and_half(positive_left=False)), ascii_only=True)
    assert all(set(line[:14]) <= NEGATIVE_GLYPHS for line in flipped)


def test_ascii_selected_title_is_bracketed(maps):
    lines = render(WeightMaps(maps, selected=3, size="small", legend=False), width=80, ascii_only=True)
    assert "[3]" in lines[0]
    assert "[0]" not in lines[0]


def test_legend_explains_ascii_glyphs():
    (line,) = render(WeightLegend(True, scale=0.25), ascii_only=True)
    assert "-0.250" in line and "+0.250" in line
    assert all(glyph in line for glyph in ASCII_SIGNED_GLYPHS.replace(" ", ""))


@pytest.mark.parametrize("title,width,nan", [
    ("weights", 80, True),  # the whole key fits
    ("weights of 0 after step 1", 120, True),
    ("weights of 0 after step 1", 78, False),  # the mnist screen's legend at 80 columns
    ("weights of 9 after step 10000", 78, False),
    ("weights", 58, False),  # the maps panel beside another
])
def test_ascii_legend_keeps_its_key_whole(title, width, nan):
    (line,) = render(WeightLegend(True, scale=0.002, title=title), width=width, ascii_only=True)
    assert len(line) <= width and line.startswith(title) and "+0.002" in line
    assert all(glyph in line for glyph in ASCII_SIGNED_GLYPHS.replace(" ", ""))
    assert all(name in line for name in ("top", "low", "both)" if not nan else "both, ? nan)"))


# --- colours ----------------------------------------------------------------------------


def test_unicode_sign_uses_diverging_palette():
    lines = raw_lines(WeightMap(half_and_half()), 80)
    assert colours_of(lines) == {SIGNED_PALETTE[0], SIGNED_PALETTE[-1]}


def test_digit_uses_grey_palette_only():
    assert colours_of(raw_lines(DigitImage(ring_image()), 80)) <= set(GREY_PALETTE)


def test_equal_runs_share_one_style_object(maps):
    """Reusing Style objects keeps rendering cheap and makes equal styles merge."""
    styles = {}
    for line in raw_lines(WeightMaps(maps, legend=False), 160):
        for segment in line:
            if segment.style is not None and segment.style.bgcolor is not None:
                assert styles.setdefault(segment.style, segment.style) is segment.style


def decode(segments: list[Segment]) -> list[tuple[int, int]]:
    """(upper, lower) colour per cell, read back from half-block segments."""
    cells = []
    for segment in segments:
        fg = segment.style.color.number if segment.style.color else None
        bg = segment.style.bgcolor.number
        lookup = {" ": (bg, bg), "█": (fg, fg), "▀": (fg, bg), "▄": (bg, fg)}
        cells += [lookup[glyph] for glyph in segment.text]
    return cells


def test_two_colour_runs_draw_every_cell_exactly():
    rng = np.random.default_rng(5)
    for _ in range(500):
        count, colours = int(rng.integers(1, 30)), int(rng.integers(1, 5))
        top = rng.integers(16, 16 + colours, count).tolist()
        bottom = rng.integers(16, 16 + colours, count).tolist()
        segments = two_colour_runs(top, bottom)
        assert decode(segments) == list(zip(top, bottom))
        # every segment uses at most two colours, so neighbours need a third to split
        assert len(segments) <= count


def test_uniform_row_is_one_segment():
    (segment,) = two_colour_runs([20] * 28, [20] * 28)
    assert segment.text == " " * 28 and segment.style.color is None


def test_shared_scale_makes_small_weights_faint():
    pattern = half_and_half()
    stack = np.stack([pattern.ravel(), 0.01 * pattern.ravel()] + [np.zeros(784)] * 8)
    # Map 1 with the scale shared by the ten vs with its own scale.
    shared = colours_of(raw_lines(WeightMap(stack[1], scale=auto_scale(stack)), 80))
    own = colours_of(raw_lines(WeightMap(stack[1]), 80))
    assert shared == {NEUTRAL}
    assert own == {SIGNED_PALETTE[0], SIGNED_PALETTE[-1]}
    ascii_lines = render(WeightMaps(stack, size="full", legend=False), width=200, ascii_only=True)
    first_map = [line[:28] for line in ascii_lines[1:15]]
    second_map = [line[29:57] for line in ascii_lines[1:15]]
    assert all(set(line) == {"#", "="} for line in first_map)  # strong ink in both pixels
    assert all(set(line) == {" "} for line in second_map)


def test_explicit_scale_saturates_large_weights():
    lines = raw_lines(WeightMap(half_and_half() * 5, scale=1.0), 80)
    assert colours_of(lines) == {SIGNED_PALETTE[0], SIGNED_PALETTE[-1]}


# --- awkward values ---------------------------------------------------------------------


def test_all_zero_weights_are_neutral():
    assert auto_scale(np.zeros(784)) == 1.0
    assert colours_of(raw_lines(WeightMap(np.zeros(784)), 80)) == {NEUTRAL}
    assert set("".join(render(WeightMap(np.zeros(784)), ascii_only=True))) == {" "}
    render(WeightMaps(np.zeros((10, 784))))
    render(DotProductView(np.zeros(784), np.zeros((10, 784)), 0, np.zeros(10)))
    render(OutputBars(np.zeros(10), np.zeros(10)))


def test_nan_and_inf_weights_do_not_crash():
    weights = np.zeros((28, 28))
    weights[0:2, 0] = np.nan
    weights[0:2, 1] = np.inf
    weights[0:2, 2] = -np.inf
    (first, *_) = render(WeightMap(weights), ascii_only=True)
    assert first[:3] == "?#="  # NaN is special, +-inf are the extremes
    assert NAN_COLOUR in colours_of(raw_lines(WeightMap(weights), 80))
    everything_bad = np.full((10, 784), np.nan)
    render(WeightMaps(everything_bad))
    render(WeightMaps(everything_bad), ascii_only=True)
    render(DotProductView(ring_image(), everything_bad, 3, np.full(10, np.nan)))
    render(OutputBars([np.nan, np.inf, -np.inf, 1e308] + [0] * 6, np.eye(10)[0]))


def test_nan_survives_downsampling():
    values = np.zeros((28, 28))
    values[5, 5] = np.nan
    small = resample(values, 14, 14)
    assert np.isnan(small[2, 2]) and np.isfinite(small).sum() == 14 * 14 - 1


# --- widths ------------------------------------------------------------------------------


@pytest.mark.parametrize("ascii_only", [False, True])
def test_every_width_fits(maps, ascii_only):
    for renderable in all_renderables(maps):
        for width in range(10, 251, 7):
            for line in raw_lines(renderable, width, ascii_only):
                assert Segment.get_line_length(line) <= width, (type(renderable).__name__, width)
            con = console(width, ascii_only)
            measured = Measurement.get(con, con.options, renderable)
            assert 0 <= measured.minimum <= measured.maximum <= width


def test_tiny_widths_never_raise(maps):
    for renderable in all_renderables(maps):
        for width in (1, 2, 3, 5):
            raw_lines(renderable, width)
            raw_lines(renderable, width, ascii_only=True)


def test_narrow_map_is_downsampled_not_cropped():
    lines = render(WeightMap(half_and_half()), width=12, ascii_only=True)
    assert all(len(line) == 12 for line in lines)
    assert set(lines[0][:6]) <= POSITIVE_GLYPHS and set(lines[0][6:]) <= NEGATIVE_GLYPHS


# --- WeightMaps layout ---------------------------------------------------------------------


def test_weight_maps_at_80_columns_are_small_five_per_row(maps):
    lines = render(WeightMaps(maps, legend=False), width=80)
    assert len(lines) == 2 * (1 + 7)
    assert lines[0].split() == ["0", "1", "2", "3", "4"]
    assert lines[8].split() == ["5", "6", "7", "8", "9"]


def test_weight_maps_at_160_columns_are_full_five_per_row(maps):
    lines = render(WeightMaps(maps), width=160)
    assert len(lines) == 2 * (1 + 14) + 1  # two rows of five, plus the legend
    assert "weights:" in lines[-1]


def test_small_maps_fit_ten_in_a_row_at_150(maps):
    lines = render(WeightMaps(maps, size="small", legend=False), width=150)
    assert len(lines) == 1 + 7
    assert lines[0].split() == [str(d) for d in range(10)]


def test_auto_size_respects_height(maps):
    assert WeightMaps(maps).layout(160, None) == (28, 5)
    assert WeightMaps(maps).layout(160, 20) == (16, 5)  # two rows of 1 + 8 lines, and the legend
    assert WeightMaps(maps).layout(80, None) == (14, 5)
    assert WeightMaps(maps).layout(300, 17) == (28, 10)  # one row of ten is larger here


def test_ten_maps_at_120_by_40_are_two_rows_of_five_22_wide(maps):
    """The maps screen at 120x40 leaves about 117 x 36 cells for them."""
    side, per_row = WeightMaps(maps).layout(117, 36)
    assert (side, per_row) == (22, 5)
    con = console(117)
    shown = list(Segment.split_lines(con.render(WeightMaps(maps), con.options.update(width=117, height=36))))
    assert len(shown) == 2 * (1 + 11) + 1 <= 36


def test_book_layout_784_by_10_is_accepted(maps):
    assert render(WeightMaps(maps.T)) == render(WeightMaps(maps))


# --- bars -----------------------------------------------------------------------------------


def test_dot_product_view_marks_best_and_chosen(maps):
    scores = np.array([0.1, 0.2, 0.9, -0.3, 0.0, 0.5, 0.4, 0.3, 0.2, 0.1])
    for ascii_only in (False, True):
        lines = render(DotProductView(ring_image(), maps, 7, scores), width=80, ascii_only=ascii_only)
        best = [line for line in lines if "best" in line]
        assert len(best) == 1 and "0.900" in best[0]
        chosen = ">" if ascii_only else "▶"
        marked = [line for line in lines if chosen + "7" in line]
        assert len(marked) == 1 and "0.300" in marked[0]


def test_dot_product_view_sum_matches_the_score(maps):
    image = ring_image()
    scores = maps @ image.ravel()
    text = "\n".join(render(DotProductView(image, maps, 4, scores), width=100))
    assert f"= {scores[4]:.3f}" in text


def test_dot_product_view_stacks_when_narrow(maps):
    scores = maps @ ring_image().ravel()
    wide = render(DotProductView(ring_image(), maps, 0, scores), width=100)
    narrow = render(DotProductView(ring_image(), maps, 0, scores), width=40)
    assert len(narrow) > len(wide)
    assert any("best" in line for line in narrow)


def test_output_bars_print_real_numbers_and_mark_argmax():
    pred = np.array([0.1, 2.345, -0.75, 0, 0, 0, 0, 0, 0.98, 0])
    lines = render(OutputBars(pred, np.eye(10)[8]), width=80, ascii_only=True)
    assert len(lines) == 11  # header + ten digits
    assert "pred" in lines[0] and "goal" in lines[0]
    row1 = lines[2]
    assert "2.345" in row1 and "< max" in row1  # clipped bar, real number, marker
    assert "-0.750" in lines[3]
    assert lines[9].rstrip().endswith("1")  # digit 8's goal
    assert sum("max" in line for line in lines) == 1


def test_output_bars_length_grows_with_prediction():
    lines = render(OutputBars([0.0, 0.5, 1.0, 1.5, 3.0], [0, 0, 1, 0, 0], labels="abcde"), ascii_only=True)
    lengths = [line.count("#") for line in lines[1:]]
    assert lengths[0] == 0 and lengths[0] < lengths[1] < lengths[2] < lengths[3] == lengths[4]


# --- bytes ------------------------------------------------------------------------------------


def test_weight_maps_stay_cheap_on_the_wire(one_pass):
    """Quantised shades + merged runs: ten small maps at 80 columns stay well under
    the ~37 bytes per cell of a per-cell gradient (980 cells -> ~36 KB)."""
    file = io.StringIO()
    Console(file=file, width=80, force_terminal=True, color_system="truecolor").print(WeightMaps(one_pass))
    assert len(file.getvalue().encode()) < 15_000


# --- the picture survives: shades against weights, the palette's lightness -------------


@pytest.fixture(scope="module")
def one_pass() -> np.ndarray:
    """The weights after one pass over the first 1,000 shipped images, alpha 0.002."""
    from gdtui.data.shipped import load_shipped

    images, labels = load_shipped()
    x = images[:1000].reshape(1000, -1) / 255.0
    goals = np.eye(10)[labels[:1000]]
    weights = np.zeros((10, 784))
    for image, goal in zip(x, goals):
        weights -= 0.002 * np.outer(weights @ image - goal, image)
    return weights


def drawn_levels(lines: list[list[Segment]]) -> np.ndarray:
    """Palette level of every pixel drawn by half-block lines (two pixel rows per line)."""
    index = {colour: level for level, colour in enumerate(SIGNED_PALETTE)}
    rows = []
    for line in lines:
        cells = decode(line)
        rows.append([index[top] for top, _ in cells])
        rows.append([index[bottom] for _, bottom in cells])
    return np.array(rows, dtype=float)


@pytest.mark.parametrize("side", [28, 22, 14])
def test_drawn_shades_correlate_with_the_weights(one_pass, side):
    """What a weight map draws at each size the screens use (full, 120x40's
    ten maps, 80x24's) keeps the picture: its shade levels correlate >= 0.9
    with the weights it shows (area-averaged to its cells). Measured: 0.96-0.99."""
    scale = auto_scale(one_pass)
    for digit, weights in enumerate(one_pass):
        lines = raw_lines(WeightMap(weights, scale=scale, size=side), 80)
        levels = drawn_levels(lines)
        assert levels.shape == (side, side)
        shown = resample(weights.reshape(28, 28), side, side)
        assert np.corrcoef(levels.ravel(), shown.ravel())[0, 1] >= 0.9, digit


def ascii_pixels(lines: list[str]) -> np.ndarray:
    """What an ASCII weight map says of each pixel (two pixel rows a line):
    -2 .. 2, the upper and the lower pixel of each glyph."""
    upper = {g: k + 1 for k, g in enumerate(ASCII_UPPER)} | {g: k + 1 for k, g in enumerate(ASCII_BOTH)}
    lower = {g: k + 1 for k, g in enumerate(ASCII_LOWER)} | {g: k + 1 for k, g in enumerate(ASCII_BOTH)}
    stroke = {g: -(k + 1) for k, g in enumerate(ASCII_NEGATIVE)}
    rows = []
    for line in lines:
        rows.append([upper.get(g, stroke.get(g, 0)) for g in line])
        rows.append([lower.get(g, stroke.get(g, 0)) for g in line])
    return np.array(rows, dtype=float)


@pytest.mark.parametrize("side", [28, 22, 14])
def test_ascii_maps_keep_the_shape_of_the_weights(one_pass, side):
    """ASCII: each glyph says which of its two pixels holds the ink, so the
    map keeps the weights' shape at full height: read back pixel by pixel it
    correlates >= 0.75 with the weights (area-averaged to its pixels) at every
    size the screens use. Measured after one pass: 0.86-0.92 at 28, 0.83-0.89
    at 22, 0.77-0.89 at 80x24's 14 (the one-glyph-a-cell ramp '=-. +*@':
    0.72-0.93 at 14, each glyph two pixels tall)."""
    scale = auto_scale(one_pass)
    for digit, weights in enumerate(one_pass):
        lines = [line[:side] for line in render(WeightMap(weights, scale=scale, size=side), 80,
                                                ascii_only=True)]
        drawn = ascii_pixels(lines)
        assert drawn.shape == (side, side)
        shown = resample(weights.reshape(28, 28), side, side)
        assert np.corrcoef(drawn.ravel(), shown.ravel())[0, 1] >= 0.75, digit


def cie_lightness(colour: int) -> float:
    """L* of an xterm-256 colour (16-255), computed from its RGB here, independently."""
    if colour >= 232:
        rgb = [8 + 10 * (colour - 232)] * 3
    else:
        steps = (0, 95, 135, 175, 215, 255)
        n = colour - 16
        rgb = [steps[n // 36], steps[n // 6 % 6], steps[n % 6]]
    linear = [(c / 255 / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else 24389 / 27 * y


def test_palette_is_a_symmetric_lightness_ramp():
    """Bright = high, dark = negative, mid grey = 0; at most 16 levels; level
    -k and +k equally far from the middle in lightness (within 4 L*)."""
    assert len(SIGNED_PALETTE) <= 16 and len(SIGNED_PALETTE) % 2 == 1
    lightness = [cie_lightness(c) for c in SIGNED_PALETTE]
    assert lightness == sorted(lightness) and len(set(lightness)) == len(lightness)
    middle = len(SIGNED_PALETTE) // 2
    assert SIGNED_PALETTE[middle] == 244  # the xterm ramp's mid grey
    for k in range(1, middle + 1):
        below, above = lightness[middle] - lightness[middle - k], lightness[middle + k] - lightness[middle]
        assert abs(above - below) <= 4, k
    # NO_COLOR: Textual shows each colour's luma; the order must survive that too.
    luma = []
    for colour in SIGNED_PALETTE:
        triplet = Color.from_ansi(colour).get_truecolor()
        luma.append(0.2126 * triplet.red + 0.7152 * triplet.green + 0.0722 * triplet.blue)
    assert luma == sorted(luma)


@pytest.mark.parametrize("ascii_only", [False, True])
def test_legend_names_lightness_not_hues(ascii_only):
    (line,) = render(WeightLegend(ascii_only, scale=0.5), ascii_only=ascii_only)
    if not ascii_only:
        assert "dark" in line and "bright" in line
    for hue in ("blue", "white", "red", "pink"):
        assert hue not in line


@pytest.mark.parametrize("width,header,whole", [
    (40, ("dot products", "score", ""), ["dot products", "score"]),  # room over the bars
    # 7 cells of bars (the dot page at 80 columns): over the bars and their numbers
    (17, ("dot products", "score", ""), ["dot products"]),
    (17, ("点积", "得分", ""), ["点积", "得分"]),
    (17, ("output", "pred", ""), ["output", "pred"]),
])
def test_a_bar_charts_caption_is_not_cut_short_over_its_bars(width, header, whole):
    rows = [BarRow(str(d), v) for d, v in enumerate([-0.04, 0.394, 0.097, -0.013])]
    heading = bar_lines(rows, width, -0.1, 0.4, False, header=header)[0].plain
    assert "…" not in heading and all(word in heading for word in whole), heading
