"""Loops in English: ``for i in range(5)`` repeats five times."""

from __future__ import annotations

import ast

from . import words
from .conditions import condition
from .expressions import code, name_of, phrase


def _int_constant(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) is int):
        return -node.operand.value
    return None


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{words.number_word(n)} times")


def _range_sentence(lead: str, name: str, args: list[ast.expr]) -> str | None:
    values = [_int_constant(a) for a in args]
    if len(args) == 1:
        n = values[0]
        if n is None:
            return f"{lead} repeats {phrase(args[0])} times, with {name} counting up from 0"
        if n <= 0:
            return f"{lead} over range({n}) repeats zero times: its body never runs"
        if n == 1:
            return f"{lead} runs once, with {name} set to 0"
        return f"{lead} repeats {_times(n)}, with {name} counting from 0 to {n - 1}"
    if len(args) == 2:
        start, stop = values
        if start is not None and stop is not None and stop > start:
            return f"{lead} counts {name} from {start} to {stop - 1}"
        return (f"{lead} counts {name} from {phrase(args[0])} up to, but not including, "
                f"{phrase(args[1])}")
    if len(args) == 3:
        return (f"{lead} counts {name} from {phrase(args[0])} up to, but not including, "
                f"{phrase(args[1])}, in steps of {phrase(args[2])}")
    return None


def for_sentence(node: ast.For | ast.AsyncFor) -> str:
    """The header of a for loop in words.

    >>> for_sentence(ast.parse("for i in range(5): pass").body[0])
    'A for loop repeats five times, with i counting from 0 to 4.'
    >>> for_sentence(ast.parse("for name in names: pass").body[0])
    'A for loop goes through each item of names, calling it name.'
    """
    lead = "An asynchronous for loop" if isinstance(node, ast.AsyncFor) else "A for loop"
    target, source = node.target, node.iter
    names = [code(e) for e in target.elts] if isinstance(target, (ast.Tuple, ast.List)) else None
    if isinstance(source, ast.Call) and not source.keywords and not any(
            isinstance(a, ast.Starred) for a in source.args):
        func = name_of(source.func)
        if func == "range" and isinstance(target, ast.Name):
            text = _range_sentence(lead, target.id, source.args)
            if text:
                return text + "."
        if func == "enumerate" and len(source.args) == 1 and names and len(names) == 2:
            return (f"{lead} goes through {phrase(source.args[0])}, with {names[0]} as the "
                    f"position and {names[1]} as the item.")
        if func == "zip" and names and len(names) == len(source.args) >= 2:
            return (f"{lead} goes through {words.join([phrase(a) for a in source.args])} side by "
                    f"side, calling the items {words.join(names)}.")
        if isinstance(source.func, ast.Attribute) and not source.args:
            owner = phrase(source.func.value)
            if source.func.attr == "items" and names and len(names) == 2:
                return (f"{lead} goes through the keys and values of {owner}, calling them "
                        f"{names[0]} and {names[1]}.")
            if source.func.attr in ("keys", "values") and isinstance(target, ast.Name):
                return (f"{lead} goes through the {source.func.attr} of {owner}, calling each "
                        f"one {target.id}.")
    if names:
        return f"{lead} goes through each item of {phrase(source)}, unpacking it into {words.join(names)}."
    return f"{lead} goes through each item of {phrase(source)}, calling it {code(target)}."


def while_sentence(node: ast.While) -> str:
    """The header of a while loop in words.

    >>> while_sentence(ast.parse("while n > 0: pass").body[0])
    'A while loop repeats as long as n is greater than 0.'
    """
    test = node.test
    if isinstance(test, ast.Constant) and test.value is True or (
            isinstance(test, ast.Constant) and type(test.value) is int and test.value):
        return "A while loop repeats forever, until a break or a return stops it."
    return f"A while loop repeats as long as {condition(test)}."
