"""The wheel holds every package: `pip install .` (not -e) installs only the
packages pyproject.toml names, so a new folder left off the list works in a
checkout and fails on a fresh machine."""

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")
ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "gdtui").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
