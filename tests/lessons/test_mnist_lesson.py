"""The mnist lesson end to end through the CLI: sources, accuracy, bad data."""

import json

import pytest

from cli_support import SHARED_MNIST, run_gdtui


@pytest.fixture
def no_mnist(tmp_path):
    return {"XDG_CACHE_HOME": str(tmp_path / "cache"), "GDTUI_MNIST_DIR": ""}


def summary(*args, env):
    result = run_gdtui("run", "mnist", "--format", "summary", *args, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_no_mnist_anywhere_uses_the_shipped_images(tmp_path):
    """A fresh machine: empty HOME and XDG folders, no GDTUI_MNIST_DIR."""
    empty = {name: str(tmp_path / name) for name in
             ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    result, stderr = summary("--steps", "1000", env={**empty, "GDTUI_MNIST_DIR": ""})
    assert result["source"] == "mnist-shipped" and result["steps"] == 1000
    # One pass over the first 1,000 from all-zero weights: the same every run.
    assert (result["accuracy"], result["train_accuracy"], result["heldout_accuracy"]) == (
        0.714, 0.838, 0.765)  # heldout: the other 1,000
    assert "shipped with gdtui" in stderr and "gdtui data fetch mnist" in stderr


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no shared MNIST here")
def test_real_test_split_reaches_the_accuracies(no_mnist):
    result, stderr = summary("--steps", "10000", "--mnist-dir", str(SHARED_MNIST), env=no_mnist)
    assert result["source"] == "mnist-test" and stderr == ""
    # Ten passes over the first 1,000 test images from all-zero weights; heldout: the next 1,000.
    assert (result["accuracy"], result["train_accuracy"], result["heldout_accuracy"]) == (
        0.8544, 0.912, 0.765)


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no shared MNIST here")
def test_import_then_status_then_the_lesson_uses_the_cache(no_mnist):
    imported = run_gdtui("data", "import", str(SHARED_MNIST), env=no_mnist)
    assert imported.returncode == 0, imported.stderr
    status = run_gdtui("data", "status", env=no_mnist)
    assert "10000 images" in status.stdout
    result, _ = summary("--steps", "5", env=no_mnist)
    assert result["source"] == "mnist-test"


def test_json_records_carry_label_guess_correct_accuracy(no_mnist):
    result = run_gdtui("run", "mnist", "--steps", "3", "--format", "json", env=no_mnist)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(r) for r in records] == [
        {"step", "pred", "error", "delta", "label", "guess", "correct", "accuracy"}
    ] * 3
    assert records[2]["accuracy"] == sum(r["correct"] for r in records) / 3


def test_bad_mnist_files_get_one_line_and_exit_2(tmp_path, no_mnist):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8b broken")
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"\x1f\x8b broken")
    result = run_gdtui("run", "mnist", "--mnist-dir", str(tmp_path), env=no_mnist)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "t10k-" in result.stderr
    imported = run_gdtui("data", "import", str(tmp_path), env=no_mnist)
    assert imported.returncode == 2 and len(imported.stderr.splitlines()) == 1
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*ubyte*"))


def test_one_pass_draws_each_digit_in_its_weights(monkeypatch, tmp_path):
    """The book's point: after one pass over the first 1,000 images, each
    digit's 784 weights look like that digit (its mean image minus the mean of
    all images: where it has ink that others lack). Measured 0.75-0.88."""
    import numpy as np

    from gdtui.lessons.loader import load_catalog

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    lesson = load_catalog(use_env=False).lessons["mnist"].loaded()
    assert lesson.dataset.source == "mnist-shipped"
    trainer = lesson.trainer()
    assert trainer.run(1000) == 1000
    x, labels = lesson.dataset.inputs, lesson.dataset.labels
    for digit in range(10):
        look = x[labels == digit].mean(axis=0) - x.mean(axis=0)
        assert np.corrcoef(trainer.weights[digit], look)[0, 1] >= 0.7, digit
