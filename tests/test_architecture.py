"""The layout keeps its promises: no import cycles in promo/ and ui/, public names listed in each package's
``__all__`` (and used through it by the pages, ui/ and the CLI), page files only in pages/, no Streamlit in promo/.

The import graph is read from the source (ast), so imports inside functions count as much as those at the top.
An edge goes to the module named: ``from .x import y`` to ``x`` (or to ``x.y`` when ``y`` is a submodule);
importing a submodule also runs its package's ``__init__``, an edge this graph leaves out (every package would
otherwise form a cycle with the submodules its ``__init__`` re-exports).
"""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("promo", "ui")  # the import graph covers these
CONSUMERS = ("pages", "ui", "promo/cli")  # may use promo only through the packages' __all__; plus app.py


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (ROOT / name.replace(".", "/") / "__init__.py").is_file()


def is_module(name: str) -> bool:
    return is_package(name) or (ROOT / (name.replace(".", "/") + ".py")).is_file()


def imports(path: Path):
    """(module imported from, [names]) for every import in the file, relative ones resolved; names None for
    ``import x.y``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            yield source, [a.name for a in node.names]


def graph() -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    edges: dict[str, set[str]] = {module_name(p): set() for p in files}
    for p in files:
        for source, names in imports(p):
            targets = [source] if names is None else [f"{source}.{n}" if is_module(f"{source}.{n}") else source
                                                      for n in names]
            edges[module_name(p)] |= {t for t in targets if t in edges and t != module_name(p)}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(_cycle_in(sorted(comp), edges))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _cycle_in(comp: list[str], edges) -> list[str]:
    """A shortest path from the component's first module back to itself, for the message."""
    start, members = comp[0], set(comp)
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for w in sorted(edges[path[-1]] & members):
            if w == start:
                return [*path, start]
            if w not in seen:
                seen.add(w)
                paths.append([*path, w])
    return comp


def test_the_cycle_finder_names_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_promo_and_ui():
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_promo_imports_neither_streamlit_nor_the_ui():
    bad = [(module_name(p), source) for p in (ROOT / "promo").rglob("*.py") for source, _ in imports(p)
           if source.split(".")[0] in ("streamlit", "ui", "pages")]
    assert bad == []


def subpackages() -> list[str]:
    return sorted(module_name(p) for pkg in PACKAGES for p in (ROOT / pkg).rglob("__init__.py"))


@pytest.mark.parametrize("package", subpackages())
def test_each_package_lists_its_public_names_and_they_exist(package):
    mod = importlib.import_module(package)
    assert isinstance(getattr(mod, "__all__", None), (list, tuple)), f"{package}/__init__.py has no __all__"
    missing = [n for n in mod.__all__ if not hasattr(mod, n) and not is_module(f"{package}.{n}")]
    assert missing == [], f"{package}.__all__ names what it does not have"
    assert len(set(mod.__all__)) == len(mod.__all__), f"{package}.__all__ repeats a name"


def consumer_files() -> list[Path]:
    return [ROOT / "app.py", *sorted(p for d in CONSUMERS for p in (ROOT / d).glob("*.py"))]


def test_pages_ui_and_cli_use_promo_through_its_public_names():
    """``from promo[.package] import name``: the package lists ``name`` in ``__all__`` or ``name`` is a whole
    submodule; ``import promo.x`` imports a whole module. Nothing is imported from inside a module."""
    bad = []
    for path in consumer_files():
        for source, names in imports(path):
            if source.split(".")[0] != "promo" or names is None or source.startswith("promo.cli"):
                continue
            where = f"{path.relative_to(ROOT)}: from {source} import"
            if not is_package(source):
                bad.append(f"{where} {', '.join(names)} (import from the package, not one of its modules)")
                continue
            public = set(importlib.import_module(source).__all__)
            bad += [f"{where} {n} (not in {source}.__all__)" for n in names if n not in public
                    and not is_module(f"{source}.{n}")]
    assert bad == []


def test_pages_holds_only_the_registered_pages():
    registered = set(re.findall(r'"(pages/[\w-]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8")))
    present = {str(p.relative_to(ROOT)) for p in (ROOT / "pages").iterdir() if p.name != "__pycache__"}
    assert registered and present == registered
