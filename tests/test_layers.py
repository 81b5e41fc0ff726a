"""The layers hold: engine -> viz -> ui, with lessons, output, practice and
text beside them. Read from the source (every import, also those inside
functions; a module's `python -m` demo aside), so a layer cannot be crossed
by a lazy import either."""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gdtui"
STDLIB = sys.stdlib_module_names

# package -> what its modules may import besides the standard library and itself
ALLOWED = {
    "engine": {"numpy"},
    "text": {"rich"},  # safe.shown: a Rich Text, imported where it is drawn
    "viz": {"numpy", "rich", "gdtui.engine"},
    "practice": {"numpy", "platformdirs", "gdtui.engine"},
    "lessons": {"numpy", "gdtui.engine", "gdtui.text", "gdtui.data", "gdtui.practice"},
    "output": {"numpy", "orjson", "rich", "gdtui.engine", "gdtui.text", "gdtui.lessons",
               "gdtui.viz"},
    "data": {"numpy", "pooch", "tqdm", "platformdirs", "gdtui.text"},  # tqdm if installed
}
# Textual is the ui's alone; the server's parent and the CLI load it only to open the app.
NO_TEXTUAL = ["engine", "text", "viz", "practice", "lessons", "output", "data"]


def _is_demo(node) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def imports(path: Path) -> set[str]:
    found = set()
    stack = [ast.parse(path.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if _is_demo(node):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        stack.extend(ast.iter_child_nodes(node))
    return found


def allowed(name: str, package: str) -> bool:
    if name.split(".")[0] in STDLIB:
        return True
    # "gdtui" itself (the lesson API's home) is allowed only by name, not as a prefix.
    return any(name == a or (a != "gdtui" and name.startswith(a + "."))
               for a in {*ALLOWED[package], f"gdtui.{package}"})


def modules(package: str):
    return sorted((PACKAGE / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_what_is_below_it(package):
    crossed = {f"{path.relative_to(PACKAGE)}: {name}"
               for path in modules(package) for name in imports(path)
               if not allowed(name, package)}
    assert not crossed, sorted(crossed)


@pytest.mark.parametrize("package", NO_TEXTUAL)
def test_textual_stays_in_the_ui(package):
    assert not {p.name for p in modules(package) if any(
        n.split(".")[0] == "textual" or n.startswith("gdtui.ui") for n in imports(p))}
