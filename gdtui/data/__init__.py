"""MNIST digits for gdtui: read IDX files, find, fetch or import MNIST, or
fall back to the MNIST test images shipped with gdtui.

Uses only NumPy, the standard library, pooch and platformdirs (no UI code),
so the engine and tests can use it headless.
"""

from .idx import DataError, read_idx, read_images, read_labels, read_pair, write_idx
from .sources import (
    ENV_VAR,
    FILES,
    MD5,
    MnistData,
    cache_dir,
    load_mnist,
    status,
)
from .synthetic import synthetic_digits

# fetch needs pooch, and through it ssl (~26 ms): imported when first used,
# so that opening a chapter lesson does not pay for it.
_FROM_FETCH = ("MIRRORS", "fetch_mnist", "import_mnist")


def __getattr__(name: str):
    if name in _FROM_FETCH:
        from . import fetch

        return getattr(fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DataError",
    "ENV_VAR",
    "FILES",
    "MD5",
    "MIRRORS",
    "MnistData",
    "cache_dir",
    "fetch_mnist",
    "import_mnist",
    "load_mnist",
    "read_idx",
    "read_images",
    "read_labels",
    "read_pair",
    "status",
    "synthetic_digits",
    "write_idx",
]
