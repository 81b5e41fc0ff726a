"""`gdtui class`'s live view: the learners (stuck first), the class's slips,
and a learner's screen mirrored live. The data is gdtui.classroom's."""
