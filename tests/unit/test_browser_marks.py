"""Every browser test module carries the ``browser`` mark, so ``-m "not browser"`` leaves out
exactly the tests that need a browser (issue 26: one file lacked it)."""

from __future__ import annotations

import ast
from pathlib import Path

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"


def marks_of(module: Path) -> list[str]:
    """The marks a module's ``pytestmark = pytest.mark.NAME`` (or a list of them) sets."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else [node.value]
            return [v.attr for v in values if isinstance(v, ast.Attribute)]
    return []


def test_every_browser_test_module_is_marked_browser():
    modules = sorted(BROWSER_TESTS.glob("test_*.py"))
    assert modules, f"no browser test modules in {BROWSER_TESTS}"
    unmarked = [m.name for m in modules if "browser" not in marks_of(m)]
    assert unmarked == []
