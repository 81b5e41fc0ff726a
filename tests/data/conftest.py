"""Shared fixtures for the data-layer tests: every test gets its own empty
user cache and no GDTUI_MNIST_DIR, so nothing on the machine leaks in."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import platformdirs
import pytest

from gdtui.data import FILES, MD5, write_idx
from gdtui.data.synthetic import synthetic_digits


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    cache_home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    if not sys.platform.startswith("linux"):  # XDG_CACHE_HOME only applies on Linux
        monkeypatch.setattr(platformdirs, "user_cache_path", lambda app: cache_home / app)
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the only servers tests talk to


@pytest.fixture
def cache(isolated, tmp_path) -> Path:
    """The MNIST cache folder load_mnist/fetch/import use in this test (not created)."""
    return tmp_path / "xdg-cache" / "gdtui" / "mnist"


def _make_split(directory: Path, split: str, n: int = 20, *, seed: int = 0, raw: bool = False,
                label_count: int | None = None) -> tuple[Path, Path]:
    """Write a small valid split (synthetic digits) under the official names.

    raw=True writes uncompressed files named without .gz, which are not
    md5-checked; otherwise use trust() so the official-name md5 check passes.
    """
    directory.mkdir(parents=True, exist_ok=True)
    images, labels = synthetic_digits(n, seed=seed)
    if label_count is not None:
        labels = np.resize(labels, label_count)
    names = [name.removesuffix(".gz") if raw else name for name in FILES[split]]
    return (write_idx(directory / names[0], images, gzip=not raw),
            write_idx(directory / names[1], labels, gzip=not raw))


def md5_of(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def _snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below directory (hidden ones too) with its content."""
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


# Helpers are handed out as fixtures so test modules never import conftest
# (other test folders have their own conftest.py).
@pytest.fixture
def make_split():
    return _make_split


@pytest.fixture
def snapshot():
    return _snapshot


@pytest.fixture
def trust(monkeypatch):
    """trust(*paths): make the test's own files count as the official ones for the md5 check."""

    def trust_(*paths: Path) -> None:
        for path in paths:
            monkeypatch.setitem(MD5, path.name, md5_of(path))

    return trust_


@pytest.fixture
def trusted_split(make_split, trust):
    """make_split() under the official .gz names, with md5s registered as official."""

    def make(directory: Path, split: str, n: int = 20, **kwargs) -> tuple[Path, Path]:
        paths = make_split(directory, split, n, **kwargs)
        trust(*paths)
        return paths

    return make
