"""The NumPy engine: no Rich, no Textual."""

from gdtui.engine.data import DataSet
from gdtui.engine.network import (
    accuracy,
    Step,
    compare_step,
    error_along_weight,
    gradient_step,
    hot_cold_step,
    predict,
    slope_along_weight,
)
from gdtui.engine.rules import RULES, Rule, rule_of
from gdtui.engine.trainer import Settings, Trainer

__all__ = [
    "DataSet",
    "RULES",
    "Rule",
    "Settings",
    "Step",
    "Trainer",
    "accuracy",
    "compare_step",
    "error_along_weight",
    "gradient_step",
    "hot_cold_step",
    "predict",
    "rule_of",
    "slope_along_weight",
]
