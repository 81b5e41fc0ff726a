"""Named data sets a lesson can train on (`data="mnist"`).

Each knows its shape up front, so lesson files are checked and listed
without reading any data; the data is read only when a lesson starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdtui.engine import Dataset


@dataclass(frozen=True)
class DataSet:
    inputs: int
    outputs: int
    input_labels: tuple[str, ...]
    output_labels: tuple[str, ...]
    load: Callable[[int, str | None], Dataset]


def load_mnist_dataset(samples: int, mnist_dir: str | None) -> Dataset:
    """The first `samples` images to train on and the next `samples` held out.

    Pixels / 255 (the book's preprocessing), goals one-hot: 1 for the image's
    digit, 0 for the nine others.
    """
    from gdtui.data import load_mnist

    data = load_mnist(mnist_dir)
    images = data.images.reshape(len(data.images), -1)
    train = slice(0, min(samples, len(images)))
    heldout = slice(train.stop, min(train.stop + samples, len(images)))
    to_inputs = lambda block: block.astype(np.float64) / 255.0  # noqa: E731
    labels = data.labels.astype(np.int64)
    return Dataset(
        inputs=to_inputs(images[train]),
        goals=np.eye(10)[labels[train]],
        labels=labels[train],
        heldout_inputs=to_inputs(images[heldout]),
        heldout_labels=labels[heldout],
        source=data.source,
        where=data.where,
        hint=data.hint,
    )


DATA_SETS: dict[str, DataSet] = {
    "mnist": DataSet(
        inputs=28 * 28,
        outputs=10,
        input_labels=tuple(f"pixel {r},{c}" for r in range(28) for c in range(28)),
        output_labels=tuple(str(d) for d in range(10)),
        load=load_mnist_dataset,
    ),
}


def load_dataset(name: str, samples: int, mnist_dir: str | None = None) -> Dataset:
    return DATA_SETS[name].load(samples, mnist_dir)
