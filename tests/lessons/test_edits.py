import numpy as np
import pytest

from gdtui.lessons.edits import parse_matrix, parse_numbers, parse_positive, show_matrix


@pytest.mark.parametrize("text,message", [
    ("", "not a number"), ("abc", "not a number"), ("0", "positive"), ("-1", "positive"),
    ("nan", "positive"), ("inf", "positive"),
])
def test_parse_positive_refuses(text, message):
    with pytest.raises(ValueError, match=message):
        parse_positive(text)


def test_parse_numbers_and_matrix():
    assert parse_numbers("8.5, 0.65 1.2", 3).tolist() == [8.5, 0.65, 1.2]
    with pytest.raises(ValueError, match="needs 3 numbers, got 2"):
        parse_numbers("1 2", 3)
    with pytest.raises(ValueError, match="finite"):
        parse_numbers("1 nan", 2)
    with pytest.raises(ValueError, match="not a number: 'x'"):
        parse_numbers("1 x", 2)
    m = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0]])
    assert np.array_equal(parse_matrix(show_matrix(m), 2, 3), m)
    assert parse_matrix("1 2 3 4", 2, 2).tolist() == [[1, 2], [3, 4]]
    with pytest.raises(ValueError, match="needs 2 rows"):
        parse_matrix("1 2;", 2, 2)


@pytest.mark.parametrize("parse, text, key", [
    (parse_positive, "x", "not_number"), (parse_positive, "-1", "not_positive"),
    (lambda t: parse_numbers(t, 1), "1 2", "count_one"), (lambda t: parse_numbers(t, 3), "1", "count"),
    (lambda t: parse_numbers(t, 2), "1 inf", "not_finite"), (lambda t: parse_matrix(t, 2, 2), "1 2;", "rows"),
])
def test_every_problem_has_a_key_the_form_translates(parse, text, key):
    from gdtui.lessons.edits import EditError
    from gdtui.text.i18n import TEXT

    with pytest.raises(EditError) as caught:
        parse(text)
    assert caught.value.key == key
    for lang in ("en", "zh"):  # the form's words, in both languages, filled in
        assert TEXT["edit_" + key][lang].format(**caught.value.values)
