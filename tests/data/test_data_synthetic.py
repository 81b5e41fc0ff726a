"""Synthetic digits: right shapes, balanced, deterministic, varied, learnable (its speed: tests/benchmarks)."""

from __future__ import annotations

import numpy as np
import pytest

from gdtui.data import synthetic_digits


def test_shapes_and_types():
    images, labels = synthetic_digits(50, seed=3)
    assert images.shape == (50, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (50,) and labels.dtype == np.uint8
    assert images.max() == 255 and images.min() == 0  # solid strokes on a clean background
    assert synthetic_digits(0)[0].shape == (0, 28, 28)
    with pytest.raises(ValueError):
        synthetic_digits(-1)


@pytest.mark.parametrize("n", [1000, 25])
def test_labels_balanced(n):
    counts = np.bincount(synthetic_digits(n)[1], minlength=10)
    assert counts.min() >= n // 10 and counts.max() <= n // 10 + 1


def test_labels_shuffled():
    labels = synthetic_digits(100)[1]
    assert not np.array_equal(labels, np.arange(100) % 10)


def test_deterministic_per_seed():
    a, b = synthetic_digits(200, seed=5), synthetic_digits(200, seed=5)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], synthetic_digits(200, seed=6)[0])


def test_digits_stay_inside_the_frame():
    images = synthetic_digits(500)[0]
    border = np.concatenate([images[:, 0], images[:, -1], images[:, :, 0], images[:, :, -1]], axis=1)
    assert border.max(axis=1).mean() < 40  # like MNIST: ink rarely touches the edge


def test_samples_of_a_digit_differ_visibly():
    images, labels = synthetic_digits(200)
    for digit in range(10):
        a, b = images[labels == digit][:2].astype(int)
        assert np.abs(a - b).mean() > 10, f"two samples of {digit} look almost the same"


def train_linear(x, labels, steps=2000, alpha=0.005):
    """The book's network: pred = W @ x, W -= alpha * outer(pred - onehot, x), one sample per step."""
    weights = np.random.default_rng(0).uniform(-0.01, 0.01, size=(10, x.shape[1]))
    for step in range(steps):
        i = step % len(x)
        delta = weights @ x[i] - np.eye(10)[labels[i]]
        weights -= alpha * np.outer(delta, x[i])
    return weights


def test_learnable_by_a_linear_network_but_not_trivially():
    images, labels = synthetic_digits(1000, seed=0)
    x = images.reshape(len(images), -1) / 255.0
    weights = train_linear(x, labels)
    train_accuracy = np.mean((x @ weights.T).argmax(axis=1) == labels)
    assert train_accuracy >= 0.80
    new_images, new_labels = synthetic_digits(1000, seed=1)
    new_accuracy = np.mean((new_images.reshape(1000, -1) / 255.0 @ weights.T).argmax(axis=1) == new_labels)
    assert 0.6 < new_accuracy < 0.99  # generalises, yet there is something left to learn


def test_each_digit_is_most_like_its_own_average():
    """Cheap check that the ten shapes are distinct: nearest class mean is right most of the time."""
    images, labels = synthetic_digits(1000, seed=2)
    x = images.reshape(1000, -1) / 255.0
    means = np.stack([x[labels == d].mean(axis=0) for d in range(10)])
    nearest = ((x[:, None, :] - means[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert np.mean(nearest == labels) > 0.7
