"""Reading the learner's Python code: syntax check, choosing a function, sizing.

Everything here uses only the standard library's :mod:`ast`, so it is cheap and
gives learner-facing errors before pyflowchart is ever imported.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass

from .errors import CodeSyntaxError, EmptyCodeError, FunctionNotFoundError

_FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPE_TYPES = _FUNCTION_TYPES + (ast.ClassDef,)


def _syntax_message(error: SyntaxError, lines: list[str]) -> str:
    lineno = error.lineno or 1
    text = (error.text or (lines[lineno - 1] if 0 < lineno <= len(lines) else "")).rstrip("\n")
    stripped = text.strip()
    message = f"line {lineno}: {error.msg}"
    if error.msg.startswith("expected") and " after " not in error.msg and error.offset:
        before = text[: max(error.offset - 1, 0)].strip()
        if before:
            return f"{message} after `{before}`"
    if stripped:
        message += f": `{stripped}`"
    if stripped[:1] in ("%", "!"):
        message += " (IPython magics and shell commands are not Python, so they cannot be drawn)"
    return message


def parse_code(code: str) -> ast.Module:
    """Parse ``code``; raise a learner-facing error if it is empty or not valid Python.

    >>> parse_code("x = 1").body[0].__class__.__name__
    'Assign'
    """
    if not code.strip():
        raise EmptyCodeError(
            "This cell is empty: write some Python code in it to see it as a flowchart."
        )
    lines = code.splitlines()
    try:
        with warnings.catch_warnings():
            # Warnings such as invalid escape sequences belong to running the code, not drawing it.
            warnings.simplefilter("ignore")
            # compile() also finds errors ast.parse lets through ('return' outside function).
            compile(code, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
            tree = ast.parse(code)
    except SyntaxError as error:
        raise CodeSyntaxError(_syntax_message(error, lines), error.lineno) from None
    except ValueError:  # null bytes, on Python versions that do not call it a SyntaxError
        raise CodeSyntaxError(
            "The code contains a null character (\\0); delete it and try again."
        ) from None
    if not tree.body:
        raise EmptyCodeError(
            "This cell has only comments or blank lines: write some Python code to see it "
            "as a flowchart."
        )
    return tree


@dataclass(frozen=True)
class FunctionInfo:
    """A function found in the code: dotted name (``Shape.area``) and its ``def`` node."""

    name: str
    node: ast.FunctionDef | ast.AsyncFunctionDef


def list_functions(tree: ast.AST) -> list[FunctionInfo]:
    """Every function in ``tree`` with its dotted path, in source order (methods too).

    >>> [f.name for f in list_functions(ast.parse("def a(): pass\\nclass B:\\n def c(self): pass"))]
    ['a', 'B.c']
    """
    found: list[FunctionInfo] = []
    stack: list[tuple[str, ast.AST]] = [("", tree)]
    while stack:
        prefix, scope = stack.pop()
        children = []
        for child in ast.iter_child_nodes(scope):
            if isinstance(child, _SCOPE_TYPES):
                name = f"{prefix}{child.name}"
                if isinstance(child, _FUNCTION_TYPES):
                    found.append(FunctionInfo(name, child))
                children.append((f"{name}.", child))
            elif isinstance(child, ast.stmt):
                # Functions defined inside if/for/try blocks still count.
                children.append((prefix, child))
        stack.extend(reversed(children))
    found.sort(key=lambda info: (info.node.lineno, info.node.col_offset))
    return found


def find_function(tree: ast.AST, name: str) -> FunctionInfo:
    """The function called ``name`` (a plain or dotted name), or a learner-facing error."""
    functions = list_functions(tree)
    exact = [info for info in functions if info.name == name]
    if not exact:
        exact = [info for info in functions if info.name.rsplit(".", 1)[-1] == name]
    if len(exact) == 1:
        return exact[0]
    names = tuple(info.name for info in functions)
    if len(exact) > 1:
        full_names = {info.name for info in exact}
        if len(full_names) == 1:
            lines = ", ".join(str(info.node.lineno) for info in exact)
            raise FunctionNotFoundError(
                f"`{name}` is defined {len(exact)} times (lines {lines}): rename all but one "
                "to draw it.",
                names,
            )
        choices = ", ".join(f"`{full}`" for full in sorted(full_names))
        raise FunctionNotFoundError(
            f"More than one function is called `{name}`: {choices}. Give the full name.", names
        )
    if not functions:
        raise FunctionNotFoundError(
            f"There is no function called `{name}`: this code defines no functions. "
            "Leave out the function name to draw the whole code.",
            names,
        )
    listing = ", ".join(f"`{n}`" for n in names)
    raise FunctionNotFoundError(
        f"There is no function called `{name}`. "
        f"{'The function here is' if len(names) == 1 else 'Functions here are'}: {listing}.",
        names,
    )


def count_statements(statements: list[ast.stmt]) -> int:
    """Roughly how many boxes these statements make (a nested def or class is one box)."""
    total = 0
    stack = list(statements)
    while stack:
        statement = stack.pop()
        total += 1
        if isinstance(statement, _SCOPE_TYPES):
            continue
        for child in ast.iter_child_nodes(statement):
            if isinstance(child, ast.stmt):
                stack.append(child)
            elif isinstance(child, (ast.excepthandler, ast.match_case)):
                stack.extend(grand for grand in ast.iter_child_nodes(child) if isinstance(grand, ast.stmt))
    return total
