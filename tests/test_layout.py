"""The package layout: no import circle between modules or between stage packages, no alias modules.

Reads the source with ``ast`` (every import, including those inside functions), so it needs no models.
"""

import ast
import importlib
import importlib.util
from pathlib import Path

QA = Path(__file__).resolve().parent.parent / "qa"


def _module_name(path: Path) -> str:
    parts = path.relative_to(QA.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in QA.rglob("*.py")}


def _imports(path: Path, mods: dict[str, Path]) -> set[str]:
    """The qa modules ``path`` imports (``from qa.x import y`` counts qa.x.y when that is a module)."""
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if module.split(".")[0] != "qa":
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                out.add(sub if sub in mods else module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "qa")
    return {m for m in out if m in mods}


def _graph():
    mods = _modules()
    return {m: _imports(p, mods) - {m} for m, p in mods.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def _package_of(mod: str) -> str:
    parts = mod.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (QA / parts[-1]).is_dir() else mod


def test_no_import_circle_between_modules():
    graph = _graph()
    # a package's __init__ imports its own modules; those importing the package face is not a circle
    # we allow, so the face counts like any module.
    assert _cycle(graph) is None, f"import circle: {' -> '.join(_cycle(graph))}"


def test_no_import_circle_between_stage_packages():
    pkg_graph: dict[str, set[str]] = {}
    for mod, deps in _graph().items():
        src = _package_of(mod)
        pkg_graph.setdefault(src, set()).update(_package_of(d) for d in deps if _package_of(d) != src)
    found = _cycle(pkg_graph)
    assert found is None, f"stage packages import each other: {' -> '.join(found)}"


def test_no_alias_modules():
    """A module other than a package face must do something, not only re-export names."""
    for mod, path in _modules().items():
        if path.name == "__init__.py":
            continue
        body = ast.parse(path.read_text()).body
        real = [n for n in body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr))]
        assert real, f"{mod} only re-exports names"


def test_the_checks_see_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_scripts_import_only_what_qa_has():
    """Every ``from qa... import name`` in benchmarks/, scripts/ and app.py names a module and name that exist
    (a benchmark left pointing at a moved module fails here, not on the day someone runs it)."""
    root = Path(__file__).resolve().parents[1]
    files = [*sorted((root / "benchmarks").rglob("*.py")), *sorted((root / "scripts").rglob("*.py")), root / "app.py"]
    missing = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "qa":
                try:
                    module = importlib.import_module(node.module)
                except ImportError as e:
                    missing.append(f"{path.relative_to(root)}: {node.module} ({e})")
                    continue
                for alias in node.names:
                    if not hasattr(module, alias.name) and importlib.util.find_spec(
                            f"{node.module}.{alias.name}") is None:
                        missing.append(f"{path.relative_to(root)}: {node.module}.{alias.name}")
    assert len(files) > 30 and not missing, missing
