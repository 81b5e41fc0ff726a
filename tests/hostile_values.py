"""Hostile values for every field of a lesson, as source text: the same
cases are built in this process (tests/lessons) and written into lesson files
for `gdtui check` and the loader (tests/output), so both see one table.

- HUGE: an int no float holds (10**400, 10**5000, -10**400) in each numeric
  field, prompts and checks included;
- SUBCLASSES: each str, int, float, list and dict in each field replaced by a
  subclass whose every method records that it ran (then raises), armed only
  once the file has made its Lesson: none may run while gdtui checks it;
- MIXED_KEYS: a dict of each field with keys of other types beside its text
  keys (sorting them raised TypeError).
"""

from __future__ import annotations

# A lesson using every field that takes plain data: prompts, predict,
# exercises (each kind of check), labels, notes.
BASE = {
    "id": "'hostile'",
    "title": "'A lesson'",
    "notes": "{'en': 'Note.', 'zh': '说明。'}",
    "weights": "[0.5, 0.25]",
    "input": "[1.0, 2.0]",
    "goal": "0.8",
    "alpha": "0.1",
    "step_amount": "0.01",
    "steps": "3",
    "frozen": "[False, True]",
    "input_labels": "['toes', 'wins']",
    "output_labels": "['hurt']",
    "rule": "'gradient'",
    "book": "'iterations'",
    "predict": "'delta'",
    "prompts": "[{'after': 2, 'en': 'Try it.', 'zh': '试试。'},"
               " {'when': 'converged', 'en': 'Done.', 'zh': '完成。'}]",
    "exercises": (
        "[{'id': 'one', 'en': 'Get low.', 'zh': '降低。', 'hint': {'en': 'Space.', 'zh': '空格。'},"
        "  'check': {'error_below': 0.01, 'within': 50}},"
        " {'id': 'two', 'en': 'Alpha.', 'zh': '学习率。', 'hint': {'en': '[ and ].', 'zh': '[ ]'},"
        "  'check': {'alpha_between': [0.1, 0.5], 'then': 'converged'}},"
        " {'id': 'three', 'en': 'Stay.', 'zh': '稳定。', 'hint': {'en': 'r.', 'zh': 'r'},"
        "  'check': {'diverged': False, 'steps': 20}},"
        " {'id': 'four', 'en': 'Predict.', 'zh': '预测。', 'hint': {'en': 'p.', 'zh': 'p'},"
        "  'check': {'correct_in_a_row': 3, 'quantity': 'delta'}},"
        " {'id': 'five', 'en': 'Freeze.', 'zh': '冻结。', 'hint': {'en': 'f.', 'zh': 'f'},"
        "  'check': {'frozen': 1, 'error_below': 0.5}},"
        " {'id': 'six', 'en': 'Unfreeze.', 'zh': '解冻。', 'hint': {'en': 'f.', 'zh': 'f'},"
        "  'check': {'unchanged_after_unfreeze': 1, 'tolerance': 0.001}}]"
    ),
}
MNIST = {"data": "'mnist'", "samples": "10", "weights": "0.0", "input": None, "goal": None,
         "frozen": None, "input_labels": None, "output_labels": None, "book": "'passes'",
         "exercises": None, "predict": None}
INTS = {"weights": "[1, 0]", "input": "[1, 2]", "goal": "1", "alpha": "1", "step_amount": "1"}
SAMPLES = {"input": None, "goal": None, "inputs": "[[1.0, 2.0], [0.5, 0.5]]", "goals": "[[0.8], [0.1]]"}


def _exercise(k: int, check: str) -> str:
    """BASE's exercises with exercise k's check replaced."""
    return BASE["exercises"].replace(
        {0: "{'error_below': 0.01, 'within': 50}", 1: "{'alpha_between': [0.1, 0.5], 'then': 'converged'}",
         2: "{'diverged': False, 'steps': 20}", 3: "{'correct_in_a_row': 3, 'quantity': 'delta'}",
         4: "{'frozen': 1, 'error_below': 0.5}",
         5: "{'unchanged_after_unfreeze': 1, 'tolerance': 0.001}"}[k], check)


NO_ARM = "def ARM():\n    pass\n"
IDENTITY = NO_ARM + "def W(value, kind):\n    return value\n"  # the twin of a hostile case


def source(over: dict[str, str | None], head: str = NO_ARM) -> str:
    """A lesson file: BASE with `over`'s fields (None drops one)."""
    fields = {**BASE, **over}
    args = ",\n    ".join(f"{k}={v}" for k, v in fields.items() if v is not None)
    return f"from gdtui import Lesson\n{head}\nlesson = Lesson(\n    {args},\n)\nARM()\n"


# -- ints no float holds ---------------------------------------------------------
# case: (fields over BASE (N stands for the int), the field the line names)
HUGE_SLOTS = {
    "weights": ({"weights": "[0.5, N]"}, "weights"),
    "input": ({"input": "[N, 1.0]"}, "input"),
    "goal": ({"goal": "N"}, "goal"),
    "inputs": ({**SAMPLES, "inputs": "[[1.0, 2.0], [N, 0.5]]"}, "inputs"),
    "goals": ({**SAMPLES, "goals": "[[0.8], [N]]"}, "goals"),
    "alpha": ({"alpha": "N"}, "alpha"),
    "step_amount": ({"step_amount": "N"}, "step_amount"),
    "steps": ({"steps": "N"}, "steps"),
    "samples": ({**MNIST, "samples": "N"}, "samples"),
    "prompt_after": ({"prompts": "[{'after': N, 'en': 'x', 'zh': 'x'}]"}, "prompts[0]['after']"),
    "error_below": ({"exercises": _exercise(0, "{'error_below': N}")},
                    "exercises[0]['check']['error_below']"),
    "within": ({"exercises": _exercise(0, "{'error_below': 0.1, 'within': N}")},
               "exercises[0]['check']['within']"),
    "alpha_low": ({"exercises": _exercise(1, "{'alpha_between': [N, 0.5]}")},
                  "exercises[1]['check']['alpha_between'][0]"),
    "alpha_high": ({"exercises": _exercise(1, "{'alpha_between': [0.1, N]}")},
                   "exercises[1]['check']['alpha_between'][1]"),
    "diverged_steps": ({"exercises": _exercise(2, "{'diverged': False, 'steps': N}")},
                       "exercises[2]['check']['steps']"),
    "correct_in_a_row": ({"exercises": _exercise(3, "{'correct_in_a_row': N}")},
                         "exercises[3]['check']['correct_in_a_row']"),
    "frozen_index": ({"exercises": _exercise(4, "{'frozen': N, 'error_below': 0.5}")},
                     "exercises[4]['check']['frozen']"),
    "unfreeze_index": ({"exercises": _exercise(5, "{'unchanged_after_unfreeze': N}")},
                       "exercises[5]['check']['unchanged_after_unfreeze']"),
    "tolerance": ({"exercises": _exercise(5, "{'unchanged_after_unfreeze': 1, 'tolerance': N}")},
                  "exercises[5]['check']['tolerance']"),
}
HUGE_INTS = {"1e400": "10**400", "1e5000": "10**5000", "minus_1e400": "-10**400"}


def huge_cases() -> dict[str, tuple[str, str]]:
    """name: (lesson file source, the field its line must name)."""
    cases = {}
    for slot, (over, field) in HUGE_SLOTS.items():
        for size, number in HUGE_INTS.items():
            cases[f"{slot}-{size}"] = (
                source({k: (v if v is None else v.replace("N", f"({number})")) for k, v in over.items()}),
                field)
    return cases


# -- subclasses whose every method records that it ran ---------------------------
# Written into each file: until ARM() (after the Lesson is made) the methods
# are the base type's; after it, each call is written to MARK and raises.
SUBCLASSES = '''
import os as _os
MARK = {mark!r}
_ARMED = []
_SKIP = {{"__new__", "__init__", "__init_subclass__", "__subclasshook__", "__class_getitem__",
          "__getattribute__", "__class__", "__doc__", "__dict__", "__weakref__", "__module__",
          "__qualname__", "__slots__", "__instancecheck__", "__subclasscheck__"}}


def ARM():
    _ARMED.append(True)


def _record(base, name):
    real = getattr(base, name)

    def method(self, *args, **kwargs):
        if _ARMED:
            with open(MARK, "a", encoding="utf-8") as f:
                f.write(type(self).__name__ + "." + name + "\\n")
            raise RuntimeError("a hostile method ran: " + name)
        return real(self, *args, **kwargs)
    return method


def _hostile(base):
    body = {{name: _record(base, name) for name in dir(base)
             if name not in _SKIP and callable(getattr(base, name, None))}}
    return type("Hostile" + base.__name__.capitalize(), (base,), body)


HStr, HInt, HFloat, HList, HDict = (_hostile(t) for t in (str, int, float, list, dict))
WRAP = {{str: HStr, int: HInt, float: HFloat, list: HList, dict: HDict}}


def W(value, kind):
    """value with every `kind` in it (itself included) a hostile subclass."""
    if type(value) is list:
        value = [W(v, kind) for v in value]
    elif type(value) is dict:
        value = {{W(k, kind): W(v, kind) for k, v in value.items()}}
    return WRAP[kind](value) if type(value) is kind else value
'''
KINDS = ("str", "int", "float", "list", "dict")


def subclass_cases(mark: str) -> dict[str, tuple[str, str, str]]:
    """name: (lesson file source, the field, its twin's source), one per field
    and kind of value that field holds: the field's whole value with that kind
    made hostile; the twin is the same lesson with nothing hostile."""
    head = SUBCLASSES.format(mark=mark)
    cases = {}
    for variant, over in (("", {}), ("samples-", SAMPLES), ("mnist-", MNIST), ("ints-", INTS)):
        fields = {**BASE, **over}
        for field, value in fields.items():
            if value is None or (variant and field not in over):
                continue
            literal = eval(value)  # noqa: S307 (our own table's source)
            for kind in KINDS:
                if not _holds(literal, kind):
                    continue
                changed = {**over, field: f"W({value}, {kind})"}
                cases[f"{variant}{field}-{kind}"] = (
                    source(changed, head), field, source(changed, IDENTITY))
    return cases


def _holds(value, kind: str) -> bool:
    if type(value).__name__ == kind:
        return True
    if type(value) is list:
        return any(_holds(v, kind) for v in value)
    if type(value) is dict:
        return any(_holds(k, kind) or _holds(v, kind) for k, v in value.items())
    return False


# -- dict keys of other types beside the text keys ------------------------------
MIXED = {"int": "1", "none": "None", "tuple": "(1, 'a')", "float": "2.5", "bytes": "b'en'"}
# field: (fields over BASE, where K goes (a key beside the others), the place the line names)
MIXED_SLOTS = {
    "prompt": ({"prompts": "[{'after': 2, 'en': 'x', 'zh': 'x', K: 1, 'zz': 2}]"}, "prompts[0]"),
    "exercise": ({"exercises": BASE["exercises"].replace("{'id': 'one',", "{K: 1, 'zz': 2, 'id': 'one',")},
                 "exercises[0]"),
    "check": ({"exercises": _exercise(0, "{'error_below': 0.01, K: 1, 'zz': 2}")},
              "exercises[0]['check']"),
    "hint": ({"exercises": BASE["exercises"].replace("{'en': 'Space.', 'zh': '空格。'}",
                                                     "{'en': 'Space.', 'zh': '空格。', K: 1}")},
             "exercises[0]['hint']"),
}


def mixed_cases() -> dict[str, tuple[str, str]]:
    return {f"{slot}-{kind}": (source({k: v.replace("K", key) for k, v in over.items()}), field)
            for slot, (over, field) in MIXED_SLOTS.items() for kind, key in MIXED.items()}

