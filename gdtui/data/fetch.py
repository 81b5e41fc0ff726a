"""Put MNIST into the user cache: download it (fetch) or copy local files (import).

Files are first written into a private staging folder inside the cache folder
and only moved into place with os.replace (atomic on one file system) once
verified, so an interrupted or failed run never leaves a half-written file
where load_mnist() would pick it up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pooch

from .idx import DataError, read_pair
from .sources import (
    FILES, MD5, SPLITS, cache_dir, file_md5, find_split, load_split, name_variants, user_path,
)

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
FETCH_ORDER = ("test", "train")  # the small split first: a useful result after 2 MB


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


class _Progress:
    """The part of tqdm's interface pooch drives (.total, update, reset, close),
    so we can show progress without depending on tqdm."""

    def __init__(self, name: str, stream: TextIO | None = None) -> None:
        self.name, self.total, self.n = name, 0, 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()  # redraw one line in place only on a terminal
        self.width, self.shown = 0, -1

    def _show(self, text: str, end: str = "") -> None:
        line = f"  {self.name}: {text}"
        print(("\r" if self.live else "") + line.ljust(self.width), end=end, file=self.stream, flush=True)
        self.width = len(line)

    def update(self, k: int) -> None:
        self.n += k
        percent = min(100, 100 * self.n // self.total) if self.total else -1
        if self.live and percent != self.shown:  # pooch calls this every 1 kB
            self.shown = percent
            self._show(f"{percent:3d}% of {_size(self.total)}")

    def reset(self) -> None:
        self.n = 0

    def close(self) -> None:  # pooch checks the md5 after this
        self._show(f"{_size(self.total)} downloaded", end="\n")


def _progressbar(name: str, progress: bool) -> bool | _Progress:
    if not progress:
        return False
    try:
        import tqdm  # noqa: F401  (optional: pooch draws a nicer bar with it)
    except ImportError:
        return _Progress(name)
    return True


@contextlib.contextmanager
def _quiet_pooch() -> Iterator[None]:
    """pooch logs "Downloading data from ..." at INFO; we print our own lines."""
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextlib.contextmanager
def _staging(dest: Path) -> Iterator[Path]:
    """A fresh folder inside dest (same file system, so os.replace is atomic), always removed."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".incoming-", dir=dest))
    except OSError as exc:
        raise DataError(dest, f"cannot write to the cache folder: {exc.strerror or exc}") from None
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp)


def _commit(staged: list[Path], dest: Path) -> list[Path]:
    """Move verified files from staging into dest, dropping other spellings of
    the same file so only the new one can be found."""
    final = []
    try:
        for path in staged:
            os.replace(path, dest / path.name)
            final.append(dest / path.name)
            for canonical in MD5:
                variants = name_variants(canonical)
                if path.name in variants:
                    for other in set(variants) - {path.name}:
                        (dest / other).unlink(missing_ok=True)
    except OSError as exc:
        raise DataError(dest, f"cannot move files into the cache folder: {exc.strerror or exc}") from None
    return final


def _short(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 200 else text[:197] + "..."


def _download(name: str, mirrors: tuple[str, ...], folder: Path, progress: bool) -> Path:
    """Download one file into folder, trying mirrors in order; pooch checks the md5."""
    errors = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + name
        if progress:
            print(f"downloading {url}", file=sys.stderr, flush=True)
        try:
            with _quiet_pooch():
                pooch.retrieve(
                    url, known_hash=f"md5:{MD5[name]}", fname=name, path=folder,
                    progressbar=_progressbar(name, progress),
                )
            return folder / name
        # requests' errors are OSErrors; pooch reports an md5 mismatch as ValueError.
        except (OSError, ValueError) as exc:
            errors.append(f"{url}: {_short(exc)}")
            if progress:  # on a terminal the progress line may still be open
                print(("\n" if sys.stderr.isatty() else "") + f"  failed: {_short(exc)}", file=sys.stderr)
    raise DataError("", f"could not download {name} from any mirror: {'; '.join(errors) or 'no mirrors given'}")


def _cached(dest: Path, split: str) -> bool:
    """True if dest already holds this split under the official names with the right md5."""
    return all((dest / n).is_file() and file_md5(dest / n) == MD5[n] for n in FILES[split])


def fetch_mnist(progress: bool = True, *, mirrors: tuple[str, ...] = MIRRORS, dest: Path | None = None) -> list[Path]:
    """Download the four official MNIST files into the cache (or dest); return their paths.

    Splits already cached with the right md5 are skipped. Raises DataError
    ("could not download X from any mirror: ...") when every mirror fails.
    """
    dest = Path(dest) if dest is not None else cache_dir()
    paths: list[Path] = []
    for split in FETCH_ORDER:
        if _cached(dest, split):
            paths += [dest / n for n in FILES[split]]
            if progress:
                print(f"{split} split already in {dest}", file=sys.stderr)
            continue
        with _staging(dest) as tmp:
            staged = [_download(name, mirrors, tmp, progress) for name in FILES[split]]
            read_pair(*staged)  # md5 matched; this checks we can really read them
            paths += _commit(staged, dest)
    return paths


def import_mnist(src_dir: str | os.PathLike, *, dest: Path | None = None) -> list[Path]:
    """Verify the MNIST files in src_dir and copy them into the cache (or dest).

    Everything is checked before anything is copied, so a bad file leaves the
    cache as it was. Returns the new paths; raises DataError.
    """
    src = user_path(src_dir, "gdtui data import")
    if not src.is_dir():
        raise DataError(src, "no such directory")
    pairs = {split: find_split(src, split) for split in SPLITS}
    pairs = {split: found for split, found in pairs.items() if found is not None}
    if not pairs:
        expected = " or ".join(" + ".join(FILES[s]) for s in SPLITS)
        raise DataError(src, f"no MNIST files here; expected {expected}")
    for split in pairs:
        load_split(src, split)  # reads both files fully, checks md5 of official names
    dest = Path(dest) if dest is not None else cache_dir()
    with _staging(dest) as tmp:
        try:
            staged = [Path(shutil.copyfile(p, tmp / p.name)) for found in pairs.values() for p in found]
        except OSError as exc:
            raise DataError(dest, f"cannot copy into the cache folder: {exc.strerror or exc}") from None
        return _commit(staged, dest)
