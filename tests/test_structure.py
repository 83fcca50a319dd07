"""The house rules of kb/: SQL only in the store (kb/store/: the index's database and the
resume cache of embedded vectors), no function over 80 lines, nothing writes
another module's private state."""

import ast
import re
from pathlib import Path

KB = Path(__file__).resolve().parent.parent / "kb"


def _modules():
    return sorted(p for p in KB.rglob("*.py"))


def test_no_sql_outside_the_store():
    offenders = [f"{p.name}:{n}" for p in _modules() if p.parent.name != "store"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\.(execute|executemany|executescript)\(", line)]
    assert offenders == []


def test_no_function_over_80_lines():
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 80:
                long.append(f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []


def test_no_module_writes_another_objects_private_attribute():
    """`x._name = …` only on self (a module reaching into Index's caches is what issue 11
    removed); an object patching the library it wraps (`self._model._sp`) is its own business."""
    writes = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                if (isinstance(target, ast.Attribute) and target.attr.startswith("_")
                        and isinstance(target.value, ast.Name) and target.value.id not in ("self", "cls")):
                    writes.append(f"{path.name}:{target.lineno} {ast.unparse(target)}")
    assert writes == []
