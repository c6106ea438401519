"""The package's layout: no import cycle among verifier's modules, and the folder maps in README
and CONTRIBUTING name exactly the folders that exist."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import verifier

PACKAGE = Path(verifier.__file__).resolve().parent
ROOT = PACKAGE.parent


def modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every Python file of `package`."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = [package.name, *path.relative_to(package).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, inside functions too (a lazy import still ties two modules
    together), except under `if TYPE_CHECKING:`, which never runs."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            yield from (i for child in node.orelse for i in _imports(child))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def imported(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """The modules of `known` that module `name` imports. `from a import b` imports a.b when
    that is a module, else a; an import of a.b.c is not counted as one of its packages."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name in known)
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")[:len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, base] if base else parts)
        for alias in node.names:
            if f"{base}.{alias.name}" in known:
                out.add(f"{base}.{alias.name}")
            elif base in known:
                out.add(base)
    out.discard(name)
    return out


def import_graph(package: Path) -> dict[str, set[str]]:
    known = modules(package)
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def test_no_import_cycles_among_the_verifier_modules() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def _package(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_cycle_check_finds_a_lazy_import_cycle(tmp_path: Path) -> None:
    """Two modules of a made-up package import each other, one of them inside a function (as
    parallel and distributed did); a third imports one of them for type checking only."""
    package = _package(tmp_path, {
        "__init__.py": "",
        "sub/__init__.py": "",
        "sub/a.py": "from pkg.sub import b\n",
        "sub/b.py": "def f():\n    from . import a\n    return a\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub import a\n",
        "d.py": "import pkg.c\n",
    })
    graph = import_graph(package)
    assert graph["pkg.sub.a"] == {"pkg.sub.b"} and graph["pkg.sub.b"] == {"pkg.sub.a"}
    assert graph["pkg.c"] == set() and graph["pkg.d"] == {"pkg.c"}
    assert cycles(graph) == [["pkg.sub.a", "pkg.sub.b"]]


def test_the_cycle_check_finds_a_longer_cycle_and_passes_a_tree(tmp_path: Path) -> None:
    ring = _package(tmp_path / "ring", {
        "__init__.py": "", "a.py": "from pkg import b\n", "b.py": "from pkg.c import x\n",
        "c.py": "import pkg.a\nx = 1\n"})
    assert cycles(import_graph(ring)) == [["pkg.a", "pkg.b", "pkg.c"]]
    tree = _package(tmp_path / "tree", {
        "__init__.py": "from pkg.a import y\n", "a.py": "from pkg import b\ny = 1\n",
        "b.py": "from pkg.c import x\n", "c.py": "x = 1\n"})
    assert cycles(import_graph(tree)) == []


# The maps: a fenced block whose lines start with a folder or module of verifier/.
MAP_LINE = re.compile(r"^ {0,4}((?:[a-z_]+/)+|[a-z_]+\.py)\s", re.M)


def _map(document: str) -> list[str]:
    text = (ROOT / document).read_text(encoding="utf-8")
    start = text.index("<!-- map of verifier/ -->")
    block = text[text.index("```", start):text.index("```", text.index("```", start) + 3)]
    return MAP_LINE.findall(block)


def _folders() -> set[str]:
    return {f"{path.name}/" for path in PACKAGE.iterdir()
            if path.is_dir() and path.name != "__pycache__"}


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_the_map_names_every_folder_that_exists_and_no_other(document: str) -> None:
    named = _map(document)
    assert named, f"{document} has no map of verifier/"
    missing = [name for name in named if not (PACKAGE / name).exists()]
    assert missing == [], f"{document}'s map names what verifier/ does not have"
    folders = {name for name in named if name.endswith("/")}
    assert folders == _folders(), f"{document}'s map and the folders of verifier/ differ"


def test_the_old_documented_home_of_execution_still_imports() -> None:
    from verifier.execution.workers import Execution
    from verifier.parallel import Execution as Old

    assert Old is Execution
