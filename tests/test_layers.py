"""The package's house rules: one layer a folder, imports only run down, no cycles.

DESIGN.md's data flow is readable from the tree only while the imports agree with it, so
this test walks every import of every module (including imports inside functions) and
holds them against the layer table below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "factlint"

# Lowest first. A module may import its own layer and the layers before it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("factlint._version", "factlint.findings")),
    ("infra", ("factlint.infra",)),
    ("text", ("factlint.text",)),
    ("quantities", ("factlint.quantities",)),
    ("context", ("factlint.fx", "factlint.fx_usd", "factlint.article_date")),
    ("engine", ("factlint.engine",)),
    ("pipeline", ("factlint.api", "factlint.extract")),
    ("config", ("factlint.config",)),
    ("output", ("factlint.report", "factlint.workspace")),
    ("front ends", ("factlint.service", "factlint.lsp", "factlint.dask", "factlint.cluster")),
    ("commands", ("factlint.cli",)),
    ("package", ("factlint", "factlint.__main__")),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from factlint.engine import runner` imports the module factlint.engine.runner
            for alias in node.names:
                found.add(f"{target}.{alias.name}")
    return {name for name in found if name == "factlint" or name.startswith("factlint.")}


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module an imported name refers to (a name imported from a module is that module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets = {_resolve(name) for name in _imports(path, module)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def test_every_module_sits_in_a_layer():
    homeless = [m for m in MODULES if _layer_of(m) is None]
    assert not homeless, f"modules outside every layer: {homeless}"


def test_no_import_runs_up_a_layer():
    wrong = []
    for module, targets in _graph().items():
        own = _layer_of(module)
        for target in sorted(targets):
            if target == "factlint":  # the package's __init__ re-exports; importing it is up
                wrong.append(f"{module} imports the package root")
                continue
            theirs = _layer_of(target)
            if own is not None and theirs is not None and theirs > own:
                wrong.append(f"{module} ({LAYERS[own][0]}) -> {target} ({LAYERS[theirs][0]})")
    assert not wrong, "imports running up a layer:\n" + "\n".join(wrong)


def test_there_is_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith("factlint.__init__"):
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if state.get(nxt) is None:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module == "factlint":
            continue
        if state.get(module) is None:
            cycle = visit(module)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("factlint.quantities.numbers", "factlint.engine.rule_cache", False),
        ("factlint.engine.runner", "factlint.quantities.numbers", True),
        ("factlint.text.document", "factlint.cli.main", False),
        ("factlint.cli.check", "factlint.api", True),
    ],
)
def test_the_layer_table_reads_as_intended(importer, imported, allowed):
    assert (_layer_of(imported) <= _layer_of(importer)) is allowed
