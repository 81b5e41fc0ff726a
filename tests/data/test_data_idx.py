"""IDX reader: good files round-trip, every kind of bad file gives one clear line."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from gdtui.data import DataError, read_idx, read_images, read_labels, read_pair, write_idx
from gdtui.data.synthetic import synthetic_digits


@pytest.fixture
def digits():
    return synthetic_digits(20, seed=1)


def idx_bytes(magic: int, dims: tuple[int, ...], payload: bytes) -> bytes:
    return magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in dims) + payload


def error_for(call, *args) -> str:
    with pytest.raises(DataError) as info:
        call(*args)
    text = str(info.value)
    assert "\n" not in text, "DataError must be one line"
    return text


@pytest.mark.parametrize("compress", [True, False])
def test_round_trip(tmp_path, digits, compress):
    images, labels = digits
    write_idx(tmp_path / "i.idx", images, gzip=compress)
    write_idx(tmp_path / "l.idx", labels, gzip=compress)
    got_images, got_labels = read_pair(tmp_path / "i.idx", tmp_path / "l.idx")
    assert got_images.dtype == np.uint8 and got_images.shape == (20, 28, 28)
    np.testing.assert_array_equal(got_images, images)
    np.testing.assert_array_equal(got_labels, labels)
    got_images[0, 0, 0] = 1  # callers get their own writable copy


def test_gzip_detected_by_content_not_name(tmp_path, digits):
    images, _ = digits
    write_idx(tmp_path / "raw-but-named.gz", images, gzip=False)
    write_idx(tmp_path / "gzipped-but-named.idx", images, gzip=True)
    np.testing.assert_array_equal(read_images(tmp_path / "raw-but-named.gz"), images)
    np.testing.assert_array_equal(read_images(tmp_path / "gzipped-but-named.idx"), images)


def test_write_idx_is_reproducible(tmp_path, digits):
    a = write_idx(tmp_path / "a.gz", digits[0]).read_bytes()
    b = write_idx(tmp_path / "b.gz", digits[0]).read_bytes()
    assert a == b  # gzip mtime fixed: same md5 every time


def test_write_idx_rejects_non_uint8(tmp_path):
    with pytest.raises(ValueError):
        write_idx(tmp_path / "x.gz", np.zeros((2, 28, 28), dtype=np.float32))


def test_truncated_images(tmp_path, digits):
    images, _ = digits
    path = tmp_path / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(idx_bytes(0x803, (20, 28, 28), images[:7].tobytes() + b"\x00" * 100)))
    assert error_for(read_images, path) == (
        f"{path}: truncated: header says 20 images of 28x28 but the file holds 7"
    )


def test_truncated_labels(tmp_path):
    path = tmp_path / "labels.idx"
    path.write_bytes(idx_bytes(0x801, (10000,), bytes(4000)))
    assert error_for(read_labels, path).endswith("truncated: header says 10000 labels but the file holds 4000")


def test_truncated_header(tmp_path):
    path = tmp_path / "short.idx"
    path.write_bytes(bytes([0, 0, 8, 3]) + (20).to_bytes(4, "big"))
    assert "truncated: the file ends inside the header" in error_for(read_images, path)


def test_cut_gzip_stream(tmp_path, digits):
    path = write_idx(tmp_path / "train-images-idx3-ubyte.gz", digits[0])
    path.write_bytes(path.read_bytes()[:500])
    text = error_for(read_images, path)
    assert text.startswith(str(path)) and "corrupt gzip data" in text


def test_corrupt_gzip_body(tmp_path, digits):
    path = write_idx(tmp_path / "train-images-idx3-ubyte.gz", digits[0])
    data = bytearray(path.read_bytes())
    data[20:60] = bytes(40)  # garbage in the deflate stream
    path.write_bytes(bytes(data))
    assert "corrupt gzip data" in error_for(read_images, path)


def test_not_gzip_but_named_gz(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(b"<!DOCTYPE html><html>Access denied</html>")
    text = error_for(read_images, path)
    assert text.startswith(str(path)) and "not a gzip file" in text and "DOCTYPE" in text


def test_wrong_magic_labels_read_as_images(tmp_path, digits):
    path = write_idx(tmp_path / "labels.gz", digits[1])
    text = error_for(read_images, path)
    assert "wrong magic number 0x00000801 (that of a labels file); expected 0x00000803 for images" in text


def test_wrong_magic_images_read_as_labels(tmp_path, digits):
    path = write_idx(tmp_path / "images.gz", digits[0])
    assert "wrong magic number 0x00000803 (that of an images file)" in error_for(read_labels, path)


def test_wrong_magic_garbage(tmp_path):
    path = tmp_path / "data.idx"
    path.write_bytes(idx_bytes(0x00000D03, (1, 28, 28), bytes(28 * 28 * 8)))  # float64 IDX
    text = error_for(read_images, path)
    assert text.startswith(str(path)) and "wrong magic number 0x00000d03" in text


def test_wrong_image_size(tmp_path):
    path = write_idx(tmp_path / "images.gz", np.zeros((5, 32, 32), dtype=np.uint8))
    assert error_for(read_images, path) == f"{path}: images are 32x32 pixels, expected 28x28"


def test_extra_bytes(tmp_path):
    path = tmp_path / "labels.idx"
    path.write_bytes(idx_bytes(0x801, (3,), bytes(5)))
    assert "2 unexpected bytes after the 3 labels the header declares" in error_for(read_labels, path)


def test_label_out_of_range(tmp_path):
    path = write_idx(tmp_path / "labels.gz", np.array([1, 2, 12, 3, 200], dtype=np.uint8))
    assert "label 12 at index 2 is outside 0..9 (2 such labels)" in error_for(read_labels, path)


def test_counts_disagree(tmp_path, digits):
    images, labels = digits
    i = write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images)
    lab = write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels[:15])
    assert error_for(read_pair, i, lab) == (
        f"{i}: holds 20 images but t10k-labels-idx1-ubyte.gz holds 15 labels"
    )


def test_images_without_labels(tmp_path, digits):
    i = write_idx(tmp_path / "train-images-idx3-ubyte.gz", digits[0])
    missing = tmp_path / "train-labels-idx1-ubyte.gz"
    assert error_for(read_pair, i, None) == f"{i}: images without labels: no labels file next to it"
    assert "(looked for train-labels-idx1-ubyte.gz)" in error_for(read_pair, i, missing)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.gz"
    assert error_for(read_idx, path) == f"{path}: no such file"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.idx"
    path.write_bytes(b"")
    assert "too short to be an IDX file (0 bytes)" in error_for(read_idx, path)


def test_error_message_is_collapsed_to_one_line():
    assert str(DataError("f.gz", "first\nsecond  third")) == "f.gz: first second third"
    assert str(DataError("", "no file involved")) == "no file involved"
