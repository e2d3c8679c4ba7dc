"""The layout is the pipeline: stages import only earlier stages and the shared leaves, and no
module imports itself back through a cycle.  Read from the source with ``ast`` (function-local
imports count too), so the check cannot drift from the code."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docextract"
# Layers in pipeline order.  A module may import its own layer and those before it.
LAYERS = {
    "_version": 0, "compiled": 0, "errors": 0, "config": 0, "models": 0, "text": 0, "rules": 0,
    "load": 1, "normalize": 2, "clean": 3, "structure": 4, "extract": 5, "export": 6,
    "review": 6, "pipeline": 7, "schema": 7, "evaluate": 8, "batch": 8, "distributed": 8, "cli": 9, "commands": 9, "__main__": 10, "__init__": 10,
}
MAX_MODULE_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(importer: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The docextract modules an import statement names."""
    is_package = MODULES[importer].name == "__init__.py"
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.startswith("docextract")]
    if node.level:
        base = importer.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        target = ".".join(base + ([node.module] if node.module else []))
    elif node.module and node.module.startswith("docextract"):
        target = node.module
    else:
        return []
    found = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        found.append(sub if sub in MODULES else target)
    return found


def imports_of(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update(t for t in resolve(name, node) if t in MODULES and t != name)
    return out


def layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS["__init__"] if len(parts) == 1 else LAYERS[parts[1]]


GRAPH = {name: imports_of(name) for name in MODULES}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_stage_imports_a_later_stage(name):
    later = sorted(t for t in GRAPH[name] if layer(t) > layer(name))
    assert not later, f"{name} (layer {layer(name)}) imports later stages: {later}"


def test_every_package_has_a_layer():
    assert {n.split(".")[1] for n in MODULES if "." in n} <= LAYERS.keys()


def test_no_import_cycle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(GRAPH[node]):
            # a package's __init__ re-exports its modules: that edge is not a dependency
            if target.startswith(node + ".") and MODULES[node].name == "__init__.py":
                continue
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines: split it by concern"


def test_the_checker_sees_a_later_stage_import():
    statement = ast.parse("from ..extract.units import split_units").body[0]
    targets = resolve("docextract.structure.skeleton", statement)
    assert targets == ["docextract.extract.units"]
    assert layer(targets[0]) > layer("docextract.structure.skeleton")
