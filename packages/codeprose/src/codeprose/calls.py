"""Calls used as statements, in English: ``print(x)`` displays x, ``input()`` asks the user."""

from __future__ import annotations

import ast

from . import words
from .expressions import code, is_simple, name_of, phrase, quote

# list/dict/set methods whose call reads as an action: "adds x to the end of items".
_METHOD_ACTIONS = {
    ("append", 1): "adds {0} to the end of {obj}",
    ("extend", 1): "adds the items of {0} to the end of {obj}",
    ("insert", 2): "inserts {1} into {obj} at position {0}",
    ("remove", 1): "removes the first {0} from {obj}",
    ("pop", 0): "removes the last item of {obj}",
    ("sort", 0): "sorts {obj}",
    ("reverse", 0): "reverses the order of {obj}",
    ("clear", 0): "empties {obj}",
    ("update", 1): "updates {obj} with {0}",
    ("add", 1): "adds {0} to {obj}",
    ("discard", 1): "removes {0} from {obj} if it is there",
}


def call_action(call: ast.Call) -> str:
    """What a call does, as a verb phrase for "It ...".

    >>> call_action(ast.parse("print(x)").body[0].value)
    'displays x'
    >>> call_action(ast.parse("input('Name? ')").body[0].value)
    "asks the user 'Name? ' (the answer is not kept)"
    >>> call_action(ast.parse("scores.append(10)").body[0].value)
    'adds 10 to the end of scores'
    """
    func = name_of(call.func)
    if func == "print":
        return _print_action(call)
    if func == "input":
        prompt = f" {phrase(call.args[0])}" if call.args else " for some input"
        return f"asks the user{prompt} (the answer is not kept)"
    if isinstance(call.func, ast.Attribute) and is_simple(call.func.value) and not call.keywords:
        action = _METHOD_ACTIONS.get((call.func.attr, len(call.args)))
        if action and not any(isinstance(a, ast.Starred) for a in call.args):
            return action.format(*[phrase(a) for a in call.args], obj=code(call.func.value))
    if func and all(is_simple(a) for a in call.args) and all(
            k.arg and is_simple(k.value) for k in call.keywords) and len(call.args) + len(call.keywords) <= 4:
        given = [code(a) for a in call.args]
        given += [f"{k.arg} set to {code(k.value)}" for k in call.keywords]
        return f"calls {func} with {words.join(given)}" if given else f"calls {func}"
    return f"calls {quote(call)}"


def _print_action(call: ast.Call) -> str:
    """print(...) in words: what it displays, and how it separates and ends the output."""
    shown = []
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            shown.append(f"the items of {phrase(arg.value)}")
        else:
            shown.append(phrase(arg))
    text = f"displays {words.join(shown)}" if shown else "displays an empty line"
    for keyword in call.keywords:
        if keyword.arg == "sep" and (len(shown) > 1 or any(
                isinstance(a, ast.Starred) for a in call.args)):
            text += f", separated by {phrase(keyword.value)}"
        elif keyword.arg == "end":
            text += f", ending with {phrase(keyword.value)} instead of a new line"
        elif keyword.arg == "file":
            text += f", writing to {phrase(keyword.value)}"
        elif keyword.arg != "sep":
            return f"displays {quote(call)}"
    return text


def asks_user(value: ast.AST) -> tuple[str, str | None] | None:
    """For ``input(...)`` (maybe inside ``int(...)``/``float(...)``): the prompt and conversion.

    >>> asks_user(ast.parse("int(input('Age? '))").body[0].value)
    ("'Age? '", 'an integer')
    """
    conversion = None
    if isinstance(value, ast.Call) and name_of(value.func) in ("int", "float") \
            and len(value.args) == 1 and not value.keywords:
        conversion = "an integer" if name_of(value.func) == "int" else "a decimal number"
        value = value.args[0]
    if isinstance(value, ast.Call) and name_of(value.func) == "input" and len(value.args) <= 1:
        prompt = phrase(value.args[0]) if value.args else None
        return (prompt or "", conversion)
    return None
