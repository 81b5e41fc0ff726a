"""The real MNIST test split, when the read-only copy next to the repo exists."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gdtui.data import MD5, import_mnist, load_mnist, read_pair, status
from gdtui.data.sources import file_md5

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = [Path("/work/shared/mnist"), REPO.parent / "shared" / "mnist"]
SHARED = next((p for p in CANDIDATES if (p / "t10k-images-idx3-ubyte.gz").is_file()), None)

pytestmark = pytest.mark.skipif(SHARED is None, reason="real MNIST files (../shared/mnist) not present")
IMAGES, LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"


def test_md5s_match_the_official_ones():
    assert file_md5(SHARED / IMAGES) == MD5[IMAGES] == "9fb629c4189551a2d022fa330f9573f3"
    assert file_md5(SHARED / LABELS) == MD5[LABELS] == "ec29112dd5afa0611ce80d1b7f02629c"


def test_read_test_split():
    images, labels = read_pair(SHARED / IMAGES, SHARED / LABELS)
    assert images.shape == (10000, 28, 28) and labels.shape == (10000,)
    assert labels[0] == 7  # the well-known first test digit
    assert np.bincount(labels, minlength=10).min() > 800  # every digit well represented
    assert images.max() == 255


def test_load_from_dir_argument():
    data = load_mnist(SHARED)
    assert (data.source, len(data)) == ("mnist-test", 10000)


def test_import_into_cache_then_load(cache):
    import_mnist(SHARED)
    assert sorted(p.name for p in cache.iterdir()) == [IMAGES, LABELS]
    data = load_mnist()
    assert data.source == "mnist-test" and data.labels[0] == 7
    assert "  test: 10000 images, md5 ok" in status()
