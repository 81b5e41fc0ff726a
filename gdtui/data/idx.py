"""Read and write IDX files, the format MNIST is distributed in.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number
of dimensions), one big-endian uint32 per dimension, then the raw values.
MNIST only uses unsigned bytes (type code 0x08), so that is all we support.

Every problem becomes a DataError whose text is one line, "FILE: problem",
because the CLI prints it as-is and a learner has to be able to act on it.
"""

from __future__ import annotations

import gzip as _gzip
import os
import zlib
from pathlib import Path

import numpy as np

GZIP_MAGIC = b"\x1f\x8b"
UBYTE = 0x08
IMAGES_MAGIC = 0x00000803  # uint8, 3 dimensions: count, rows, cols
LABELS_MAGIC = 0x00000801  # uint8, 1 dimension: count
IMAGE_SHAPE = (28, 28)

_KIND = {IMAGES_MAGIC: "images", LABELS_MAGIC: "labels"}
_A_FILE = {IMAGES_MAGIC: "an images file", LABELS_MAGIC: "a labels file"}


class DataError(Exception):
    """A data file is missing, damaged or not what we expected (one-line message)."""

    def __init__(self, where: str | os.PathLike, problem: str) -> None:
        self.where = str(where)  # the file or directory concerned ("" if the problem names it)
        # Collapse whitespace so wrapped library messages stay on one line.
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.where}: {self.problem}" if self.where else self.problem)


def _decompressed_bytes(path: Path) -> bytes:
    """The file's IDX bytes, un-gzipped if it starts with the gzip magic."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except OSError as exc:
        raise DataError(path, f"cannot read: {exc.strerror or exc}") from None
    # Decide by content, not by name: people gunzip files and keep the name.
    if raw[:2] == GZIP_MAGIC:
        try:
            return _gzip.decompress(raw)
        except EOFError:
            raise DataError(path, "corrupt gzip data: the compressed stream is cut short") from None
        except (OSError, zlib.error) as exc:
            raise DataError(path, f"corrupt gzip data: {exc}") from None
    # Real IDX files start with two zero bytes; anything else named .gz is
    # typically an HTML error page saved by a failed download.
    if path.name.endswith(".gz") and raw[:2] != b"\x00\x00":
        raise DataError(path, f"not a gzip file although the name ends in .gz (it starts with {raw[:16]!r})")
    return raw


def _header(path: Path, data: bytes) -> tuple[int, tuple[int, ...], int]:
    """Parse (magic, dims, header length) and check the header is complete."""
    if len(data) < 4:
        raise DataError(path, f"too short to be an IDX file ({len(data)} bytes)")
    magic = int.from_bytes(data[:4], "big")
    if data[:2] != b"\x00\x00" or data[2] != UBYTE or data[3] == 0:
        raise DataError(path, f"wrong magic number 0x{magic:08x}: not an unsigned-byte IDX file")
    ndim = data[3]
    header_len = 4 + 4 * ndim
    if len(data) < header_len:
        raise DataError(path, f"truncated: the file ends inside the header ({len(data)} bytes)")
    dims = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return magic, dims, header_len


def _what(dims: tuple[int, ...], count: int) -> str:
    """Human words for `count` items of an array with these dims."""
    if len(dims) == 3:
        return f"{count} images of {dims[1]}x{dims[2]}"
    if len(dims) == 1:
        return f"{count} labels"
    return f"{count} items of shape {'x'.join(map(str, dims[1:]))}"


def _read(path: Path) -> tuple[int, np.ndarray]:
    """(magic number, array) of an unsigned-byte IDX file, size checked."""
    data = _decompressed_bytes(path)
    magic, dims, start = _header(path, data)
    item = int(np.prod(dims[1:], dtype=np.int64))  # bytes per image/label
    expected = dims[0] * item
    held = len(data) - start
    if held < expected:
        complete = held // item if item else 0
        raise DataError(path, f"truncated: header says {_what(dims, dims[0])} but the file holds {complete}")
    if held > expected:
        raise DataError(path, f"{held - expected} unexpected bytes after the {_what(dims, dims[0])} the header declares")
    array = np.frombuffer(data, dtype=np.uint8, count=expected, offset=start)
    return magic, array.reshape(dims).copy()  # copy: frombuffer on bytes is read-only


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read any unsigned-byte IDX file (gzip or raw) into a writable uint8 array."""
    return _read(Path(path))[1]


def _expect_kind(path: Path, magic: int, want: int) -> None:
    if magic != want:
        other = f" (that of {_A_FILE[magic]})" if magic in _KIND else ""
        raise DataError(path, f"wrong magic number 0x{magic:08x}{other}; expected 0x{want:08x} for {_KIND[want]}")


def read_images(path: str | os.PathLike, shape: tuple[int, int] = IMAGE_SHAPE) -> np.ndarray:
    """uint8 images [n, rows, cols] from an IDX images file; rows x cols must equal `shape`."""
    path = Path(path)
    magic, images = _read(path)
    _expect_kind(path, magic, IMAGES_MAGIC)
    if images.shape[1:] != tuple(shape):
        got = "x".join(map(str, images.shape[1:]))
        raise DataError(path, f"images are {got} pixels, expected {shape[0]}x{shape[1]}")
    return images


def read_labels(path: str | os.PathLike) -> np.ndarray:
    """uint8 labels [n] from an IDX labels file; every label must be a digit 0..9."""
    path = Path(path)
    magic, labels = _read(path)
    _expect_kind(path, magic, LABELS_MAGIC)
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
