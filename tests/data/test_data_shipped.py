"""The MNIST subset shipped inside the package: present, intact, attributed,
and exactly what its README says it is."""

from __future__ import annotations

import fnmatch
import shutil
import tomllib

import numpy as np
import pytest

from cli_support import ROOT, SHARED_MNIST
from gdtui.data import DataError, read_pair, shipped


def test_two_thousand_real_images_with_every_digit():
    images, labels = shipped.load_shipped()
    assert images.shape == (2000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (2000,) and set(labels.tolist()) == set(range(10))
    # both halves (trained on / held out) have every digit, at least 5% of each
    for half in (labels[:1000], labels[1000:]):
        assert np.bincount(half, minlength=10).min() >= 50
    assert labels[0] == 7  # the first MNIST test image is a 7


def test_small_enough_for_the_wheel_and_md5_as_documented():
    total = 0
    licence = (shipped.FOLDER / "LICENSE.md").read_text()
    for path in shipped.paths():
        total += path.stat().st_size
        assert shipped.md5(path) == shipped.MD5[path.name]
        assert shipped.MD5[path.name] in licence
    assert total <= 1_000_000


def test_licence_and_attribution_ship_beside_the_data():
    licence = (shipped.FOLDER / "LICENSE.md").read_text()
    for words in ("Yann LeCun", "Corinna Cortes", "CC BY-SA 3.0", "creativecommons.org/licenses/by-sa/3.0"):
        assert words in licence
    assert "CC BY-SA 3.0" in shipped.WHERE and "LeCun" in shipped.WHERE


def test_package_data_includes_the_files():
    """A non-editable install copies only what pyproject's package-data names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = config["package-data"]["gdtui.data"]
    assert "gdtui.data" in config["packages"]
    for path in [*shipped.paths(), shipped.FOLDER / "LICENSE.md"]:
        # Relative to the package, wherever it is installed (editable or not).
        relative = path.relative_to(shipped.FOLDER.parent).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no shared MNIST here")
def test_rebuilding_from_the_official_test_split_gives_the_same_bytes(tmp_path):
    for path in shipped.make_subset(SHARED_MNIST, tmp_path):
        assert shipped.md5(path) == shipped.MD5[path.name]
    official = read_pair(SHARED_MNIST / "t10k-images-idx3-ubyte.gz", SHARED_MNIST / "t10k-labels-idx1-ubyte.gz")
    images, labels = shipped.load_shipped()
    assert np.array_equal(images, official[0][:2000]) and np.array_equal(labels, official[1][:2000])


@pytest.mark.parametrize("damage", ["truncate", "flip", "remove"])
def test_a_damaged_installation_is_one_line_naming_the_file(tmp_path, monkeypatch, damage):
    folder = tmp_path / "mnist_subset"
    shutil.copytree(shipped.FOLDER, folder)
    images = folder / shipped.FILES[0]
    raw = images.read_bytes()
    if damage == "truncate":
        images.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        images.write_bytes(raw[:100] + bytes([raw[100] ^ 0xFF]) + raw[101:])
    else:
        images.unlink()
    monkeypatch.setattr(shipped, "FOLDER", folder)
    with pytest.raises(DataError) as caught:
        shipped.load_shipped()
    assert shipped.FILES[0] in str(caught.value) and "\n" not in str(caught.value)
