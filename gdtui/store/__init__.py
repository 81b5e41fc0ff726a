"""The one store for what must last: progress and class events, in SQLite.

- events.py: what is recorded (one Event per step, answer, tick, alpha change,
  divergence, lesson opened or left, login, logout), checked on the way in;
- schema.py: the tables, in plain SQL that PostgreSQL takes too;
- db.py: opening a store file with care, one small transaction per event,
  and the reads (a learner's progress, the class's answers and slips);
- legacy.py: the JSON progress files of earlier versions, imported once;
- names.py: what a learner's name may be.

No UI and no NumPy here: the class server's parent uses it.
"""
