import pytest


@pytest.fixture(autouse=True)
def no_mnist_cache(tmp_path, monkeypatch):
    """The app's tests never pick up a developer's MNIST cache: without
    --mnist-dir the mnist lesson runs on the MNIST images shipped with gdtui."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
