import pytest


@pytest.fixture(scope="session")
def catalog():
    from gdtui.lessons.loader import load_catalog

    return load_catalog(use_env=False)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path_factory, monkeypatch):
    """Progress files go to a fresh directory per test, never the developer's."""
    monkeypatch.setenv("GDTUI_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def utf8_terminal(monkeypatch):
    """An app built here is on a UTF-8 terminal, whatever locale the tests run
    under (the locale is read as the process started: gdtui.text.charset);
    tests of other terminals pass their own Terminal."""
    from gdtui.text import charset

    monkeypatch.setattr(charset, "started_env", lambda: {"LANG": "C.UTF-8"})
