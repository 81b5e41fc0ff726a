"""The NumPy engine: no Rich, no Textual."""

from gdtui.engine.network import (
    RULES,
    Step,
    compare_step,
    error_along_weight,
    gradient_step,
    hot_cold_step,
    predict,
    slope_along_weight,
)
from gdtui.engine.dataset import Dataset, accuracy
from gdtui.engine.trainer import Settings, Trainer

__all__ = [
    "RULES",
    "Dataset",
    "accuracy",
    "Settings",
    "Step",
    "Trainer",
    "compare_step",
    "error_along_weight",
    "gradient_step",
    "hot_cold_step",
    "predict",
    "slope_along_weight",
]
