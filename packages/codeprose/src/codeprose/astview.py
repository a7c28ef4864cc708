"""A readable, indented view of the syntax tree (the pprintast idea, standard library only)."""

from __future__ import annotations

import ast

from .errors import parse_code

_HIDDEN_FIELDS = {"ctx", "type_comment", "kind"}  # noise for a reader of the tree


def _is_leaf_node(value) -> bool:
    """Operators and contexts (``Add``, ``Load``) have no fields: shown by name, inline."""
    return isinstance(value, (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop))


def _scalar(value) -> str:
    if _is_leaf_node(value):
        return type(value).__name__
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _lines(node: ast.AST) -> str:
    start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    if start is None:
        return ""
    if end is None or end == start:
        return f"  (line {start})"
    return f"  (lines {start}-{end})"


def ast_view(code: str | ast.AST, *, lines: bool = True, show_ctx: bool = False) -> str:
    """An indented tree: one node per line, simple fields inline, children indented.

    >>> print(ast_view("x = a + 1"))
    Module
      body[0]: Assign  (line 1)
        targets[0]: Name  id='x'
        value: BinOp  op=Add
          left: Name  id='a'
          right: Constant  value=1
    """
    tree = parse_code(code) if isinstance(code, str) else code
    hidden = _HIDDEN_FIELDS - ({"ctx"} if show_ctx else set())
    out: list[str] = []
    # An explicit stack: deeply nested code must not exhaust Python's recursion limit.
    stack: list[tuple[str, ast.AST, int]] = [("", tree, 0)]
    while stack:
        label, node, depth = stack.pop()
        inline = []
        children: list[tuple[str, ast.AST]] = []
        for field in node._fields:
            if field in hidden:
                continue
            value = getattr(node, field, None)
            if value is None or value == []:
                continue
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST) and not _is_leaf_node(item):
                        children.append((f"{field}[{index}]", item))
                    elif item is not None:
                        inline.append(f"{field}[{index}]={_scalar(item)}")
            elif isinstance(value, ast.AST) and not _is_leaf_node(value):
                children.append((field, value))
            else:
                inline.append(f"{field}={_scalar(value)}")
        head = f"{label}: " if label else ""
        text = "  " * depth + head + type(node).__name__
        if inline:
            text += "  " + "  ".join(inline)
        if lines and isinstance(node, (ast.stmt, ast.excepthandler, ast.pattern)):
            text += _lines(node)
        out.append(text)
        stack.extend((field, child, depth + 1) for field, child in reversed(children))
    if isinstance(tree, ast.Module) and not tree.body:
        out[0] += "  (empty: no statements)"
    return "\n".join(out)
