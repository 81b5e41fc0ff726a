"""What a lesson trains on: samples, their goals and, for images, labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Dataset:
    inputs: np.ndarray  # [samples][inputs]
    goals: np.ndarray  # [samples][outputs]
    labels: np.ndarray | None = None  # the class of each sample (MNIST's digit)
    # The next samples after the training ones, never trained on: how well
    # the weights do on images they have not seen.
    heldout_inputs: np.ndarray | None = None
    heldout_labels: np.ndarray | None = None
    source: str = "lesson"  # "mnist-train", "mnist-test", "mnist-shipped"
    where: str = ""  # where the data came from, for people
    hint: str = ""  # e.g. how to get the real data set

    @property
    def samples(self) -> int:
        return self.inputs.shape[0]


def accuracy(weights: np.ndarray, inputs: np.ndarray, labels: np.ndarray) -> float:
    """Share of samples whose largest output is their label."""
    if len(labels) == 0:
        return 0.0
    return float(((inputs @ weights.T).argmax(axis=1) == labels).mean())
