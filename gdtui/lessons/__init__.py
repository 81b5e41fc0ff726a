"""Lessons: the API a lesson file uses (lesson.py), its value checks
(values.py), the loader with its module cache and isolation (loader.py,
isolated.py), the data sets a lesson can name and their loaders (datasets.py)
and the parsing of edits to a lesson's settings (edits.py)."""
