"""Import statements in English, grouped the way a reader thinks of them."""

from __future__ import annotations

import ast

from . import words


def import_sentence(nodes: list[ast.Import]) -> str:
    """One sentence for a run of ``import`` statements.

    >>> tree = ast.parse("import os, math\\nimport pandas as pd")
    >>> import_sentence(tree.body)
    'Three modules are imported directly: os and math without aliases, and pandas with the alias pd.'
    """
    names = [alias for node in nodes for alias in node.names]
    parts: list[str] = []
    plain: list[str] = []

    def flush() -> None:
        if plain:
            without = "without an alias" if len(plain) == 1 else "without aliases"
            parts.append(f"{words.join(plain)} {without}")
            plain.clear()

    for alias in names:
        if alias.asname:
            flush()
            parts.append(f"{alias.name} with the alias {alias.asname}")
        else:
            plain.append(alias.name)
    flush()
    n = len(names)
    if n == 1:
        alias = names[0]
        how = f"with the alias {alias.asname}" if alias.asname else "without an alias"
        return f"The {alias.name} module is imported directly, {how}."
    subject = words.capitalize(words.count(n, "module"))
    return f"{subject} {words.verb('is', n)} imported directly: {words.join(parts)}."


def source_module(node: ast.ImportFrom) -> str:
    """Where a ``from ... import`` takes its names from, in words.

    >>> source_module(ast.parse("from . import x").body[0])
    'the current package'
    >>> source_module(ast.parse("from ..util import x").body[0])
    'the util module of the parent package'
    """
    level = node.level or 0
    if level == 0:
        return f"the {node.module} module"
    package = {1: "the current package", 2: "the parent package"}.get(
        level, f"the package {words.number_word(level - 1)} levels up")
    if node.module:
        return f"the {node.module} module of {package}"
    return package


def from_import_sentence(node: ast.ImportFrom) -> str:
    """One sentence for a ``from module import names`` statement.

    >>> from_import_sentence(ast.parse("from pprintast import pprintast2 as ppast").body[0])
    'The name pprintast2 is imported from the pprintast module under the alias ppast.'
    >>> from_import_sentence(ast.parse("from math import pi, sqrt as root").body[0])
    'The names pi and sqrt are imported from the math module, sqrt under the alias root.'
    """
    if node.module == "__future__" and not node.level:
        names = [a.name for a in node.names]
        noun = words.plural("feature", len(names))
        return (f"The future {noun} {words.join(names)} {words.verb('is', len(names))} "
                f"switched on.")
    where = source_module(node)
    if any(a.name == "*" for a in node.names):
        return f"Every public name of {where} is imported (a star import)."
    names = [a.name for a in node.names]
    aliased = [a for a in node.names if a.asname]
    n = len(names)
    text = (f"The {words.plural('name', n)} {words.join(names)} {words.verb('is', n)} "
            f"imported from {where}")
    if n == 1 and aliased:
        text += f" under the alias {aliased[0].asname}"
    elif aliased:
        text += ", " + words.join(f"{a.name} under the alias {a.asname}" for a in aliased)
    return text + "."


def import_items(node: ast.Import | ast.ImportFrom) -> dict:
    """The structured form of an import statement.

    >>> import_items(ast.parse("import pandas as pd").body[0])["modules"]
    [{'name': 'pandas', 'alias': 'pd'}]
    """
    entries = [{"name": a.name, "alias": a.asname} for a in node.names]
    if isinstance(node, ast.Import):
        return {"kind": "import", "line": node.lineno, "modules": entries}
    return {"kind": "from_import", "line": node.lineno, "module": node.module,
            "level": node.level or 0, "names": entries}
