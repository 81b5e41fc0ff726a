"""What a network trains on: samples, their goals and, for images, labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class DataSet:
    """inputs [samples][inputs] and goals [samples][outputs]: the book's
    lessons have one sample; a data set of many is taken in order, cycling.
    labels, when given, is each sample's class (MNIST's digit), for accuracy.
    """

    inputs: np.ndarray  # [samples][inputs]
    goals: np.ndarray  # [samples][outputs]
    labels: np.ndarray | None = None
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
