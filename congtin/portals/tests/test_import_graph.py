"""No import cycle between congtin apps, and the portals app imports none of them.

The graph is read from the source with ``ast``: imports at module level and inside
functions alike, since a function-local import still ties the two apps together.
Tests are left out: a test may build data from any app.
"""

import ast
from functools import cache
from pathlib import Path

import congtin

PACKAGE = Path(congtin.__file__).resolve().parent


def app_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def imported_apps(path: Path, apps: set[str]) -> set[str]:
    text = path.read_text(encoding="utf-8")
    if "import" not in text or "congtin" not in text and "from ." not in text:
        return set()
    tree = ast.parse(text, filename=str(path))
    own = app_of(path)
    package = path.relative_to(PACKAGE).parent.parts
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                if not base:
                    # "from .. import x" at the top of the package names apps.
                    names = [alias.name for alias in node.names]
                    found.update(n for n in names if n in apps and n != own)
                    continue
                names = [".".join(("congtin", *base))]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "congtin" and parts[1] in apps:
                found.add(parts[1])
    found.discard(own)
    return found


@cache
def import_graph() -> dict[str, set[str]]:
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    apps.discard("settings")
    graph: dict[str, set[str]] = {app: set() for app in apps}
    for path in PACKAGE.rglob("*.py"):
        app = app_of(path)
        if app not in apps or "tests" in path.relative_to(PACKAGE).parts:
            continue
        if path.name == "conftest.py":
            continue
        graph[app] |= imported_apps(path, apps)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of apps (first repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(app):
        state[app] = 1
        stack.append(app)
        for other in sorted(graph[app]):
            if state.get(other) == 1:
                return [*stack[stack.index(other) :], other]
            if other not in state:
                cycle = visit(other)
                if cycle:
                    return cycle
        stack.pop()
        state[app] = 2
        return None

    for app in sorted(graph):
        if app not in state:
            cycle = visit(app)
            if cycle:
                return cycle
    return None


def test_no_import_cycle_between_apps():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_portals_imports_no_other_app():
    assert import_graph()["portals"] == set()


def test_the_checker_sees_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
