"""Read and write IDX files, the format MNIST is distributed in.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number
of dimensions), one big-endian uint32 per dimension, then the raw values.
MNIST only uses unsigned bytes (type code 0x08), so that is all we support.

Every problem becomes a DataError whose text is one line, "FILE: problem",
because the CLI prints it as-is and a learner has to be able to act on it.
"""

from __future__ import annotations

import contextlib
import gzip as _gzip
import math
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from gdtui.text.safe import visible

GZIP_MAGIC = b"\x1f\x8b"
UBYTE = 0x08
IMAGES_MAGIC = 0x00000803  # uint8, 3 dimensions: count, rows, cols
LABELS_MAGIC = 0x00000801  # uint8, 1 dimension: count
IMAGE_SHAPE = (28, 28)

_KIND = {IMAGES_MAGIC: "images", LABELS_MAGIC: "labels"}
_A_FILE = {IMAGES_MAGIC: "an images file", LABELS_MAGIC: "a labels file"}


def _shorten(text: str, limit: int = 240) -> str:
    """A path of thousands of characters, cut in the middle: the line stays readable."""
    return text if len(text) <= limit else f"{text[:limit - 80]}...{text[-77:]}"


class DataError(Exception):
    """A data file is missing, damaged or not what we expected (one-line message)."""

    def __init__(self, where: str | os.PathLike, problem: str) -> None:
        # The file or directory concerned ("" if the problem names it); paths
        # come from flags and the environment, so control characters are shown.
        self.where = _shorten(visible(str(where)))
        # Collapse whitespace so wrapped library messages stay on one line.
        self.problem = visible(" ".join(str(problem).split()))
        super().__init__(f"{self.where}: {self.problem}" if self.where else self.problem)


# The largest MNIST file: the training split's 60,000 images of 28x28. Headers
# are checked against these before anything is allocated or inflated.
MAX_COUNT = 60_000
MAX_BYTES = MAX_COUNT * IMAGE_SHAPE[0] * IMAGE_SHAPE[1]
# Past the declared data we read at most this much to say how much is extra:
# a gzip bomb stops here instead of inflating to gigabytes.
TRAILING_SCAN = 1 << 20
READ_CHUNK = 1 << 22


@contextlib.contextmanager
def _idx_stream(path: Path) -> Iterator[BinaryIO]:
    """The file's IDX bytes as a stream, un-gzipped on the fly if it starts
    with the gzip magic; read errors of any kind become DataError."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except OSError as exc:
        raise DataError(path, f"cannot read: {exc.strerror or exc}") from None
    with raw:
        try:
            start = raw.read(2)
            raw.seek(0)
        except OSError as exc:
            raise DataError(path, f"cannot read: {exc.strerror or exc}") from None
        # Decide by content, not by name: people gunzip files and keep the name.
        if start == GZIP_MAGIC:
            try:
                with _gzip.GzipFile(fileobj=raw) as stream:
                    yield stream
            except EOFError:
                raise DataError(path, "corrupt gzip data: the compressed stream is cut short") from None
            except (OSError, zlib.error) as exc:
                raise DataError(path, f"corrupt gzip data: {exc}") from None
            return
        # Real IDX files start with two zero bytes; anything else named .gz is
        # typically an HTML error page saved by a failed download.
        if path.name.endswith(".gz") and start != b"\x00\x00":
            head = raw.read(16)
            raise DataError(path, f"not a gzip file although the name ends in .gz (it starts with {head!r})")
        try:
            yield raw
        except OSError as exc:
            raise DataError(path, f"cannot read: {exc.strerror or exc}") from None


def _header(path: Path, stream: BinaryIO) -> tuple[int, tuple[int, ...]]:
    """Read and parse (magic, dims), checking the header is complete."""
    head = stream.read(4)
    if len(head) < 4:
        raise DataError(path, f"too short to be an IDX file ({len(head)} bytes)")
    magic = int.from_bytes(head, "big")
    if head[:2] != b"\x00\x00" or head[2] != UBYTE or head[3] == 0:
        raise DataError(path, f"wrong magic number 0x{magic:08x}: not an unsigned-byte IDX file")
    ndim = head[3]
    raw_dims = stream.read(4 * ndim)
    if len(raw_dims) < 4 * ndim:
        raise DataError(path, f"truncated: the file ends inside the header ({4 + len(raw_dims)} bytes)")
    dims = tuple(int.from_bytes(raw_dims[4 * i : 4 * i + 4], "big") for i in range(ndim))
    return magic, dims


def _what(dims: tuple[int, ...], count: int) -> str:
    """Human words for `count` items of an array with these dims."""
    if len(dims) == 3:
        return f"{count} images of {dims[1]}x{dims[2]}"
    if len(dims) == 1:
        return f"{count} labels"
    return f"{count} items of shape {'x'.join(map(str, dims[1:]))}"


def _expect_kind(path: Path, magic: int, want: int) -> None:
    if magic != want:
        other = f" (that of {_A_FILE[magic]})" if magic in _KIND else ""
        raise DataError(path, f"wrong magic number 0x{magic:08x}{other}; expected 0x{want:08x} for {_KIND[want]}")


def _check_dims(path: Path, magic: int, dims: tuple[int, ...], want: int | None,
                shape: tuple[int, ...] | None) -> int:
    """Bytes the header declares, checked before anything is allocated:
    the kind of file, the image size, at most MAX_COUNT items and MAX_BYTES."""
    if want is not None:
        _expect_kind(path, magic, want)
    if shape is not None and dims[1:] != tuple(shape):
        got = "x".join(map(str, dims[1:]))
        want_shape = "x".join(map(str, shape))
        raise DataError(path, f"images are {got} pixels, expected {want_shape}")
    if want is not None and dims[0] == 0:
        raise DataError(path, f"holds no {_KIND[want]}: the header declares 0")
    if want is not None and dims[0] > MAX_COUNT:
        raise DataError(path, f"the header declares {dims[0]:,} {_KIND[want]}; MNIST has at most {MAX_COUNT:,}")
    expected = math.prod(dims)  # Python ints: no overflow, however big the dims
    if expected > MAX_BYTES:
        declared = (" x ".join(f"{d:,}" for d in dims) if len(dims) <= 4
                    else f"{len(dims)} dimensions, about 2^{expected.bit_length() - 1}")
        raise DataError(path, f"the header declares {declared} bytes, more than MNIST's "
                              f"{MAX_COUNT:,} x 28 x 28")
    return expected


def _read(path: Path, want: int | None = None,
          shape: tuple[int, ...] | None = None) -> tuple[int, np.ndarray]:
    """(magic number, array) of an unsigned-byte IDX file, size checked.

    Never reads or inflates more than the header declares plus TRAILING_SCAN,
    and checks the header against MNIST's sizes first, so a hostile file costs
    at most MAX_BYTES of memory.
    """
    with _idx_stream(path) as stream:
        magic, dims = _header(path, stream)
        expected = _check_dims(path, magic, dims, want, shape)
        array = np.empty(expected, dtype=np.uint8)  # read straight into it: no second copy
        held = _read_into(stream, memoryview(array))
        extra = len(stream.read(TRAILING_SCAN + 1)) if held == expected else 0
    if held < expected:
        item = math.prod(dims[1:])
        complete = held // item if item else 0
        raise DataError(path, f"truncated: header says {_what(dims, dims[0])} but the file holds {complete}")
    if extra:
        amount = f"more than {TRAILING_SCAN:,}" if extra > TRAILING_SCAN else str(extra)
        raise DataError(path, f"{amount} unexpected bytes after the {_what(dims, dims[0])} the header declares")
    return magic, array.reshape(dims)


def _read_into(stream: BinaryIO, buffer: memoryview) -> int:
    """Fill buffer from stream; the number of bytes read (fewer at end of file).

    In chunks: gzip's readinto inflates a whole request into a temporary
    bytes object first, which would double the memory a big file needs."""
    held = 0
    while held < len(buffer):
        got = stream.readinto(buffer[held : held + READ_CHUNK])
        if not got:
            break
        held += got
    return held


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read any unsigned-byte IDX file (gzip or raw) of at most MAX_BYTES into a writable uint8 array."""
    return _read(Path(path))[1]


def read_images(path: str | os.PathLike, shape: tuple[int, int] = IMAGE_SHAPE) -> np.ndarray:
    """uint8 images [n, rows, cols] from an IDX images file; rows x cols must equal `shape`."""
    return _read(Path(path), IMAGES_MAGIC, tuple(shape))[1]


def read_labels(path: str | os.PathLike) -> np.ndarray:
    """uint8 labels [n] from an IDX labels file; every label must be a digit 0..9."""
    path = Path(path)
    labels = _read(path, LABELS_MAGIC)[1]
    bad = np.flatnonzero(labels > 9)
    if bad.size:
        raise DataError(path, f"label {labels[bad[0]]} at index {bad[0]} is outside 0..9 ({bad.size} such labels)")
    return labels


def read_pair(
    images_path: str | os.PathLike, labels_path: str | os.PathLike | None
) -> tuple[np.ndarray, np.ndarray]:
    """Images and their labels, checked to be the same count.

    labels_path may be None or missing: images without labels are useless for
    training, so that is an error rather than a silent skip.
    """
    images_path = Path(images_path)
    if labels_path is None or not Path(labels_path).exists():
        wanted = f" (looked for {Path(labels_path).name})" if labels_path else ""
        raise DataError(images_path, f"images without labels: no labels file next to it{wanted}")
    labels_path = Path(labels_path)
    images = read_images(images_path)
    labels = read_labels(labels_path)
    if len(images) != len(labels):
        raise DataError(
            images_path, f"holds {len(images)} images but {labels_path.name} holds {len(labels)} labels"
        )
    return images, labels


def write_idx(path: str | os.PathLike, array: np.ndarray, gzip: bool = True) -> Path:
    """Write a uint8 array as an IDX file (gzip-compressed unless gzip=False).

    Used by tests and tools to make small MNIST-like files. mtime=0 keeps the
    gzip bytes identical from run to run, so their md5 is reproducible.
    """
    array = np.asarray(array)
    if array.dtype != np.uint8 or not 1 <= array.ndim <= 255:
        raise ValueError(f"write_idx needs a uint8 array with 1..255 dims, got {array.dtype} {array.shape}")
    header = bytes([0, 0, UBYTE, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    payload = header + np.ascontiguousarray(array).tobytes()
    if gzip:
        payload = _gzip.compress(payload, mtime=0)
    path = Path(path)
    path.write_bytes(payload)
    return path
