"""Conditions in English: ``a > b`` becomes "a is greater than b"."""

from __future__ import annotations

import ast

from . import words
from .expressions import code, is_simple, name_of, phrase, quote

_COMPARISONS = {
    ast.Gt: "is greater than",
    ast.GtE: "is greater than or equal to",
    ast.Lt: "is less than",
    ast.LtE: "is less than or equal to",
    ast.Eq: "is equal to",
    ast.NotEq: "is not equal to",
    ast.In: "is in",
    ast.NotIn: "is not in",
    ast.Is: "is",
    ast.IsNot: "is not",
}

_NEGATED = {
    ast.Gt: "is not greater than",
    ast.GtE: "is less than",
    ast.Lt: "is not less than",
    ast.LtE: "is greater than",
    ast.Eq: "is not equal to",
    ast.NotEq: "is equal to",
    ast.In: "is not in",
    ast.NotIn: "is in",
    ast.Is: "is not",
    ast.IsNot: "is",
}

# Methods whose call reads as a plain condition: "name starts with 'A'".
_PREDICATE_METHODS = {
    "startswith": "starts with", "endswith": "ends with",
    "isdigit": "is made of digits only", "isalpha": "is made of letters only",
    "isupper": "is all upper case", "islower": "is all lower case",
}


def condition(node: ast.AST) -> str:
    """A condition in words.

    >>> condition(ast.parse("a > b").body[0].value)
    'a is greater than b'
    >>> condition(ast.parse("x % 2 == 0 and not done").body[0].value)
    'the remainder of x divided by 2 is equal to 0 and done is false'
    >>> condition(ast.parse("isinstance(x, int)").body[0].value)
    'x is an int'
    """
    if isinstance(node, ast.Compare):
        return _compare(node, _COMPARISONS)
    if isinstance(node, ast.BoolOp):
        joiner = "and" if isinstance(node.op, ast.And) else "or"
        parts = [quote(v) if isinstance(v, ast.BoolOp) else condition(v) for v in node.values]
        return f" {joiner} ".join(parts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = node.operand
        if isinstance(inner, ast.Compare) and len(inner.ops) == 1:
            return _compare(inner, _NEGATED)
        if is_simple(inner):
            return f"{code(inner)} is false"
        return f"it is not true that {condition(inner)}"
    if isinstance(node, ast.Call):
        special = _predicate_call(node)
        if special:
            return special
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return "always true" if node.value else "never true"
    return f"{phrase(node)} is true"


def _compare(node: ast.Compare, table: dict) -> str:
    parts = []
    left = node.left
    for op, right in zip(node.ops, node.comparators):
        parts.append(f"{phrase(left)} {table[type(op)]} {phrase(right)}")
        left = right
    return " and ".join(parts)


def _predicate_call(node: ast.Call) -> str | None:
    func = name_of(node.func)
    if node.keywords:
        return None
    if func == "isinstance" and len(node.args) == 2:
        kinds = node.args[1]
        names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
        if all(name_of(n) for n in names):
            return f"{phrase(node.args[0])} is " + words.join(
                (words.article(name_of(n)) for n in names), "or")
    if func == "hasattr" and len(node.args) == 2:
        return f"{phrase(node.args[0])} has the attribute {phrase(node.args[1])}"
    if func == "callable" and len(node.args) == 1:
        return f"{phrase(node.args[0])} can be called"
    if isinstance(node.func, ast.Attribute) and node.func.attr in _PREDICATE_METHODS:
        owner = node.func.value
        if is_simple(owner) and all(is_simple(a) for a in node.args):
            args = f" {words.join([code(a) for a in node.args], 'or')}" if node.args else ""
            return f"{code(owner)} {_PREDICATE_METHODS[node.func.attr]}{args}"
    return None
