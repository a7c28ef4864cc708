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
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Mapping

from workings import display, naming, si
from workings.errors import (
    DimensionMismatchError,
    FormulaSyntaxError,
    NotAQuantityError,
    UndefinedNameError,
    UnsupportedExpressionError,
    WorkingsError,
)

# function name -> what it does to dimensions (None: needs a pure number)
_FUNCTIONS = {
    "sqrt": "half",
    "abs": "same",
    "sin": None,
    "cos": None,
    "tan": None,
    "exp": None,
    "log": None,
    "log10": None,
}
_CONSTANTS = {"pi": math.pi}
_ALLOWED = "names, numbers, + - * / ** and brackets, and sqrt, sin, cos, tan, exp, log"
_ZERO = naming.DIMENSIONLESS


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


class _Mismatch(Exception):
    """Raised inside a side when + or - meets two different dimensions."""

    def __init__(self, sentence: str):
        self.sentence = sentence


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
            f"({error.msg}): use {_ALLOWED}."
        ) from None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def quantity_dimensions(name: str, value) -> tuple:
    """Dimensions of a value given for ``name``: quantity, number or text."""
    if isinstance(value, str):
        from workings.units import parse_quantity

        value = parse_quantity(value)
    if _is_number(value):
        return _ZERO
    if si.is_quantity(value):
        return naming.normalise(value.dimensions)
    raise NotAQuantityError(
        f"`{name}` is {type(value).__name__} {value!r}, not a number or a "
        "quantity with a unit."
    )


class _SideEvaluator:
    """Works out the dimensions of every node of one side of a formula."""

    def __init__(self, lookup: Callable[[str], tuple], values: Mapping):
        self.lookup = lookup
        self.values = values
        self.dims: dict[int, tuple] = {}
        self.exponents: dict[int, Fraction] = {}

    def __call__(self, node: ast.expr) -> tuple:
        result = self._visit(node)
        self.dims[id(node)] = result
        return result

    def _visit(self, node):
        if isinstance(node, ast.Constant) and _is_number(node.value):
            return _ZERO
        if isinstance(node, ast.Name):
            if node.id in _CONSTANTS and node.id not in self.values:
                return _ZERO
            return self.lookup(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return self(node.operand)
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        raise UnsupportedExpressionError(
            f"`{ast.unparse(node)}` cannot be used in a formula: use {_ALLOWED}."
        )

    def _binop(self, node: ast.BinOp):
        if isinstance(node.op, ast.Pow):
            base = self(node.left)
            self(node.right)
            exponent = self._exponent(node)
            self.exponents[id(node)] = exponent
            return tuple(d * exponent for d in base)
        left, right = self(node.left), self(node.right)
        if isinstance(node.op, ast.Mult):
            return tuple(a + b for a, b in zip(left, right))
        if isinstance(node.op, ast.Div):
            return tuple(a - b for a, b in zip(left, right))
        if isinstance(node.op, (ast.Add, ast.Sub)):
            if left != right:
                raise _Mismatch(self._mismatch_sentence(node, left, right))
            return left
        raise UnsupportedExpressionError(
            f"`{ast.unparse(node)}` cannot be used in a formula: use {_ALLOWED}."
        )

    def _mismatch_sentence(self, node, left, right) -> str:
        first = naming.describe_with_units(left)
        second = naming.describe_with_units(right)
        if isinstance(node.op, ast.Add):
            return f"`{ast.unparse(node)}` adds {first} to {second}"
        return f"`{ast.unparse(node)}` subtracts {second} from {first}"

    def _exponent(self, node: ast.BinOp) -> Fraction:
        if self.dims[id(node.right)] != _ZERO:
            raise _Mismatch(
                f"the power in `{ast.unparse(node)}` must be a pure number, but "
                f"`{ast.unparse(node.right)}` is "
                f"{naming.describe_with_units(self.dims[id(node.right)])}"
            )
        value = _numeric_value(node.right, self.values)
        if value is None:
            raise UnsupportedExpressionError(
                f"the power in `{ast.unparse(node)}` must be a number, such as 2 or 0.5."
            )
        return Fraction(value).limit_denominator(1000)

    def _call(self, node: ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in _FUNCTIONS or node.keywords or len(node.args) != 1:
            raise UnsupportedExpressionError(
                f"`{ast.unparse(node)}` cannot be used in a formula: the functions "
                "allowed are sqrt, abs, sin, cos, tan, exp, log and log10, "
                "each with one argument."
            )
        inner = self(node.args[0])
        effect = _FUNCTIONS[name]
        if effect == "half":
            return tuple(d / 2 for d in inner)
        if effect == "same":
            return inner
        if inner != _ZERO:
            raise _Mismatch(
                f"`{ast.unparse(node)}` needs a pure number inside {name}(), but "
                f"`{ast.unparse(node.args[0])}` is {naming.describe_with_units(inner)}"
            )
        return _ZERO


def _numeric_value(node: ast.expr, values: Mapping) -> float | None:
    """The value of a constant expression such as 2, -1 or 1/2 (else None)."""
    if isinstance(node, ast.Constant) and _is_number(node.value):
        return node.value
    if isinstance(node, ast.Name):
        value = values.get(node.id, _CONSTANTS.get(node.id))
        return value if _is_number(value) else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _numeric_value(node.operand, values)
        if inner is None:
            return None
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left = _numeric_value(node.left, values)
        right = _numeric_value(node.right, values)
        if left is None or right is None:
            return None
        try:
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Div):
                return left / right
            if isinstance(node.op, ast.Pow):
                return left**right
        except (ZeroDivisionError, OverflowError):
            return None
    return None


def _compose(node: ast.expr, side: _SideEvaluator) -> str:
    """Words for a side from its structure: 'current per resistance'."""
    dims = side.dims
    here = dims[id(node)]
    name = naming.quantity_name(here)
    if name:
        return name
    if here == _ZERO:
        return "a pure number"
    if isinstance(node, ast.UnaryOp):
        return _compose(node.operand, side)
    if isinstance(node, ast.BinOp):
        left, right = node.left, node.right
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return _compose(left, side)
        if isinstance(node.op, ast.Pow):
            return naming.power_words(_compose(left, side), side.exponents[id(node)])
        left_pure = dims[id(left)] == _ZERO
        right_pure = dims[id(right)] == _ZERO
        if isinstance(node.op, ast.Mult):
            if left_pure:
                return _compose(right, side)
            if right_pure:
                return _compose(left, side)
            return f"{_compose(left, side)} times {_compose(right, side)}"
        if isinstance(node.op, ast.Div):
            if right_pure:
                return _compose(left, side)
            if left_pure:
                return f"the reciprocal of {_compose(right, side)}"
            return f"{_compose(left, side)} per {_compose(right, side)}"
    if isinstance(node, ast.Call) and node.args:
        inner = _compose(node.args[0], side)
        if isinstance(node.func, ast.Name) and node.func.id == "sqrt":
            return f"the square root of {inner}"
        return inner
    return naming.base_words(here)


def describe_side(node: ast.expr, side: _SideEvaluator) -> str:
    """'a voltage' when the side's dimensions have a name, else composed words."""
    here = side.dims[id(node)]
    if naming.quantity_name(here) or here == _ZERO:
        return naming.describe_dimensions(here)
    return _compose(node, side)


def _check(formula: str, lookup: Callable[[str], tuple], values: Mapping) -> DimensionCheck:
    left_text, right_text = split_formula(formula)
    shown = f"{left_text} = {right_text}"
    sides = []
    for side, text in (("left", left_text), ("right", right_text)):
        node = _parse_side(text, side)
        evaluator = _SideEvaluator(lookup, values)
        try:
            evaluator(node)
        except _Mismatch as mismatch:
            message = f"{shown} does not balance: on the {side} side, {mismatch.sentence}."
            return DimensionCheck(shown, False, message, _ZERO, _ZERO)
        sides.append((node, evaluator))
    (left_node, left_side), (right_node, right_side) = sides
    left, right = left_side.dims[id(left_node)], right_side.dims[id(right_node)]
    if left == right:
        message = (
            f"{shown} balances: both sides are {describe_side(left_node, left_side)} "
            f"({naming.si_base_units(left)})."
        )
        return DimensionCheck(shown, True, message, left, right)
    message = (
        f"{shown} does not balance: the left side is "
        f"{describe_side(left_node, left_side)} ({naming.si_base_units(left)}), "
        f"the right side is {describe_side(right_node, right_side)} "
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
    >>> print(result)
    V = I / R does not balance: the left side is a voltage (kg·m²·s⁻³·A⁻¹), the right side is current per resistance (s³·A³·kg⁻¹·m⁻²).
    """

    def lookup(name: str) -> tuple:
        if name not in quantities:
            raise UndefinedNameError(
                f"`{name}` in `{formula.strip()}` has no value: give it one, "
                f"for example check_dimensions(..., {name}=...).",
                name,
            )
        return quantity_dimensions(name, quantities[name])

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

        def lookup(name: str, formula=formula) -> tuple:
            if name not in namespace:
                raise UndefinedNameError(
                    f"`{name}` is not defined: give it a value in an earlier cell.",
                    name,
                )
            return quantity_dimensions(name, namespace[name])

        try:
            items.append((line_number, _check(formula, lookup, namespace)))
        except WorkingsError as error:
            items.append((line_number, error.at_line(line_number)))
    return UnitsReport(tuple(items))
