"""The dimensions of one side of a formula, worked out from its syntax tree.

Nothing is executed: each node's dimensions follow from its children's, and
each name's from its value.  A side is also described in words, from its
dimensions when they have a name ("a voltage") and from its structure when
they do not ("current per resistance").

    >>> import ast
    >>> side = SideEvaluator({"I": (0, 0, 0, 1, 0, 0, 0), "R": (1, 2, -3, -2, 0, 0, 0)}.get, {})
    >>> node = ast.parse("I / R", mode="eval").body
    >>> side(node)
    (-1, -2, 3, 3, 0, 0, 0)
    >>> describe_side(node, side)
    'current per resistance'
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from workings import naming, si
from workings.errors import NotAQuantityError, UnsupportedExpressionError

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
ALLOWED = "names, numbers, + - * / ** and brackets, and sqrt, sin, cos, tan, exp, log"
_ZERO = naming.DIMENSIONLESS


class Mismatch(Exception):
    """Raised inside a side when + or - meets two different dimensions."""

    def __init__(self, sentence: str):
        self.sentence = sentence


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


class SideEvaluator:
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
            f"`{ast.unparse(node)}` cannot be used in a formula: use {ALLOWED}."
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
                raise Mismatch(self._mismatch_sentence(node, left, right))
            return left
        raise UnsupportedExpressionError(
            f"`{ast.unparse(node)}` cannot be used in a formula: use {ALLOWED}."
        )

    def _mismatch_sentence(self, node, left, right) -> str:
        first = naming.describe_with_units(left)
        second = naming.describe_with_units(right)
        if isinstance(node.op, ast.Add):
            return f"`{ast.unparse(node)}` adds {first} to {second}"
        return f"`{ast.unparse(node)}` subtracts {second} from {first}"

    def _exponent(self, node: ast.BinOp) -> Fraction:
        if self.dims[id(node.right)] != _ZERO:
            raise Mismatch(
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
            raise Mismatch(
                f"`{ast.unparse(node)}` needs a pure number inside {name}(), but "
                f"`{ast.unparse(node.args[0])}` is {naming.describe_with_units(inner)}"
            )
        return _ZERO


def find_mismatch(node: ast.expr, lookup: Callable[[str], tuple], values: Mapping) -> str | None:
    """The sentence about a + or - in ``node`` that mixes kinds of quantity.

    >>> import ast
    >>> node = ast.parse("I + V", mode="eval").body
    >>> find_mismatch(node, {"I": (0, 0, 0, 1, 0, 0, 0), "V": (1, 2, -3, -1, 0, 0, 0)}.get, {})
    '`I + V` adds a current (A) to a voltage (kg·m²·s⁻³·A⁻¹)'
    """
    try:
        SideEvaluator(lookup, values)(node)
    except Mismatch as mismatch:
        return mismatch.sentence
    return None


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


def _compose(node: ast.expr, side: SideEvaluator) -> str:
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


def describe_side(node: ast.expr, side: SideEvaluator) -> str:
    """'a voltage' when the side's dimensions have a name, else composed words."""
    here = side.dims[id(node)]
    if naming.quantity_name(here) or here == _ZERO:
        return naming.describe_dimensions(here)
    return _compose(node, side)
