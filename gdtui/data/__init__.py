"""MNIST digits for gdtui: read IDX files, find, fetch or import MNIST, or
fall back to the MNIST test images shipped with gdtui.

Uses only NumPy, the standard library, pooch and platformdirs (no UI code),
so the engine and tests can use it headless.
"""

from .fetch import MIRRORS, fetch_mnist, import_mnist
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
