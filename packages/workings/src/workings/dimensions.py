"""Do both sides of a formula have the same dimensions?

Formulas are parsed with ``ast`` and never executed: only names, numbers,
+ - * / **, brackets and a few math functions are allowed.  Each name's
dimensions come from its value (a forallpeople quantity, a number, or text
such as "5 mA"), and the sides' dimensions are worked out from those.

    >>> from workings.si import mA, kOhm, V
    >>> print(check_dimensions("V = I * R", V=3.3 * V, I=1.5 * mA, R=2.2 * kOhm))
    V = I * R balances: both sides are a voltage (kg·m²·s⁻³·A⁻¹).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workings import display, naming, sides
from workings.errors import FormulaSyntaxError, UndefinedNameError, WorkingsError


@dataclass(frozen=True)
class DimensionCheck:
    """The verdict on one formula; true when it balances."""

    formula: str
    balanced: bool
    message: str
    left: tuple
    right: tuple

    def __bool__(self) -> bool:
        return self.balanced

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return display.check_html([self])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.message, "text/html": self._repr_html_()}


def normalise_formula(text: str) -> str:
    """Accept the ways people write maths: × · ÷ − ^ and ² ³.

    >>> normalise_formula("P = I² × R")
    'P = I**2 * R'
    """
    text = text.replace("×", "*").replace("·", "*").replace("÷", "/")
    text = text.replace("−", "-").replace("^", "**")
    return text.replace("²", "**2").replace("³", "**3")


def split_formula(formula: str) -> tuple[str, str]:
    """The two sides of 'left = right' (a single '=' or '==')."""
    parts = re.split(r"(?<![<>!=])==?(?!=)", formula)
    if len(parts) == 1:
        raise FormulaSyntaxError(
            f"`{formula.strip()}` is not a formula: write it as "
            "left side = right side, for example V = I * R."
        )
    if len(parts) > 2:
        raise FormulaSyntaxError(
            f"`{formula.strip()}` has more than one `=`: check one formula per line."
        )
    left, right = (part.strip() for part in parts)
    for side, text in (("left", left), ("right", right)):
        if not text:
            raise FormulaSyntaxError(
                f"`{formula.strip()}` has nothing on the {side} side of `=`."
            )
    return left, right


def _parse_side(text: str, side: str) -> ast.expr:
    try:
        return ast.parse(normalise_formula(text), mode="eval").body
    except SyntaxError as error:
        raise FormulaSyntaxError(
            f"the {side} side, `{text}`, is not a complete expression "
            f"({error.msg}): use {sides.ALLOWED}."
        ) from None


def _check(formula: str, lookup: Callable[[str], tuple], values: Mapping) -> DimensionCheck:
    left_text, right_text = split_formula(formula)
    shown = f"{left_text} = {right_text}"
    evaluated = []
    for side, text in (("left", left_text), ("right", right_text)):
        node = _parse_side(text, side)
        evaluator = sides.SideEvaluator(lookup, values)
        try:
            evaluator(node)
        except sides.Mismatch as mismatch:
            message = f"{shown} does not balance: on the {side} side, {mismatch.sentence}."
            return DimensionCheck(shown, False, message, naming.DIMENSIONLESS, naming.DIMENSIONLESS)
        evaluated.append((node, evaluator))
    (left_node, left_side), (right_node, right_side) = evaluated
    left, right = left_side.dims[id(left_node)], right_side.dims[id(right_node)]
    if left == right:
        message = (
            f"{shown} balances: both sides are {sides.describe_side(left_node, left_side)} "
            f"({naming.si_base_units(left)})."
        )
        return DimensionCheck(shown, True, message, left, right)
    message = (
        f"{shown} does not balance: the left side is "
        f"{sides.describe_side(left_node, left_side)} ({naming.si_base_units(left)}), "
        f"the right side is {sides.describe_side(right_node, right_side)} "
        f"({naming.si_base_units(right)})."
    )
    return DimensionCheck(shown, False, message, left, right)


def check_dimensions(formula: str, /, **quantities) -> DimensionCheck:
    """Check that both sides of ``formula`` have the same dimensions.

    Give every name in the formula a value: a forallpeople quantity, a number,
    or text with a unit.  The result is true when the formula balances, and
    its message says why not when it does not.

    >>> result = check_dimensions("V = I / R", V="12 V", I="2 A", R="6 Ohm")
    >>> bool(result)
    False
    >>> print(result)  # doctest: +NORMALIZE_WHITESPACE
    V = I / R does not balance: the left side is a voltage (kg·m²·s⁻³·A⁻¹),
    the right side is current per resistance (s³·A³·kg⁻¹·m⁻²).
    """

    def lookup(name: str) -> tuple:
        if name not in quantities:
            raise UndefinedNameError(
                f"`{name}` in `{formula.strip()}` has no value: give it one, "
                f"for example check_dimensions(..., {name}=...).",
                name,
            )
        return sides.quantity_dimensions(name, quantities[name])

    return _check(formula, lookup, quantities)


@dataclass(frozen=True)
class UnitsReport:
    """The verdicts on a cell of formulas, one per formula line."""

    items: tuple  # (line number, DimensionCheck or WorkingsError)

    @property
    def all_balance(self) -> bool:
        return all(isinstance(item, DimensionCheck) and item for _, item in self.items)

    def __str__(self) -> str:
        return "\n".join(display.check_item_text(item) for _, item in self.items)

    def _repr_html_(self) -> str:
        return display.check_html([item for _, item in self.items])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": str(self), "text/html": self._repr_html_()}


def check_formulas(text: str, namespace: Mapping, first_line: int = 1) -> UnitsReport:
    """Check each formula line of ``text``, taking values from ``namespace``.

    Blank lines and comments are skipped; a line that cannot be checked gets
    an error naming it, and the other lines are still checked.

    >>> report = check_formulas("P = V * I", {"P": 2.0, "V": 1.0, "I": 2.0})
    >>> report.all_balance
    True
    """
    items = []
    for offset, raw in enumerate(text.splitlines()):
        line_number = first_line + offset
        formula = raw.split("#", 1)[0].strip()
        if not formula:
            continue

        def lookup(name: str) -> tuple:
            if name not in namespace:
                raise UndefinedNameError(
                    f"`{name}` is not defined: give it a value in an earlier cell.",
                    name,
                )
            return sides.quantity_dimensions(name, namespace[name])

        try:
            items.append((line_number, _check(formula, lookup, namespace)))
        except WorkingsError as error:
            items.append((line_number, error.at_line(line_number)))
    return UnitsReport(tuple(items))
