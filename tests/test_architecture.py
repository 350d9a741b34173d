"""The shape of the package: layers that import only downwards, no circles, modules small
enough to read in one sitting, every error under CJMError."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import cjm
from cjm import errors

PACKAGE = Path(cjm.__file__).parent
# layer -> rank: a module imports modules of its own rank or lower, never higher
RANKS = {"errors": 0, "messages": 0, "periods": 0, "labels": 0, "project": 1, "events": 2,
         "steps": 3, "render": 4, "notebook": 5, "run": 6, "cli": 7, "__main__": 7, "__init__": 7,
         "_compat": 7}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports(name: str, path: Path, known: dict) -> set[str]:
    """The cjm modules `name` imports, at module level or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for target in candidates:
            while target and target not in known:
                target = target.rsplit(".", 1)[0] if "." in target else ""
            if target and target != name and target != "cjm":
                targets.add(target)
    return targets


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_layer_imports_only_itself_and_the_layers_below():
    known = modules()
    wrong = [f"{name} -> {target}" for name, path in known.items()
             for target in imports(name, path, known)
             if RANKS[layer(target)] > RANKS[layer(name)]]
    assert wrong == []


def test_nothing_imports_in_a_circle():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}

    def reaches(start: str, goal: str, seen: set) -> bool:
        for step in graph[start]:
            if step == goal or (step not in seen and not seen.add(step)
                                and reaches(step, goal, seen)):
                return True
        return False

    assert [name for name in graph if reaches(name, name, set())] == []


def test_no_module_is_over_500_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in modules().items()}
    assert {name: size for name, size in sizes.items() if size > 500} == {}


def test_every_error_is_a_cjm_error_declared_in_one_module():
    declared = [(name, node.name) for name, path in modules().items()
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ClassDef) and any(
                    getattr(base, "id", getattr(base, "attr", "")).endswith(("Error", "Exception",
                                                                            "Warning"))
                    or getattr(base, "id", "") in {"NotFound", "NotebookFailed"}
                    for base in node.bases)]
    assert {name for name, _ in declared} == {"cjm.errors"}
    for _, cls in declared:
        kind = getattr(errors, cls)
        assert issubclass(kind, (errors.CJMError, errors.CJMWarning)), cls
    assert issubclass(errors.ArgumentError, (ValueError, TypeError))
    for member in vars(errors).values():
        if inspect.isclass(member) and issubclass(member, Exception) and \
                not issubclass(member, Warning):
            assert issubclass(member, errors.CJMError), member


def test_templates_call_only_public_names(repo):
    """Every name a template takes from cjm is public: listed in `__all__` where the module
    or package has one, never underscored, and there."""
    import importlib
    import json

    for template in sorted((repo / "templates").glob("*.ipynb")):
        code = "\n".join("".join(cell["source"]) for cell in json.loads(
            template.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code")
        modules_ = {}
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and node.module.split(".")[0] == "cjm":
                package = importlib.import_module(node.module)
                for alias in node.names:
                    assert alias.name in getattr(package, "__all__", ()), (template.name,
                                                                            alias.name)
                    value = getattr(package, alias.name, None)
                    if value is None:
                        value = importlib.import_module(f"{node.module}.{alias.name}")
                    modules_[alias.asname or alias.name] = value
        for node in ast.walk(ast.parse(code)):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in modules_):
                module = modules_[node.value.id]
                public = getattr(module, "__all__", None)
                assert not node.attr.startswith("_") and hasattr(module, node.attr), (
                    template.name, node.value.id, node.attr)
                assert public is None or node.attr in public, (template.name, node.attr)
