"""SI units as forallpeople quantities, loaded on first use.

``import workings`` runs at every kernel start, so forallpeople is imported only
when a unit is first needed.  Units are also importable by name::

    >>> from workings.si import mA, kOhm
    >>> print(1.5 * mA * 2.2 * kOhm)
    3.300 V

Dimensions are forallpeople's order: (kg, m, s, A, cd, K, mol).
"""

from __future__ import annotations

import math
import warnings

_fp = None

# symbol -> (dimensions, size in SI base units)
_MASS = (1, 0, 0, 0, 0, 0, 0)
_LENGTH = (0, 1, 0, 0, 0, 0, 0)
_TIME = (0, 0, 1, 0, 0, 0, 0)
_VOLTAGE = (1, 2, -3, -1, 0, 0, 0)
_RESISTANCE = (1, 2, -3, -2, 0, 0, 0)

UNIT_DEFINITIONS: dict[str, tuple[tuple[int, ...], float]] = {
    "kg": (_MASS, 1.0),
    "g": (_MASS, 1e-3),
    "m": (_LENGTH, 1.0),
    "s": (_TIME, 1.0),
    "A": ((0, 0, 0, 1, 0, 0, 0), 1.0),
    "cd": ((0, 0, 0, 0, 1, 0, 0), 1.0),
    "K": ((0, 0, 0, 0, 0, 1, 0), 1.0),
    "mol": ((0, 0, 0, 0, 0, 0, 1), 1.0),
    "Hz": ((0, 0, -1, 0, 0, 0, 0), 1.0),
    "N": ((1, 1, -2, 0, 0, 0, 0), 1.0),
    "Pa": ((1, -1, -2, 0, 0, 0, 0), 1.0),
    "J": ((1, 2, -2, 0, 0, 0, 0), 1.0),
    "W": ((1, 2, -3, 0, 0, 0, 0), 1.0),
    "C": ((0, 0, 1, 1, 0, 0, 0), 1.0),
    "V": (_VOLTAGE, 1.0),
    "F": ((-1, -2, 4, 2, 0, 0, 0), 1.0),
    "Ohm": (_RESISTANCE, 1.0),
    "Ω": (_RESISTANCE, 1.0),
    "S": ((-1, -2, 3, 2, 0, 0, 0), 1.0),
    "Wb": ((1, 2, -2, -1, 0, 0, 0), 1.0),
    "T": ((1, 0, -2, -1, 0, 0, 0), 1.0),
    "H": ((1, 2, -2, -2, 0, 0, 0), 1.0),
    "L": ((0, 3, 0, 0, 0, 0, 0), 1e-3),
    "minute": (_TIME, 60.0),
    "hour": (_TIME, 3600.0),
}

PREFIXES: dict[str, float] = {
    "p": 1e-12,
    "n": 1e-9,
    "u": 1e-6,
    "μ": 1e-6,
    "m": 1e-3,
    "c": 1e-2,
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
}

# Units that take a prefix.  Centi is only for metres and litres (cm, cL).
PREFIXABLE = (
    "g", "m", "s", "A", "Hz", "N", "Pa", "J", "W", "C", "V", "F", "Ohm", "Ω",
    "S", "Wb", "T", "H", "L",
)
_CENTI_UNITS = ("m", "L")

# Math helpers a %%workings cell may use without importing them.
MATH_NAMES = ("sqrt", "pi", "sin", "cos", "tan", "exp", "log", "log10")


def symbol_for(dimensions) -> str | None:
    """The SI unit symbol for these dimensions, if there is one: 'V', 'Ω'.

    >>> symbol_for((0, 0, 0, 1, 0, 0, 0))
    'A'
    """
    wanted = tuple(dimensions)
    for symbol, (dims, scale) in UNIT_DEFINITIONS.items():
        if dims == wanted and scale == 1.0 and symbol != "Ohm":
            return symbol
    return None


def load_forallpeople():
    """Import forallpeople once, quietly, with an environment that names units.

    forallpeople 3.0.0 has an invalid escape sequence in ``environment.py``;
    Python 3.12+ reports it as a SyntaxWarning when the file is first compiled.
    A learner must never see that, so only that warning is silenced, only
    around the import.
    """
    global _fp
    if _fp is None:
        with warnings.catch_warnings():
            # Python 3.12+ says SyntaxWarning, 3.11 DeprecationWarning.
            for category in (SyntaxWarning, DeprecationWarning):
                warnings.filterwarnings(
                    "ignore", message=".*invalid escape sequence", category=category
                )
            import forallpeople
        # The "default" environment names N, Pa, J, W, V, Ω, ... so results
        # read as 3.300 V rather than kg·m²·s⁻³·A⁻¹.  A course that chose its
        # own environment keeps it.
        if not forallpeople.environment.units_by_dimension()["derived"]:
            forallpeople.environment("default")
        _fp = forallpeople
    return _fp


def is_quantity(value) -> bool:
    """True for a forallpeople quantity (a number with a unit)."""
    return isinstance(value, load_forallpeople().Physical)


def make_quantity(value: float, dimensions, scale: float = 1.0):
    """A forallpeople quantity of ``value`` units of size ``scale`` (in SI)."""
    fp = load_forallpeople()
    if not any(dimensions):
        return value * scale
    return fp.Physical(value * scale, fp.Dimensions(*dimensions), 1)


def dimensions_of(value) -> tuple:
    """The dimensions of a quantity, or all zeros for a plain number."""
    if is_quantity(value):
        return tuple(value.dimensions)
    return (0,) * 7


def si_value(value) -> float:
    """The value in SI base units (1.5 mA -> 0.0015)."""
    if is_quantity(value):
        return value.value * float(value.factor)
    return float(value)


def unit_symbols() -> dict[str, tuple[tuple[int, ...], float]]:
    """Every unit symbol workings knows, prefixed ones included."""
    symbols = dict(UNIT_DEFINITIONS)
    for base in PREFIXABLE:
        dims, scale = UNIT_DEFINITIONS[base]
        for prefix, factor in PREFIXES.items():
            if prefix == "c" and base not in _CENTI_UNITS:
                continue
            symbols.setdefault(prefix + base, (dims, scale * factor))
    return symbols


_units_cache: dict | None = None


def units() -> dict:
    """Unit name -> forallpeople quantity, e.g. ``units()["mA"]`` is 1 mA.

    >>> print(3 * units()["kOhm"])
    3.000 kΩ
    """
    global _units_cache
    if _units_cache is None:
        _units_cache = {
            name: make_quantity(1.0, dims, scale)
            for name, (dims, scale) in unit_symbols().items()
        }
    return _units_cache


def _need_pure_number(name, function):
    def wrapped(x):
        if is_quantity(x):
            from workings.errors import DimensionMismatchError
            from workings.naming import describe_dimensions

            raise DimensionMismatchError(
                f"{name}() needs a pure number, but {x} is "
                f"{describe_dimensions(dimensions_of(x))}."
            )
        return function(x)

    wrapped.__name__ = name
    return wrapped


def sqrt(x):
    """Square root that keeps units: sqrt(4 m²) is 2 m."""
    if is_quantity(x):
        return x**0.5
    return math.sqrt(x)


def math_names() -> dict:
    """The functions and constants a %%workings cell gets for free."""
    names = {"sqrt": sqrt, "pi": math.pi}
    for name in ("sin", "cos", "tan", "exp", "log", "log10"):
        names[name] = _need_pure_number(name, getattr(math, name))
    return names


def __getattr__(name: str):
    # ``from workings.si import mA`` without loading forallpeople at import.
    if name in unit_symbols():
        return units()[name]
    raise AttributeError(f"module 'workings.si' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(unit_symbols()))


__all__ = sorted(unit_symbols())
