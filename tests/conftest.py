import pytest


@pytest.fixture(scope="session")
def catalog():
    from gdtui.lessons.loader import load_catalog

    return load_catalog(use_env=False)
