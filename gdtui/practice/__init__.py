"""Practice beside the lesson: predict mode's questions and slips (predict.py),
the lessons' exercises and their checks (exercises.py), and the learner's saved
progress (progress.py). None of it draws: the UI shows what these decide."""
