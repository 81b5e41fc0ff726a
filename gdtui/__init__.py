"""gdtui: step through gradient descent one keypress at a time, in a terminal.

A scenario file needs only `from gdtui import Lesson`. Lesson and LessonError
are imported on first use, so `import gdtui.serve` (the server's parent
process) loads neither NumPy nor the engine.
"""

__all__ = ["Lesson", "LessonError"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in __all__:
        from gdtui.lessons import lesson

        return getattr(lesson, name)
    raise AttributeError(f"module 'gdtui' has no attribute {name!r}")
