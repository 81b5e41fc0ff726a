"""Bounds of a lesson's numbers that the command line needs too; no NumPy
here, so parsing `gdtui serve`'s flags stays light."""

MAX_STEPS = 10**7  # `gdtui run` at full speed: minutes, not years
