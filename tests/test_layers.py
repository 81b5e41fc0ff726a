"""The layers hold: engine -> viz -> ui, with lessons, output, practice and
text beside them. Read from the source (every import, also those inside
functions; a module's `python -m` demo aside), so a layer cannot be crossed
by a lazy import either."""

import ast
import functools
import re
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gdtui"
STDLIB = sys.stdlib_module_names

# package -> what its modules may import besides the standard library and itself
ALLOWED = {
    "engine": {"numpy"},
    "text": {"rich"},  # safe.shown: a Rich Text, imported where it is drawn
    "viz": {"numpy", "rich", "gdtui.engine", "gdtui.text"},  # text.safe: a canvas's words escaped
    "practice": {"numpy", "platformdirs", "gdtui.engine", "gdtui.store", "gdtui.text"},
    "store": {"gdtui.text"},
    "lessons": {"numpy", "gdtui.engine", "gdtui.text", "gdtui.data", "gdtui.practice"},
    "output": {"numpy", "orjson", "rich", "gdtui.engine", "gdtui.text", "gdtui.lessons",
               "gdtui.viz"},
    "data": {"numpy", "pooch", "tqdm", "platformdirs", "gdtui.text"},  # tqdm if installed
}
# Textual is the ui's alone; the server's parent and the CLI load it only to open the app.
NO_TEXTUAL = ["engine", "text", "viz", "practice", "lessons", "output", "data", "store"]


def _is_demo(node) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def _imports_in(path: Path, names_from) -> set[str]:
    """Every module `path` imports, a `from` import's named by names_from(node)."""
    found = set()
    stack = [ast.parse(path.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if _is_demo(node):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.update(names_from(node))
        stack.extend(ast.iter_child_nodes(node))
    return found


def imports(path: Path) -> set[str]:
    return _imports_in(path, lambda node: {node.module})


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


# -- no import cycles ----------------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _gdtui_imports(module: str) -> set[str]:
    """The gdtui modules `module` imports, lazily or not, TYPE_CHECKING too:
    `from gdtui.x import y` counts as gdtui.x.y when that is a module. A
    module's own packages do not count (Python runs them first anyway)."""
    def names_from(node):
        subs = {f"{node.module}.{alias.name}" for alias in node.names} & MODULES.keys()
        return subs or {node.module}

    found = _imports_in(MODULES[module], names_from)
    own = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
    return (found & MODULES.keys()) - own - {module}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in graph, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    return next((c for node in sorted(graph) if node not in state and (c := visit(node))), None)


def test_no_module_imports_itself_through_others():
    graph = {module: _gdtui_imports(module) for module in MODULES}
    assert _cycle(graph) is None


def test_packages_import_one_way():
    """cli -> serve -> ui, never back (gdtui.cli starts everything; serve
    knows nothing of the command line it was given)."""
    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    graph: dict[str, set[str]] = {}
    for module in MODULES:
        for imported in _gdtui_imports(module):
            if package(imported) != package(module):
                graph.setdefault(package(module), set()).add(package(imported))
    assert _cycle(graph) is None
    assert "gdtui.cli" not in graph["gdtui.serve"] and "gdtui.serve" not in graph["gdtui.ui"]


@pytest.mark.parametrize("graph, cycle", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
])
def test_the_cycle_finder_finds_cycles(graph, cycle):
    assert _cycle(graph) == cycle


# -- Textual's internals: only in gdtui/ui/driver ------------------------------------
# (and in the canaries, which show that stock Textual still has each bug a
# driver patch works around, so they read the internals the patches replace)

DRIVER = PACKAGE / "ui" / "driver"
TESTS = PACKAGE.parent / "tests"
CANARIES = TESTS / "app" / "test_textual_canaries.py"
# The driver's own tests: the canaries, LineCompositor held to Textual's compositor,
# and RefreshesAtOnce's (which read the message queues it changes).
DRIVER_TESTS = {CANARIES, TESTS / "app" / "test_compositor.py",
                TESTS / "app" / "test_refresh_at_once.py"}
PRIVATE_TOUCH = re.compile(r"textual\._|_xterm_parser|\._driver\b|\._shutdown\b")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_textual(path: Path) -> set[str]:
    """Textual's private modules and names that `path` imports."""
    def names_from(node):
        return {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}

    return {name for name in _imports_in(path, names_from)
            if name.split(".")[0] == "textual" and any(map(_private, name.split(".")))}


def _defined(path: Path) -> set[str]:
    """The private names `path` defines: functions, class attributes, and
    attributes it sets on self or cls."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(target.id for item in node.body if isinstance(item, (ast.Assign, ast.AnnAssign))
                         for target in getattr(item, "targets", [getattr(item, "target", None)])
                         if isinstance(target, ast.Name))
        if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            names.add(node.attr)
    return set(filter(_private, names))


def _attributes(path: Path) -> set[str]:
    """The private attributes `path` reads or sets (`x._name`), comments aside."""
    return {node.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and _private(node.attr)}


def _outside() -> list[Path]:
    return ([path for path in PACKAGE.rglob("*.py") if DRIVER not in path.parents]
            + [path for path in TESTS.rglob("*.py") if path not in DRIVER_TESTS])


@functools.cache
def _textual_private_attributes() -> frozenset[str]:
    """Private names of Textual's objects (App._notifications, Driver._size,
    Pilot._wait_for_screen...) that gdtui and its tests do not define
    themselves: reading one is reading Textual's internals."""
    import textual

    theirs = set().union(*map(_defined, Path(textual.__file__).parent.rglob("*.py")))
    return frozenset(theirs - set().union(*map(_defined, _outside())))


TOUCHES = {
    "imports": _private_textual,
    "names": lambda path: set() if path == Path(__file__) else set(PRIVATE_TOUCH.findall(
        path.read_text(encoding="utf-8"))),
    "attributes": lambda path: _attributes(path) & _textual_private_attributes(),
}


@pytest.mark.parametrize("touch", TOUCHES)
def test_textual_internals_are_touched_in_the_driver_only(touch):
    found = TOUCHES[touch]
    touched = {f"{path.relative_to(PACKAGE.parent)}: {name}" for path in _outside()
               for name in found(path)}
    assert not touched, sorted(touched)
    # the check sees them where they are
    assert found(CANARIES if touch == "attributes" else DRIVER / "parser.py")
