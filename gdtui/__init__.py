"""gdtui: step through gradient descent one keypress at a time, in a terminal.

A scenario file needs only `from gdtui import Lesson`.
"""

from gdtui.scenario import Lesson, LessonError

__all__ = ["Lesson", "LessonError"]
__version__ = "0.1.0"
