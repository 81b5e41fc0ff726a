"""Where gdtui gets its digits from, and which ones it picks.

Search order: the --mnist-dir argument, then $GDTUI_MNIST_DIR, then the user
cache (where `gdtui data fetch mnist` and `gdtui data import DIR` put files).
A directory the user named explicitly must contain MNIST; the cache may be
empty, in which case we use the 2,000 real MNIST test images shipped inside
gdtui (see shipped.py). A damaged
file is always an error: silently training on other data would be worse.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from gdtui.text.safe import visible

from .idx import DataError, read_pair
from . import shipped

ENV_VAR = "GDTUI_MNIST_DIR"
SPLITS = ("train", "test")  # in order of preference
SOURCE_NAME = {"train": "mnist-train", "test": "mnist-test"}
FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}
# md5 of the official files, as published with MNIST and used by torchvision.
MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}


@dataclass(frozen=True)
class MnistData:
    """Digit images uint8 [n, 28, 28] with labels uint8 [n] and where they came from."""

    images: np.ndarray
    labels: np.ndarray
    source: str  # "mnist-train" | "mnist-test" | "mnist-shipped"
    where: str  # human description of the files
    hint: str = ""  # what the user could do to get real data ("" when they have it)

    def __len__(self) -> int:
        return len(self.labels)


def cache_dir() -> Path:
    """The per-user MNIST cache (respects XDG_CACHE_HOME on Linux)."""
    return platformdirs.user_cache_path("gdtui") / "mnist"


def name_variants(canonical: str) -> tuple[str, ...]:
    """Names a file may have: the official .gz, gunzipped, and the dotted
    spelling some mirrors use (train-images.idx3-ubyte)."""
    raw = canonical.removesuffix(".gz")
    dotted = raw.replace("-idx", ".idx", 1)
    return (canonical, raw, dotted)


def _existing(directory: Path, canonical: str) -> Path | None:
    for name in name_variants(canonical):
        if (directory / name).is_file():
            return directory / name
    return None


def find_split(directory: Path, split: str) -> tuple[Path, Path] | None:
    """(images, labels) paths of a split in a directory, or None if neither is there.

    Raises DataError when only one of the two files is present.
    """
    images_name, labels_name = FILES[split]
    images, labels = _existing(directory, images_name), _existing(directory, labels_name)
    if images is None and labels is None:
        return None
    if images is None:
        raise DataError(labels, f"labels without images: {images_name} is missing next to it")
    if labels is None:
        raise DataError(images, f"images without labels: {labels_name} is missing next to it")
    return images, labels


_md5_cache: dict[tuple[str, int, int], str] = {}


def file_md5(path: Path) -> str:
    """md5 hex digest, remembered per (path, size, mtime) so repeat loads are free."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _md5_cache:
        digest = hashlib.md5(usedforsecurity=False)
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        _md5_cache[key] = digest.hexdigest()
    return _md5_cache[key]


def check_md5(path: Path) -> None:
    """Files with an official name must be the official file (DataError otherwise)."""
    expected = MD5.get(path.name)
    if expected is not None and file_md5(path) != expected:
        raise DataError(
            path,
            f"md5 {file_md5(path)} does not match the official MNIST file ({expected}): "
            "damaged, or a different file under the official name",
        )


def load_split(directory: Path, split: str, origin: str = "") -> MnistData | None:
    """Read and verify one split from a directory; None if its files are absent."""
    found = find_split(directory, split)
    if found is None:
        return None
    images, labels = read_pair(*found)
    for path in found:
        check_md5(path)
    where = f"{visible(str(directory))} ({found[0].name}, {found[1].name}{', from ' + origin if origin else ''})"
    return MnistData(images, labels, SOURCE_NAME[split], where)


def user_path(text: str | os.PathLike, origin: str) -> Path:
    """A directory named by the user, `~` and `~user` expanded; DataError if
    the user does not exist or the path cannot be looked at."""
    try:
        path = Path(text).expanduser()
        path.is_dir()  # a name too long or a folder we may not enter fails here
    except RuntimeError:  # ~nosuchuser: "Could not determine home directory"
        user = str(text).split("/", 1)[0]
        raise DataError(text, f"cannot expand {user}: no such user (given by {origin})") from None
    except (OSError, ValueError) as exc:
        raise DataError(text, f"cannot look at this path (given by {origin}): "
                              f"{getattr(exc, 'strerror', None) or exc}") from None
    return path


def locations(mnist_dir: str | os.PathLike | None = None) -> list[tuple[str, Path, bool]]:
    """Candidate directories in search order as (origin, path, named_by_user)."""
    found = []
    if mnist_dir is not None:
        found.append(("--mnist-dir", user_path(mnist_dir, "--mnist-dir"), True))
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        found.append((ENV_VAR, user_path(env, ENV_VAR), True))
    found.append(("cache", cache_dir(), False))
    return found


def _has_mnist(directory: Path) -> bool:
    names = [n for pair in FILES.values() for c in pair for n in name_variants(c)]
    return directory.is_dir() and any((directory / n).is_file() for n in names)


def load_mnist(mnist_dir: str | os.PathLike | None = None, split: str | None = None) -> MnistData:
    """The digits to train on.

    Uses the first of --mnist-dir, $GDTUI_MNIST_DIR, the cache that applies,
    the training split if present there, else the test split (or exactly
    `split` when given). With no MNIST anywhere, returns the test images
    shipped with gdtui, with a hint on how to get all of MNIST.
    Raises DataError for a bad file, or a user-named directory without MNIST.
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    for origin, directory, named_by_user in locations(mnist_dir):
        if not named_by_user and not _has_mnist(directory):
            continue
        if not directory.is_dir():
            raise DataError(directory, f"no such directory (given by {origin})")
        for wanted in [split] if split else SPLITS:
            data = load_split(directory, wanted, origin)
            if data is not None:
                _check_other_splits(directory, wanted if split is None else None)
                return data
        expected = " or ".join(" + ".join(FILES[s]) for s in ([split] if split else SPLITS))
        raise DataError(directory, f"no MNIST files here (given by {origin}); expected {expected}")
    images, labels = shipped.load_shipped()
    return MnistData(images, labels, shipped.SOURCE, shipped.WHERE, shipped.HINT)


def _check_other_splits(directory: Path, used: str | None) -> None:
    """A damaged split beside the one we use is an error too: it says the
    folder is not what the user thinks it is (and the test split may be next)."""
    if used is not None:
        for other in SPLITS:
            if other != used:
                load_split(directory, other)


def _describe(directory: Path, split: str) -> str:
    try:
        data = load_split(directory, split)
    except DataError as exc:
        return f"  {split}: ERROR {exc}"
    if data is None:
        return f"  {split}: not present"
    names = [path.name for path in find_split(directory, split)]  # present: load_split succeeded
    check = "md5 ok" if all(n in MD5 for n in names) else "not md5-checked (renamed or uncompressed)"
    return f"  {split}: {len(data)} images, {check}"


class Status(list):
    """The lines of `gdtui data status`; `error` is what keeps the lesson from
    using MNIST (a damaged file), or None."""

    error: DataError | None = None


def status(mnist_dir: str | os.PathLike | None = None) -> Status:
    """Lines for `gdtui data status`: each place we look, what is there, what gets used."""
    lines = Status()
    if mnist_dir is None:
        lines.append("--mnist-dir: not given")
    if not os.environ.get(ENV_VAR, "").strip():
        lines.append(f"{ENV_VAR}: not set")
    for origin, directory, _ in locations(mnist_dir):
        if not directory.is_dir():
            lines.append(f"{origin}: {visible(str(directory))} (does not exist)")
            continue
        lines.append(f"{origin}: {visible(str(directory))}")
        lines.extend(_describe(directory, split) for split in SPLITS)
    try:
        data = load_mnist(mnist_dir)
    except DataError as exc:
        lines.append(f"using: nothing, because of an error: {exc}")
        lines.error = exc
        return lines
    lines.append(f"using: {data.source}, {len(data)} images from {data.where}")
    if data.hint:
        lines.append(f"hint: {data.hint}")
    return lines
