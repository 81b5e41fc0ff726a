"""Every value of a lesson is checked for type and range before use: each bad
value is one LessonError naming the field, never a crash; hostile objects are
refused or read through their base type, so none of their methods run."""

import json
from dataclasses import fields

import numpy as np
import pytest

from gdtui.lessons.lesson import MAX_STEPS, Lesson, LessonError, build, plain_fields
from gdtui.lessons.values import MAX_VALUES, describe, visible

DROP = object()  # a field of BASE left out
BASE = dict(id="t", title="A lesson", notes={"en": "Note.", "zh": "说明。"},
            weights=0.5, input=0.5, goal=0.8, alpha=0.1)
TWO_BY_TWO = dict(weights=[[0.1, 0.2], [0.3, 0.4]], input=[1.0, 2.0], goal=[0.0, 1.0])


class Boom(Exception):
    pass


def _boom(*_args, **_kwargs):
    raise Boom("a method of a hostile object ran")


class HostileFloat(float):
    """A float whose every method raises: read as a plain float or refused."""
    __float__ = __repr__ = __str__ = __gt__ = __lt__ = __le__ = __ge__ = __eq__ = _boom
    __mul__ = __add__ = __sub__ = __bool__ = __abs__ = __round__ = __index__ = _boom
    __hash__ = float.__hash__


class HostileInt(int):
    __index__ = __int__ = __float__ = __repr__ = __str__ = __lt__ = __gt__ = _boom
    __hash__ = int.__hash__


class HostileStr(str):
    strip = __str__ = __repr__ = __len__ = __eq__ = __iter__ = __getitem__ = _boom
    __hash__ = str.__hash__


class Hostile:
    """Not a number, a list or text, whatever it says about itself."""
    __float__ = __index__ = __int__ = __repr__ = __str__ = __len__ = __iter__ = _boom
    __eq__ = __bool__ = __getitem__ = _boom
    __hash__ = object.__hash__


class MyList(list):
    __iter__ = __len__ = __getitem__ = _boom


def cyclic():
    a = []
    a.append(a)
    return a


# name: (fields over BASE, what the one line says)
BAD = {
    # bool is not a number; strings (even of digits) are not numbers
    "weights_bool": (dict(weights=True), "weights: must be a number, got bool True"),
    "weights_bools": (dict(weights=[True, False], input=[1, 2]), "weights: must be a number, got bool"),
    "weights_numpy_bools": (dict(weights=np.array([True, False]), input=[1, 2]),
                            "weights: must be numbers, got an array of bool"),
    "weights_digit_strings": (dict(weights=["1", "2"], input=[1, 2]),
                              "weights: must be a number, got str '1'"),
    "weights_digits": (dict(weights="12"), "weights: must be numbers, got str '12'"),
    "input_bool": (dict(input=True), "input: must be a number, got bool True"),
    "goal_digits": (dict(goal="0.8"), "goal: must be numbers, got str '0.8'"),
    "alpha_bool": (dict(alpha=True), "alpha: must be a number, got bool True"),
    "alpha_digits": (dict(alpha="0.1"), "alpha: must be a number, got str '0.1'"),
    "alpha_none": (dict(alpha=None), "alpha: must be a number, got NoneType None"),
    "alpha_negative": (dict(alpha=-0.1), "alpha: must be greater than 0"),
    "alpha_nan": (dict(alpha=float("nan")), "alpha: must be finite"),
    "step_amount_zero": (dict(step_amount=0), "step_amount: must be greater than 0"),
    # ints must fit a float
    "weights_huge_int": (dict(weights=10**400), "weights: is too large for a float: int of 1,329 bits"),
    "alpha_huge_int": (dict(alpha=10**400), "alpha: is too large for a float"),
    "input_huge_int": (dict(input=[1, -(10**309)], weights=[0.1, 0.2]), "input: is too large"),
    "weights_nan": (dict(weights=[0.1, float("nan")], input=[1, 2]), "weights: holds NaN or infinity"),
    "goal_inf": (dict(goal=float("-inf")), "goal: holds NaN or infinity"),
    # hostile objects: refused by their type, their methods never run
    "weights_hostile": (dict(weights=Hostile()), "weights: must be a number, got Hostile"),
    "weights_hostile_in_list": (dict(weights=[0.1, Hostile()], input=[1, 2]),
                                "weights: must be a number, got Hostile"),
    "alpha_hostile": (dict(alpha=Hostile()), "alpha: must be a number, got Hostile"),
    "weights_list_subclass": (dict(weights=MyList([0.1])), "weights: must be numbers, got MyList"),
    "weights_object_array": (dict(weights=np.array([object()])),
                             "weights: must be numbers, got an array of object"),
    "title_hostile": (dict(title=Hostile()), "title: must be non-empty text, got Hostile"),
    "notes_hostile": (dict(notes=Hostile()), "notes: must be {'en': …, 'zh': …}, got Hostile"),
    # lists rectangular, not too deep, not empty
    "weights_ragged": (dict(TWO_BY_TWO, weights=[[0.1, 0.2], [0.3]]),
                       "weights: must be numbers in rows of equal length"),
    "weights_mixed": (dict(TWO_BY_TWO, weights=[[0.1, 0.2], 0.3]),
                      "weights: must be numbers in rows of equal length"),
    "frozen_ragged": (dict(TWO_BY_TWO, frozen=[[True], [False, True]]),
                      "frozen: must be True/False in rows of equal length"),
    "frozen_numbers": (dict(TWO_BY_TWO, frozen=[[1, 0], [0, 0]]),
                       "frozen: must hold only True or False, got int 1"),
    "frozen_bool": (dict(frozen=True), "frozen: must be a list of True/False, got bool True"),
    "frozen_text": (dict(frozen="yes"), "frozen: must be a list of True/False, got str"),
    "weights_too_deep": (dict(weights=[[[0.5]]]), "weights: nested too deep"),
    "weights_cyclic": (dict(weights=cyclic()), "weights: nested too deep"),
    "weights_empty": (dict(weights=[]), "weights: is empty"),
    "input_empty_row": (dict(input=[[]]), "input: is empty"),
    "inputs_empty": (dict(input=DROP, inputs=[], goal=DROP, goals=[[1.0]]), "inputs: is empty"),
    "inputs_number": (dict(input=DROP, inputs=3.0, goal=DROP, goals=[[1.0]]),
                      "inputs: must be rows, [samples][values], got a single number"),
    # sizes and steps have upper bounds
    "inputs_too_many": (dict(input=DROP, inputs=[[0.0] * 501] * 500, goal=DROP, goals=[[0.0]] * 500),
                        "inputs: has 250,500 values; at most 250,000"),
    "inputs_too_long": (dict(input=[0.0] * 250_001), "input: has 250,001 values; at most 250,000"),
    "weights_too_many": (dict(weights=0.0, input=[0.0] * 501, goal=[0.0] * 500),
                         "weights: 501 inputs x 500 outputs is too many; at most 250,000"),
    "weights_big_array": (dict(weights=np.zeros(250_001)), "weights: has 250,001 values; at most 250,000"),
    "steps_huge": (dict(steps=10**12), "steps: must be at most 10,000,000, got 1000000000000"),
    "steps_enormous": (dict(steps=10**5000), "steps: must be at most 10,000,000, got an int of 16,610 bits"),
    "steps_bool": (dict(steps=True), "steps: must be a whole number, got bool True"),
    "steps_text": (dict(steps="3"), "steps: must be a whole number, got str '3'"),
    "steps_float": (dict(steps=3.0), "steps: must be a whole number, got float 3.0"),
    "steps_negative": (dict(steps=-1), "steps: must be at least 1, got -1"),
    # book, data and rule are strings from their sets: a list is one line, not "unhashable"
    "book_list": (dict(book=["error"]), "book: must be one of error, "),
    "book_unknown": (dict(book="poem"), "book: must be one of error, "),
    "rule_list": (dict(rule=["gradient"]), "rule: must be one of gradient, hot-cold, compare, got list"),
    "rule_dict": (dict(rule={}), "rule: must be one of gradient"),
    "data_list": (dict(data=["mnist"], input=DROP, goal=DROP), "data: must be one of mnist, got list"),
    "data_unknown": (dict(data="cifar", input=DROP, goal=DROP), "data: must be one of mnist"),
    "samples_huge": (dict(data="mnist", input=DROP, goal=DROP, weights=0.0, samples=10**9),
                     "samples: must be at most 60,000"),
    "samples_bool": (dict(data="mnist", input=DROP, goal=DROP, weights=0.0, samples=True),
                     "samples: must be a whole number, got bool True"),
    # titles, labels, notes and ids are text of a sane length
    "title_number": (dict(title=3), "title: must be non-empty text, got int 3"),
    "title_bytes": (dict(title=b"abc"), "title: must be non-empty text, got bytes"),
    "title_blank": (dict(title="  \n "), "title: must be non-empty text"),
    "title_huge": (dict(title="x" * 1_000_000), "title: is 1,000,000 characters long; at most 120"),
    "id_long": (dict(id="a" * 41), "id: is 41 characters long; at most 40"),
    "id_escape": (dict(id="a\x1b[2Jb"), "id: use lowercase letters, digits and '-', got 'a\\x1b[2Jb'"),
    "id_list": (dict(id=["a"]), "id: must be non-empty text, got list of 1 item(s)"),
    "notes_list": (dict(notes=["en", "zh"]), "notes: must be {'en': …, 'zh': …}, got list"),
    "notes_en_number": (dict(notes={"en": 1, "zh": "z"}), "notes['en']: must be non-empty text, got int 1"),
    "notes_huge": (dict(notes={"en": "n" * 10_001, "zh": "z"}), "notes['en']: is 10,001 characters"),
    "labels_numbers": (dict(input_labels=[1]), "input_labels[0]: must be non-empty text, got int 1"),
    "labels_text": (dict(input_labels="ab"), "input_labels: must be a list of 1 name(s), got str"),
    "labels_long": (dict(output_labels=["o" * 41]), "output_labels[0]: is 41 characters long"),
    "labels_hostile": (dict(input_labels=[HostileFloat(1.0)]),
                       "input_labels[0]: must be non-empty text, got HostileFloat"),
}


def lesson_with(over):
    fields = {**BASE, **over}
    return Lesson(**{k: v for k, v in fields.items() if v is not DROP})


def test_a_broad_table():
    assert len(BAD) >= 60


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_value_is_one_lesson_error(case):
    over, expected = BAD[case]
    with pytest.raises(LessonError) as caught:
        build(lesson_with(over))
    line = str(caught.value)
    assert expected in line, line
    assert "\n" not in line and len(line) < 400


# What hostile values are read as: the base type's value, none of their methods run.
SAFE = {
    "float_subclass": (dict(weights=HostileFloat(0.25)), lambda s: s.weights.tolist() == [[0.25]]),
    "int_subclass": (dict(steps=HostileInt(7)), lambda s: s.steps == 7 and type(s.steps) is int),
    "int_subclass_alpha": (dict(alpha=HostileInt(2)), lambda s: s.settings.alpha == 2.0),
    "str_subclass": (dict(title=HostileStr(" Mine ")), lambda s: s.title == "Mine"),
    "numpy_floats": (dict(weights=np.array([0.5, 0.25]), input=np.array([1, 2])),
                     lambda s: s.weights.tolist() == [[0.5, 0.25]]),
    "numpy_scalars": (dict(alpha=np.float32(0.5), steps=np.int64(3)),
                      lambda s: s.settings.alpha == 0.5 and s.steps == 3),
    "hostile_note_key": (dict(notes={Hostile(): "x", "en": "n", "zh": "z"}),
                         lambda s: s.notes == {"en": "n", "zh": "z"}),
    "escape_in_title": (dict(title="\x1b[31mred\x1b[0m \x9b2J"),
                        lambda s: s.title == "\\x1b[31mred\\x1b[0m \\x9b2J"),
    "newline_in_title": (dict(title="one\ntwo\tthree"), lambda s: s.title == "one\\ntwo\\tthree"),
    "bidi_in_label": (dict(input_labels=["a\u202eb"]), lambda s: s.input_labels == ("a\\u202eb",)),
    "markup_in_title": (dict(title="[/]\n[b]x"), lambda s: s.title == "[/]\\n[b]x"),
    "newline_kept_in_notes": (dict(notes={"en": "one\ntwo\x07", "zh": "z"}),
                              lambda s: s.notes["en"] == "one\ntwo\\x07"),
    "max_steps": (dict(steps=MAX_STEPS), lambda s: s.steps == 10**7),
    "tuple_rows": (dict(weights=((0.1, 0.2),), input=(1, 2)),
                   lambda s: s.weights.shape == (1, 2)),
}


@pytest.mark.parametrize("case", sorted(SAFE))
def test_hostile_but_readable_values(case):
    over, holds = SAFE[case]
    assert holds(build(lesson_with(over)))


def test_the_largest_grid_loads():
    scenario = build(lesson_with(dict(input=DROP, inputs=[[0.0] * 500] * 500, goal=DROP,
                                      goals=[[0.0]] * 500)))
    assert scenario.dataset.inputs.size == MAX_VALUES


@pytest.mark.parametrize("value, shown", [
    ("a\x00b\x1bc\x7f\x9b", "a\\x00b\\x1bc\\x7f\\x9b"),
    ("bad\udcffname", "bad\\udcffname"),
    ("tab\there\r\n", "tab\\there\\r\\n"),
    ("中文 [b] ok", "中文 [b] ok"),
])
def test_visible(value, shown):
    assert visible(value) == shown


def test_describe_never_runs_a_method():
    for value in (Hostile(), HostileFloat(1.0), HostileStr("x"), MyList()):
        assert describe(value) == type(value).__name__
    assert describe(10**5000) == "int of 16,610 bits"
    assert describe("\x1b" * 100).startswith("str '\\\\x1b")


def test_plain_fields_rebuild_the_same_lesson():
    scenario = build(lesson_with(dict(TWO_BY_TWO, frozen=[[True, False], [False, False]],
                                      input_labels=["a", "b"], steps=3)))
    again = build(Lesson(**plain_fields(scenario)))
    assert again.weights.tolist() == scenario.weights.tolist()
    assert again.settings.frozen.tolist() == scenario.settings.frozen.tolist()
    assert (again.dataset.inputs.tolist(), again.dataset.goals.tolist()) == (
        scenario.dataset.inputs.tolist(), scenario.dataset.goals.tolist())
    assert (again.title, again.notes, again.input_labels, again.steps, again.book) == (
        scenario.title, scenario.notes, scenario.input_labels, scenario.steps, scenario.book)


def test_every_builtin_survives_the_trip_as_json():
    """What a loading process sends back rebuilds the very same lesson."""
    from gdtui.lessons.loader import load_catalog

    for lesson in load_catalog(use_env=False).lessons.values():
        again = build(Lesson(**json.loads(json.dumps(plain_fields(lesson)))), lesson.path)
        for field in fields(lesson):
            mine, theirs = getattr(lesson, field.name), getattr(again, field.name)
            if field.name == "dataset":
                assert (mine is None) == (theirs is None)
                if mine is not None:
                    assert mine.inputs.tobytes() == theirs.inputs.tobytes()
                    assert mine.goals.tobytes() == theirs.goals.tobytes()
            elif field.name == "settings":
                assert (mine.rule, mine.alpha, mine.step_amount) == (
                    theirs.rule, theirs.alpha, theirs.step_amount), lesson.id
                assert (mine.frozen is None) == (theirs.frozen is None), lesson.id
                if mine.frozen is not None:
                    assert mine.frozen.tobytes() == theirs.frozen.tobytes(), lesson.id
            elif isinstance(mine, np.ndarray):
                assert mine.shape == theirs.shape and mine.tobytes() == theirs.tobytes()
            else:
                assert mine == theirs, (lesson.id, field.name)
