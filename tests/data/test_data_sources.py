"""Which digits load_mnist() picks, and what status() reports."""

from __future__ import annotations

import sys

import pytest

from gdtui.data import DataError, cache_dir, load_mnist, sources, status


def test_shipped_subset_when_nothing_anywhere(cache):
    data = load_mnist()
    assert data.source == "mnist-shipped"
    assert data.images.shape == (2000, 28, 28) and len(data) == 2000
    assert "CC BY-SA 3.0" in data.where
    assert "gdtui data fetch mnist" in data.hint and "gdtui data import DIR" in data.hint
    assert not cache.exists()  # looking must not create the cache


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CACHE_HOME is a Linux convention")
def test_cache_dir_follows_xdg_cache_home(tmp_path, cache):
    assert cache_dir() == cache == tmp_path / "xdg-cache" / "gdtui" / "mnist"


def test_cache_is_used(cache, trusted_split):
    trusted_split(cache, "test", 30)
    data = load_mnist()
    assert (data.source, len(data), data.hint) == ("mnist-test", 30, "")
    assert str(cache) in data.where and "from cache" in data.where


def test_train_preferred_over_test(tmp_path, make_split):
    make_split(tmp_path / "d", "test", 10, raw=True)
    make_split(tmp_path / "d", "train", 40, raw=True)
    data = load_mnist(tmp_path / "d")
    assert (data.source, len(data)) == ("mnist-train", 40)
    assert "train-images-idx3-ubyte" in data.where


def test_split_can_be_requested(tmp_path, make_split):
    make_split(tmp_path / "d", "test", 10, raw=True)
    make_split(tmp_path / "d", "train", 40, raw=True)
    assert load_mnist(tmp_path / "d", split="test").source == "mnist-test"
    with pytest.raises(ValueError):
        load_mnist(tmp_path / "d", split="validation")


def test_requested_split_missing_is_an_error(tmp_path, make_split):
    make_split(tmp_path / "d", "test", 10, raw=True)
    with pytest.raises(DataError, match="expected train-images-idx3-ubyte.gz"):
        load_mnist(tmp_path / "d", split="train")


def test_env_beats_cache(tmp_path, cache, monkeypatch, make_split):
    make_split(cache, "train", 30, raw=True)
    make_split(tmp_path / "env", "test", 20, raw=True)
    monkeypatch.setenv("GDTUI_MNIST_DIR", str(tmp_path / "env"))
    data = load_mnist()
    assert (data.source, len(data)) == ("mnist-test", 20)
    assert "from GDTUI_MNIST_DIR" in data.where


def test_dir_argument_beats_env_and_cache(tmp_path, cache, monkeypatch, make_split):
    make_split(cache, "train", 30, raw=True)
    make_split(tmp_path / "env", "train", 20, raw=True)
    make_split(tmp_path / "arg", "train", 10, raw=True)
    monkeypatch.setenv("GDTUI_MNIST_DIR", str(tmp_path / "env"))
    data = load_mnist(tmp_path / "arg")
    assert len(data) == 10 and "from --mnist-dir" in data.where


def test_named_dir_without_mnist_is_an_error(tmp_path, cache, make_split):
    make_split(cache, "train", 30, raw=True)  # not used: the user asked for another place
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match=r"empty: no MNIST files here \(given by --mnist-dir\)"):
        load_mnist(tmp_path / "empty")
    with pytest.raises(DataError, match=r"missing: no such directory \(given by --mnist-dir\)"):
        load_mnist(tmp_path / "missing")


def test_env_dir_without_mnist_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GDTUI_MNIST_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match=r"given by GDTUI_MNIST_DIR"):
        load_mnist()


def test_empty_env_var_is_ignored(monkeypatch):
    monkeypatch.setenv("GDTUI_MNIST_DIR", "  ")
    assert load_mnist().source == "mnist-shipped"


@pytest.mark.parametrize("names", [("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
                                   ("train-images.idx3-ubyte", "train-labels.idx1-ubyte")])
def test_other_spellings_are_found(tmp_path, make_split, names):
    images, labels = make_split(tmp_path, "train", 12, raw=True)
    images.rename(tmp_path / names[0])
    labels.rename(tmp_path / names[1])
    assert len(load_mnist(tmp_path)) == 12


def test_md5_mismatch_on_official_name_is_rejected(tmp_path, make_split):
    images, _ = make_split(tmp_path, "test", 20)  # valid IDX, but not the official bytes
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path)
    text = str(info.value)
    assert text.startswith(str(images)) and "does not match the official MNIST file" in text
    assert sources.MD5["t10k-images-idx3-ubyte.gz"] in text


def test_official_names_with_matching_md5_load(tmp_path, trusted_split):
    trusted_split(tmp_path, "train", 20)
    assert load_mnist(tmp_path).source == "mnist-train"


def test_md5_is_computed_once_per_file_version(tmp_path, monkeypatch):
    path = tmp_path / "f.bin"
    path.write_bytes(b"abc")
    calls = []
    real_md5 = sources.hashlib.md5
    monkeypatch.setattr(sources.hashlib, "md5", lambda **kw: calls.append(1) or real_md5(**kw))
    first = sources.file_md5(path)
    assert sources.file_md5(path) == first and len(calls) == 1
    path.write_bytes(b"abcd")  # new size: must be hashed again
    assert sources.file_md5(path) != first and len(calls) == 2


def test_bad_file_in_cache_raises_instead_of_falling_back(cache, trusted_split):
    images, _ = trusted_split(cache, "train", 20)
    images.write_bytes(images.read_bytes()[:300])
    with pytest.raises(DataError, match="corrupt gzip data"):
        load_mnist()


def test_bad_train_does_not_fall_back_to_test(tmp_path, make_split):
    make_split(tmp_path, "test", 10, raw=True)
    make_split(tmp_path, "train", 10, raw=True, label_count=9)
    with pytest.raises(DataError, match="holds 10 images but train-labels-idx1-ubyte holds 9 labels"):
        load_mnist(tmp_path)


def test_images_without_labels_in_cache(cache, make_split):
    _, labels = make_split(cache, "test", 10, raw=True)
    labels.unlink()
    with pytest.raises(DataError, match="images without labels: t10k-labels-idx1-ubyte.gz is missing"):
        load_mnist()


def test_labels_without_images(tmp_path, make_split):
    images, _ = make_split(tmp_path, "test", 10, raw=True)
    images.unlink()
    with pytest.raises(DataError, match="labels without images"):
        load_mnist(tmp_path)


def test_status_with_nothing(cache):
    lines = status()
    assert "--mnist-dir: not given" in lines and "GDTUI_MNIST_DIR: not set" in lines
    assert f"cache: {cache} (does not exist)" in lines
    assert any(line.startswith("using: mnist-shipped, 2000 images") for line in lines)
    assert any("gdtui data fetch mnist" in line for line in lines)


def test_status_with_data_and_errors(tmp_path, cache, monkeypatch, trusted_split, make_split):
    trusted_split(cache, "test", 20)
    make_split(tmp_path / "env", "train", 10, raw=True, label_count=8)
    monkeypatch.setenv("GDTUI_MNIST_DIR", str(tmp_path / "env"))
    lines = status()
    assert all("\n" not in line for line in lines)
    assert f"GDTUI_MNIST_DIR: {tmp_path / 'env'}" in lines
    assert any(line.startswith("  train: ERROR ") and "8 labels" in line for line in lines)
    assert "  test: 20 images, md5 ok" in lines
    assert lines[-1].startswith("using: nothing, because of an error:")
    monkeypatch.delenv("GDTUI_MNIST_DIR")
    assert status()[-1].startswith("using: mnist-test, 20 images from")
