"""``describe(code)``: code explained in plain English."""

from __future__ import annotations

import ast

from .errors import OptionError, parse_code
from .model import Description, Sentence

LEVELS = ("brief", "detailed")
EMPTY_MESSAGE = "This cell is empty, so there is nothing to describe yet. Write some Python code first."
COMMENTS_ONLY_MESSAGE = "This cell has only comments, so there is no code to describe."


def describe(code: str, level: str = "brief", *, strict: bool = False) -> Description:
    """Describe *code* in English, briefly (one paragraph) or in detail (step by step).

    A syntax error raises :class:`codeprose.CodeSyntaxError` ("line N: ..."). Anything that
    cannot be phrased is quoted ("Line 3 runs: `...`"). ``strict=True`` raises internal errors
    instead of quoting, for tests and the robustness bench.

    >>> print(describe("import os, math\\nprint(os.sep)").text)
    Two modules are imported directly: os and math without aliases. The main code displays os.sep.
    >>> print(describe("x = 1\\nprint(x)", level="detailed").text)
    Line 1: x is set to 1.
    Line 2: It displays x.
    """
    from .brief import brief
    from .statements import Walker

    if level not in LEVELS:
        raise OptionError(f"the level must be 'brief' or 'detailed', not {level!r}")
    if not code.strip():
        return Description([Sentence(None, EMPTY_MESSAGE)], level)
    tree = parse_code(code)
    if not tree.body:
        return Description([Sentence(None, COMMENTS_ONLY_MESSAGE)], level)
    walker = Walker(code, strict=strict)
    if level == "brief":
        brief(tree, walker)
    else:
        walker.module(tree)
    items = items_of(tree, walker)
    return Description(walker.sentences, level, items, walker.internal_errors)


def items_of(tree: ast.Module, walker=None) -> list[dict]:
    """The structured items: one per top-level statement (imports, functions, classes, others)."""
    from .classes import class_item
    from .functions import function_item
    from .imports import import_items

    items = []
    for stmt in tree.body:
        try:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                items.append(import_items(stmt))
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                items.append(function_item(stmt))
            elif isinstance(stmt, ast.ClassDef):
                items.append(class_item(stmt))
            else:
                items.append({"kind": "statement", "type": type(stmt).__name__,
                              "line": stmt.lineno, "end_line": stmt.end_lineno})
        except RecursionError:
            items.append({"kind": "statement", "type": type(stmt).__name__,
                          "line": stmt.lineno, "end_line": stmt.end_lineno})
        except Exception as error:
            if walker is None or walker.strict:
                raise
            walker.internal_errors.append(f"line {stmt.lineno}: {type(error).__name__}: {error}")
            items.append({"kind": "statement", "type": type(stmt).__name__,
                          "line": stmt.lineno, "end_line": stmt.end_lineno})
    return items
