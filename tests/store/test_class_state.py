"""The class's shared state (class_state): kept by name, the latest wins,
and a store made before the table existed reads as nothing kept."""

import sqlite3

import pytest

from gdtui.store.db import Store, kept, open_reader


@pytest.mark.parametrize("writes, expected", [
    ([], None),
    ([("present", '{"a": 1}', 1.0)], (1.0, '{"a": 1}')),
    ([("present", '{"a": 1}', 1.0), ("present", '{"a": 2}', 2.0)], (2.0, '{"a": 2}')),
    ([("poll", '{"p": 1}', 1.0)], None),
])
def test_the_latest_of_a_name_is_kept(tmp_path, writes, expected):
    store = Store(tmp_path / "class.db")
    for name, value, at in writes:
        store.keep(name, value, at)
    assert store.kept("present") == expected
    store.close()
    reader = open_reader(tmp_path / "class.db")
    try:
        assert kept(reader, "present") == expected
    finally:
        reader.close()


def test_a_store_without_the_table_has_nothing_kept(tmp_path):
    Store(tmp_path / "class.db").close()
    conn = sqlite3.connect(tmp_path / "class.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "class_state" not in tables  # made only when first written
    reader = open_reader(tmp_path / "class.db")
    try:
        assert kept(reader, "present") is None
    finally:
        reader.close()
