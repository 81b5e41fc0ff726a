import pytest


@pytest.fixture(scope="session")
def catalog():
    from gdtui.lessons.loader import load_catalog

    return load_catalog(use_env=False)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path_factory, monkeypatch):
    """Progress files go to a fresh directory per test, never the developer's."""
    monkeypatch.setenv("GDTUI_DATA_DIR", str(tmp_path_factory.mktemp("data")))
