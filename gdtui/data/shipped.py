"""The MNIST subset shipped inside gdtui, so the lesson has real handwriting
on a machine with no internet and no MNIST files.

What it is: the first SHIPPED_COUNT images and labels of the MNIST test split
(t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz), unchanged, in IDX
format with the count in the header set to SHIPPED_COUNT, gzip-compressed
(no time stamp, so a rebuild is byte-identical). The lesson
trains on the first 1,000 and holds out the other 1,000.

MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, and is
shared under CC BY-SA 3.0: see mnist_subset/LICENSE.md, shipped beside it.

`python -m gdtui.data.shipped DIR` rebuilds the files from the official test
split in DIR (this is how they were made); the md5s below must then match.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

from .idx import DataError, read_pair, write_idx

SHIPPED_COUNT = 2000
SOURCE = "mnist-shipped"
FOLDER = Path(__file__).with_name("mnist_subset")
FILES = ("t10k-2000-images-idx3-ubyte.gz", "t10k-2000-labels-idx1-ubyte.gz")
# md5 of the files as built by make_subset() from the official test split.
MD5 = {
    "t10k-2000-images-idx3-ubyte.gz": "e65562570d98a26914850f52f900e431",
    "t10k-2000-labels-idx1-ubyte.gz": "c22811ab5845e193a5d25a4f9b6d5de0",
}
WHERE = (
    f"the {SHIPPED_COUNT:,} MNIST test images shipped with gdtui "
    "(Y. LeCun, C. Cortes, C.J.C. Burges; CC BY-SA 3.0)"
)
HINT = "For all 60,000 training images: `gdtui data fetch mnist` (or `gdtui data import DIR` for files you have)"


def paths() -> tuple[Path, Path]:
    return FOLDER / FILES[0], FOLDER / FILES[1]


def load_shipped() -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 [2000, 28, 28], labels uint8 [2000]) from the package.

    Raises DataError (one line naming the file) if an installation lost or
    damaged them.
    """
    for path in paths():
        if path.is_file() and md5(path) != MD5[path.name]:
            raise DataError(path, f"md5 {md5(path)} is not the shipped file's ({MD5[path.name]}): damaged installation")
    return read_pair(*paths())


def make_subset(official_dir: Path, out_dir: Path = FOLDER) -> list[Path]:
    """Write the shipped files from the official MNIST test split in official_dir."""
    images, labels = read_pair(
        official_dir / "t10k-images-idx3-ubyte.gz", official_dir / "t10k-labels-idx1-ubyte.gz"
    )
    subset = (images[:SHIPPED_COUNT], labels[:SHIPPED_COUNT])
    return [write_idx(out_dir / name, array) for name, array in zip(FILES, subset)]


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m gdtui.data.shipped DIR_WITH_THE_OFFICIAL_TEST_SPLIT")
    for path in make_subset(Path(sys.argv[1])):
        print(f"{path.name}: {path.stat().st_size:,} bytes, md5 {md5(path)}")
