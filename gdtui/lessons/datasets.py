"""The named data sets a lesson file can ask for (`data="mnist"`), each a
DataSpec, and their loaders; what they load is the engine's DataSet.

Each named one knows its shape up front, so lesson files are checked and listed
without reading any data; the data is read only when a lesson starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdtui.engine.data import DataSet


@dataclass(frozen=True)
class DataSpec:
    """A named data set's shape, known without reading it (`data="mnist"`)."""

    inputs: int
    outputs: int
    input_labels: tuple[str, ...]
    output_labels: tuple[str, ...]
    load: Callable[[int, str | None], DataSet]


def load_mnist_dataset(samples: int, mnist_dir: str | None) -> DataSet:
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
    return DataSet(
        inputs=to_inputs(images[train]),
        goals=np.eye(10)[labels[train]],
        labels=labels[train],
        heldout_inputs=to_inputs(images[heldout]),
        heldout_labels=labels[heldout],
        source=data.source,
        where=data.where,
        hint=data.hint,
    )


DATA_SETS: dict[str, DataSpec] = {
    "mnist": DataSpec(
        inputs=28 * 28,
        outputs=10,
        input_labels=tuple(f"pixel {r},{c}" for r in range(28) for c in range(28)),
        output_labels=tuple(str(d) for d in range(10)),
        load=load_mnist_dataset,
    ),
}


def load_dataset(name: str, samples: int, mnist_dir: str | None = None) -> DataSet:
    return DATA_SETS[name].load(samples, mnist_dir)
