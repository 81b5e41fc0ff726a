"""Every field of a lesson against hostile values (tests/hostile_values.py),
built in this process: an int no float holds is one line naming the field and
saying so; a subclass of str, int, float, list or dict is read through its base
type (the lesson is the one its plain twin gives) or refused in one line, and
none of its methods runs; dict keys of other types are one line, never a
TypeError from sorting them."""

import pytest

from gdtui.lessons.lesson import LessonError, build, plain_fields
from gdtui.lessons.values import plain

from hostile_values import huge_cases, mixed_cases, subclass_cases

HUGE = huge_cases()
MIXED = mixed_cases()
SUBCLASS = subclass_cases("<never written>")


def lesson_of(source: str):
    namespace = {"__name__": "hostile_lesson"}
    exec(compile(source, "<lesson>", "exec"), namespace)
    return namespace["lesson"]


def one_line(source: str) -> str:
    with pytest.raises(LessonError) as caught:
        build(lesson_of(source))
    line = str(caught.value)
    assert "\n" not in line and len(line) < 400, line
    return line


def test_the_tables_are_broad():
    assert len(HUGE) >= 50 and len(SUBCLASS) >= 40 and len(MIXED) >= 20


@pytest.mark.parametrize("case", sorted(HUGE))
def test_an_int_no_float_holds_names_its_field(case):
    source, field = HUGE[case]
    line = one_line(source)
    assert line.startswith(field + ": "), line
    assert any(why in line for why in ("too large for a float", "must be at most", "must be at least")), line


@pytest.mark.parametrize("case", sorted(MIXED))
def test_keys_of_other_types_name_the_dict(case):
    source, field = MIXED[case]
    line = one_line(source)
    assert line.startswith(f"{field}: a key must be text, got "), line


@pytest.mark.parametrize("case", sorted(SUBCLASS))
def test_no_method_of_a_subclass_runs(case, tmp_path):
    source, field, twin = SUBCLASS[case]
    mark = tmp_path / "ran.txt"
    source = source.replace("MARK = '<never written>'", f"MARK = {str(mark)!r}")
    try:
        scenario = build(lesson_of(source))
    except LessonError as exc:  # refused, as the field's own checks refuse a subclass
        assert exc.field.startswith(field) and "\n" not in str(exc), str(exc)
        assert "hostile method" not in str(exc)
        scenario = None
    assert not mark.exists(), mark.read_text()
    if scenario is not None:  # read as its base type: the very lesson the twin gives
        assert plain_fields(scenario) == plain_fields(build(lesson_of(twin)))


def test_most_subclasses_are_read_not_refused():
    """The refusals are the grids' and labels' (they take exact lists only);
    everything else reads a subclass through its base type."""
    refused = []
    for case, (source, field, _) in SUBCLASS.items():
        try:
            build(lesson_of(source.replace("MARK = '<never written>'", "MARK = '/dev/null'")))
        except LessonError:
            refused.append(case)
    assert all(c.endswith("-list") for c in refused), refused
    assert len(refused) < len(SUBCLASS) // 3, refused


class Liar:
    """An object whose __class__ says it is a str (isinstance believes it)."""
    __class__ = property(lambda self: str)


@pytest.mark.parametrize("field", ["title", "rule", "predict", "prompts", "notes", "alpha", "steps"])
def test_a_class_that_lies_is_refused_in_one_line(field):
    from hostile_values import IDENTITY, source

    value = "[Liar()]" if field == "prompts" else "Liar()"
    namespace = {"Liar": Liar}
    exec(compile(source({field: value}, IDENTITY), "<lesson>", "exec"), namespace)
    with pytest.raises(LessonError) as caught:
        build(namespace["lesson"])
    assert caught.value.field.startswith(field), str(caught.value)


@pytest.mark.parametrize("value, shown", [
    ([1, 2.5, "x", None, True, {"k": [1]}], [1, 2.5, "x", None, True, {"k": [1]}]),
    ((1, (2,)), [1, [2]]),
])
def test_plain_keeps_plain_data(value, shown):
    assert plain("f", value) == shown


@pytest.mark.parametrize("value, message", [
    ([[[[[[[1]]]]]]], "nested too deep"),
    ([0] * 10_001, "holds more than 10,000 values"),
    ({"a": 1, "b": object()}, "f['b']: must be plain data"),
    ({"x": 2**1024}, "f['x']: is too large for a float"),
    ([b"bytes"], "f[0]: must be plain data"),
])
def test_plain_refuses_in_one_line(value, message):
    with pytest.raises(LessonError) as caught:
        plain("f", value)
    assert message in str(caught.value)


def _hostile_namespace(mark):
    from hostile_values import SUBCLASSES

    namespace = {}
    exec(SUBCLASSES.format(mark=str(mark)), namespace)
    return namespace


FIELDS_OF_A_LESSON = dict(id="t", title="A lesson", notes={"en": "n", "zh": "z"}, weights=0.5,
                          input=0.5, goal=0.8)


@pytest.mark.parametrize("how", ["names", "fields-dict", "fields-replaced"])
def test_field_names_and_the_fields_dict_run_no_method(tmp_path, how):
    """Field names that are str subclasses, or a lesson whose `fields` the
    file replaced by a dict subclass afterwards: read by their base types."""
    from gdtui.lessons.lesson import Lesson

    ns = _hostile_namespace(tmp_path / "ran.txt")
    if how == "names":
        lesson = Lesson(**{ns["HStr"](k): v for k, v in FIELDS_OF_A_LESSON.items()})
    else:
        lesson = Lesson(**FIELDS_OF_A_LESSON)
        lesson.fields = ns["HDict"](FIELDS_OF_A_LESSON if how == "fields-dict" else
                                    {ns["HStr"](k): v for k, v in FIELDS_OF_A_LESSON.items()})
    ns["ARM"]()
    scenario = build(lesson)
    assert not (tmp_path / "ran.txt").exists(), (tmp_path / "ran.txt").read_text()
    assert (scenario.id, scenario.title) == ("t", "A lesson")


@pytest.mark.parametrize("fields, line", [
    ([("title", 1)], "lesson: its fields must be a dict, got list"),
    ({"title": "t", 3: 4}, "a name that is not text: unknown field"),
    ({"titel": "t"}, "titel: unknown field"),
    ({"\x1b[2J": "t"}, "\\x1b[2J: unknown field"),
])
def test_fields_replaced_by_something_else_are_one_line(fields, line):
    from gdtui.lessons.lesson import Lesson

    lesson = Lesson(**FIELDS_OF_A_LESSON)
    lesson.fields = fields
    with pytest.raises(LessonError) as caught:
        build(lesson)
    assert str(caught.value).startswith(line), str(caught.value)
