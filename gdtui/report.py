"""The old home of the output functions, kept for tests/engine/test_book.py, which
the book-exact contract keeps unchanged. New code imports gdtui.output.*."""

from gdtui.output.book import book_lines
from gdtui.output.run import run_steps

__all__ = ["book_lines", "run_steps"]
