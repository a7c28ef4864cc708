"""What went wrong while a cell ran, said in one sentence for a learner.

    >>> import ast
    >>> stmt = ast.parse("V = I * Q").body[0]
    >>> print(explain(NameError("name 'Q' is not defined", name="Q"), stmt, {"I": 1}, 3))
    line 3: `Q` is not defined: give it a value on an earlier line or in an earlier cell.
"""

from __future__ import annotations

import ast
import difflib

from workings import si, sides
from workings.errors import DimensionMismatchError, UndefinedNameError, WorkingsError


def _suggestion(name: str, namespace: dict) -> str:
    candidates = [k for k in namespace if not k.startswith("_")] + list(si.unit_symbols())
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.7)
    return f" (did you mean `{close[0]}`?)" if close else ""


def mismatch_sentence(stmt: ast.stmt, namespace: dict) -> str | None:
    """Which sum in ``stmt`` mixes which kinds of quantity, if one does."""
    scope = {**si.units(), **namespace}

    def lookup(name):
        if name not in scope:
            raise KeyError(name)
        return sides.quantity_dimensions(name, scope[name])

    for node in ast.walk(stmt):
        if isinstance(node, ast.expr) and not isinstance(node, ast.Name):
            try:
                sentence = sides.find_mismatch(node, lookup, scope)
            except Exception:  # e.g. a call to the learner's own function
                continue
            if sentence:
                return sentence
    return None


def explain(error: Exception, stmt: ast.stmt, namespace: dict, line: int) -> WorkingsError:
    """The learner-facing error for ``error``, raised by ``stmt`` on ``line``."""
    where = f"line {line}"
    if isinstance(error, WorkingsError):
        return error.at_line(line)
    if isinstance(error, NameError) and getattr(error, "name", None):
        name = error.name
        return UndefinedNameError(
            f"{where}: `{name}` is not defined{_suggestion(name, namespace)}: give it a "
            "value on an earlier line or in an earlier cell.",
            name,
        )
    if isinstance(stmt, ast.AugAssign) and isinstance(error, ValueError):
        # forallpeople quantities are immutable, so x += 1*m is refused.
        spelled_out = ast.Assign(
            targets=[stmt.target], value=ast.BinOp(stmt.target, stmt.op, stmt.value), lineno=0
        )
        return WorkingsError(
            f"{where}: a quantity with a unit cannot be changed in place: write "
            f"`{ast.unparse(spelled_out)}` instead of `{ast.unparse(stmt)}`."
        )
    if isinstance(error, ZeroDivisionError):
        return WorkingsError(f"{where}: division by zero in `{ast.unparse(stmt)}`.")
    if isinstance(error, ValueError):  # forallpeople refuses to add unlike quantities
        sentence = mismatch_sentence(stmt, namespace)
        if sentence:
            return DimensionMismatchError(f"{where}: {sentence}.")
    return WorkingsError(f"{where}: {type(error).__name__}: {error}")
