"""Classes in English: bases, methods, class attributes and instance attributes."""

from __future__ import annotations

import ast

from . import words
from .expressions import code
from .functions import docstring_sentence, is_method, type_params_sentence


def _targets(node: ast.stmt) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        found = []
        for target in node.targets:
            found.extend(target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target])
        return found
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        return [node.target]
    return []


def methods(node: ast.ClassDef) -> list[str]:
    """Names of the methods defined directly in the class."""
    return [s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]


def class_attributes(node: ast.ClassDef) -> list[str]:
    """Names assigned directly in the class body."""
    names: list[str] = []
    for stmt in node.body:
        for target in _targets(stmt):
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    return names


def instance_attributes(node: ast.ClassDef) -> list[str]:
    """Attributes set on ``self`` (the first parameter) inside the methods.

    >>> tree = ast.parse("class P:\\n    def __init__(self, x):\\n        self.x = x")
    >>> instance_attributes(tree.body[0])
    ['x']
    """
    names: list[str] = []
    for stmt in node.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) or not is_method(stmt, True):
            continue
        first = (stmt.args.posonlyargs + stmt.args.args)[0].arg
        for child in ast.walk(stmt):
            for target in _targets(child) if isinstance(child, ast.stmt) else []:
                if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                        and target.value.id == first and target.attr not in names):
                    names.append(target.attr)
    return names


def class_sentences(node: ast.ClassDef) -> list[str]:
    """Sentences that sum up a class.

    >>> tree = ast.parse("class Dog(Animal):\\n    sound = 'woof'\\n    def speak(self):\\n        print(self.sound)")
    >>> class_sentences(tree.body[0])  # doctest: +NORMALIZE_WHITESPACE
    ['A class named Dog is defined, based on Animal.', 'It has one class attribute: sound.',
     'It has one method: speak.']
    """
    intro = f"A class named {node.name} is defined"
    bases = [code(b) for b in node.bases]
    if bases:
        intro += f", based on {words.join(bases)}"
    keywords = [k for k in node.keywords if k.arg]
    if keywords:
        intro += (", with " if not bases else ", and with ") + words.join(
            f"{k.arg} set to {code(k.value)}" for k in keywords)
    sentences = [intro + "."]
    if node.decorator_list:
        sentences.append(f"It is decorated with {words.join(code(d) for d in node.decorator_list)}.")
    generic = type_params_sentence(node)
    if generic:
        sentences.append(generic)
    doc = docstring_sentence(ast.get_docstring(node, clean=True))
    if doc:
        sentences.append(doc)
    attributes = class_attributes(node)
    if attributes:
        sentences.append(_listing("It has", attributes, "class attribute"))
    found = methods(node)
    if found:
        sentences.append(_listing("It has", found, "method"))
    own = instance_attributes(node)
    if own:
        sentences.append(_listing("Each object of the class stores", own, "attribute",
                                  the=True))
    return sentences


def _listing(lead: str, names: list[str], noun: str, the: bool = False) -> str:
    shown = names[:8]
    rest = len(names) - len(shown)
    listed = words.join(shown + ([f"{words.number_word(rest)} more"] if rest else []))
    if the:
        return f"{lead} the {words.plural(noun, len(names))} {listed}."
    return f"{lead} {words.count(len(names), noun)}: {listed}."


def class_item(node: ast.ClassDef) -> dict:
    """The structured form of a class definition."""
    return {
        "kind": "class",
        "name": node.name,
        "line": node.lineno,
        "end_line": node.end_lineno,
        "bases": [code(b) for b in node.bases],
        "methods": methods(node),
        "class_attributes": class_attributes(node),
        "instance_attributes": instance_attributes(node),
        "docstring": ast.get_docstring(node, clean=True),
    }
