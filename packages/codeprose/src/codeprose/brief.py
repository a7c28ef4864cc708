"""The brief level: one short paragraph about imports, definitions and the main code."""

from __future__ import annotations

import ast

from . import words
from .calls import asks_user
from .classes import class_sentences
from .expressions import code, name_of, phrase
from .functions import header_sentences, returns_sentence
from .imports import from_import_sentence, import_sentence
from .statements import Walker, is_docstring

# Definitions described in full; past this the paragraph would stop being brief.
MAX_DEFINITIONS = 5
MAX_FROM_IMPORTS = 3

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def brief(tree: ast.Module, walker: Walker) -> None:
    """Add the brief paragraph's sentences for *tree* to *walker*."""
    body = list(tree.body)
    if body and is_docstring(body[0]):
        doc = body[0].value.value.strip().splitlines()
        if doc:
            walker.say(body[0].lineno, f"The module's docstring says: “{doc[0].strip()}”", 0)
        body = body[1:]

    direct = [s for s in body if isinstance(s, ast.Import)]
    if direct:
        walker.safely(direct[0], 0, lambda: walker.say(direct[0].lineno, import_sentence(direct), 0))

    froms = [s for s in body if isinstance(s, ast.ImportFrom)]
    if len(froms) <= MAX_FROM_IMPORTS:
        for node in froms:
            walker.safely(node, 0, lambda node=node: walker.say(node.lineno, from_import_sentence(node), 0))
    else:
        modules = []
        for node in froms:
            name = "." * (node.level or 0) + (node.module or "")
            if name not in modules:
                modules.append(name)
        also = "also " if direct else ""
        walker.say(froms[0].lineno, f"Names are {also}imported from "
                   f"{words.count(len(modules), 'module')}: {words.join(modules)}", 0)

    definitions = [s for s in body if isinstance(s, _DEFINITIONS)]
    for node in definitions[:MAX_DEFINITIONS]:
        walker.safely(node, 0, lambda node=node: _definition(node, walker))
    rest = definitions[MAX_DEFINITIONS:]
    if rest:
        walker.say(rest[0].lineno, f"It also defines {words.number_word(len(rest))} more: "
                   f"{words.join([n.name for n in rest])}", 0)

    others = [s for s in body if not isinstance(s, (ast.Import, ast.ImportFrom) + _DEFINITIONS)]
    if others:
        walker.safely(others[0], 0, lambda: _main_code(others, walker))


def _definition(node: ast.stmt, walker: Walker) -> None:
    if isinstance(node, ast.ClassDef):
        for text in class_sentences(node):
            walker.say(node.lineno, text, 0)
        return
    for line, text in header_sentences(node):
        walker.say(line, text, 0)
    walker.say(node.lineno, returns_sentence(node), 0)


def _main_code(stmts: list[ast.stmt], walker: Walker) -> None:
    """ "The main code sets x and y, runs a for loop and displays total." """
    phrases: dict[str, list[str]] = {}  # kind -> names, in order of first appearance
    counts: dict[str, int] = {}

    def note(kind: str, name: str | None = None) -> None:
        phrases.setdefault(kind, [])
        counts[kind] = counts.get(kind, 0) + 1
        if name and name not in phrases[kind]:
            phrases[kind].append(name)

    for stmt in stmts:
        if isinstance(stmt, ast.Assign) and asks_user(stmt.value):
            note("asks")
            for target in stmt.targets:
                note("sets", code(target, 30))
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                for t in (target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]):
                    note("sets", code(t, 30))
        elif isinstance(stmt, ast.AugAssign):
            note("updates", code(stmt.target, 30))
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = name_of(stmt.value.func)
            if func == "print":
                for arg in stmt.value.args:
                    note("displays", phrase(arg))
                if not stmt.value.args:
                    note("displays", "an empty line")
            elif func == "input":
                note("asks")
            else:
                note("calls", func or code(stmt.value.func, 30))
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            note("for")
        elif isinstance(stmt, ast.While):
            note("while")
        elif isinstance(stmt, ast.If):
            note("if")
        elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            note("try")
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            note("with")
        elif isinstance(stmt, ast.Match):
            note("match")
        elif type(stmt).__name__ == "TypeAlias":  # Python 3.12+
            note("type alias", code(stmt.name, 30))
        else:
            note("other")

    parts = []
    for kind, names in phrases.items():
        n = counts[kind]
        if kind in ("sets", "updates", "displays", "calls"):
            shown = names[:4] + ([f"{words.number_word(len(names) - 4)} more"] if len(names) > 4 else [])
            parts.append(f"{kind} {words.join(shown)}")
        elif kind == "type alias":
            parts.append(f"defines the type {words.plural('alias', len(names))} {words.join(names)}")
        elif kind == "asks":
            times = {1: "", 2: " twice"}.get(n, f" {words.number_word(n)} times")
            parts.append(f"asks the user for input{times}")
        elif kind in ("for", "while"):
            loops = f"a {kind} loop" if n == 1 else words.count(n, kind + " loop")
            parts.append(f"runs {loops}")
        elif kind == "if":
            parts.append("makes a choice with an if statement" if n == 1
                         else f"makes {words.number_word(n)} choices with if statements")
        elif kind == "try":
            how_many = "a try statement" if n == 1 else f"{words.number_word(n)} try statements"
            parts.append("handles errors with " + how_many)
        elif kind == "with":
            parts.append("uses " + ("a with statement" if n == 1 else f"{words.number_word(n)} with statements"))
        elif kind == "match":
            how_many = "a match statement" if n == 1 else f"{words.number_word(n)} match statements"
            parts.append("compares values with " + how_many)
        else:
            parts.append(f"runs {words.count(n, 'other statement')}")
    lead = "The main code" if walker.sentences else "The code"
    walker.say(stmts[0].lineno, f"{lead} {words.join(parts)}", 0)
