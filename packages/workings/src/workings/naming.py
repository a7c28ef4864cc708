"""Dimensions in words and in SI base units.

Dimensions are 7-tuples of exponents in forallpeople's order
(kg, m, s, A, cd, K, mol).  Pure functions, standard library only.

    >>> describe_dimensions((1, 2, -3, -1, 0, 0, 0))
    'a voltage'
    >>> si_base_units((1, 2, -3, -1, 0, 0, 0))
    'kg·m²·s⁻³·A⁻¹'
"""

from __future__ import annotations

from fractions import Fraction

_BASE_SYMBOLS = ("kg", "m", "s", "A", "cd", "K", "mol")
_BASE_WORDS = (
    "mass",
    "length",
    "time",
    "current",
    "luminous intensity",
    "temperature",
    "amount of substance",
)


def _dims(kg=0, m=0, s=0, A=0, cd=0, K=0, mol=0) -> tuple:
    return (kg, m, s, A, cd, K, mol)


# dimensions -> (article, name).  One name per dimension: energy, not torque;
# frequency, not angular velocity.
QUANTITY_NAMES: dict[tuple, tuple[str, str]] = {
    _dims(kg=1): ("a", "mass"),
    _dims(m=1): ("a", "length"),
    _dims(s=1): ("a", "time"),
    _dims(A=1): ("a", "current"),
    _dims(K=1): ("a", "temperature"),
    _dims(mol=1): ("an", "amount of substance"),
    _dims(cd=1): ("a", "luminous intensity"),
    _dims(m=2): ("an", "area"),
    _dims(m=3): ("a", "volume"),
    _dims(m=1, s=-1): ("a", "velocity"),
    _dims(m=1, s=-2): ("an", "acceleration"),
    _dims(s=-1): ("a", "frequency"),
    _dims(kg=1, m=1, s=-2): ("a", "force"),
    _dims(kg=1, m=-1, s=-2): ("a", "pressure"),
    _dims(kg=1, m=2, s=-2): ("an", "energy"),
    _dims(kg=1, m=2, s=-3): ("a", "power"),
    _dims(kg=1, m=1, s=-1): ("a", "momentum"),
    _dims(kg=1, m=-3): ("a", "density"),
    _dims(s=1, A=1): ("a", "charge"),
    _dims(kg=1, m=2, s=-3, A=-1): ("a", "voltage"),
    _dims(kg=1, m=2, s=-3, A=-2): ("a", "resistance"),
    _dims(kg=-1, m=-2, s=3, A=2): ("a", "conductance"),
    _dims(kg=-1, m=-2, s=4, A=2): ("a", "capacitance"),
    _dims(kg=1, m=2, s=-2, A=-2): ("an", "inductance"),
    _dims(kg=1, m=2, s=-2, A=-1): ("a", "magnetic flux"),
    _dims(kg=1, s=-2, A=-1): ("a", "magnetic flux density"),
    _dims(kg=1, m=1, s=-3, A=-1): ("an", "electric field strength"),
}

DIMENSIONLESS = _dims()

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def normalise(dimensions) -> tuple:
    """Dimensions as a tuple of Fractions (whole numbers stay equal to ints)."""
    return tuple(Fraction(d).limit_denominator(1000) for d in dimensions)


def quantity_name(dimensions) -> str | None:
    """The common name of these dimensions, or None.

    >>> quantity_name((0, 1, -1, 0, 0, 0, 0))
    'velocity'
    """
    entry = QUANTITY_NAMES.get(normalise(dimensions))
    return entry[1] if entry else None


def _power(exponent: Fraction) -> str:
    if exponent.denominator == 1:
        return str(exponent.numerator).translate(_SUPERSCRIPTS)
    return f"^({exponent})"


def si_base_units(dimensions) -> str:
    """SI base units, positive powers first: 'kg·m²·s⁻³·A⁻¹'.

    >>> si_base_units((0, 0, 3, 3, 0, 0, 0))
    's³·A³'
    """
    dims = normalise(dimensions)
    order = (0, 1, 2, 3, 5, 6, 4)  # kg m s A K mol cd
    positive = [i for i in order if dims[i] > 0]
    negative = [i for i in order if dims[i] < 0]
    parts = []
    for i in positive + negative:
        power = "" if dims[i] == 1 else _power(dims[i])
        parts.append(_BASE_SYMBOLS[i] + power)
    return "·".join(parts) if parts else "no units"


def power_words(word: str, exponent: Fraction) -> str:
    """A word raised to a power, in words.

    >>> power_words("length", Fraction(3))
    'length cubed'
    """
    if exponent == 1:
        return word
    if exponent == 2:
        return f"{word} squared"
    if exponent == 3:
        return f"{word} cubed"
    if exponent == Fraction(1, 2):
        return f"the square root of {word}"
    return f"{word} to the power {exponent}"


def base_words(dimensions) -> str:
    """Dimensions in words built from base quantities.

    >>> base_words((1, -3, 0, 0, 0, 0, 0))
    'mass per length cubed'
    """
    dims = normalise(dimensions)
    order = (0, 1, 2, 3, 5, 6, 4)
    top = [power_words(_BASE_WORDS[i], dims[i]) for i in order if dims[i] > 0]
    bottom = [power_words(_BASE_WORDS[i], -dims[i]) for i in order if dims[i] < 0]
    if not top and not bottom:
        return "a pure number"
    if not top:
        return "the reciprocal of " + " times ".join(bottom)
    words = " times ".join(top)
    for part in bottom:
        words += f" per {part}"
    return words


def describe_dimensions(dimensions, article: bool = True) -> str:
    """Words for a dimension: 'a voltage', or composed from base quantities.

    >>> describe_dimensions((0, 0, 0, 1, 0, 0, 0))
    'a current'
    >>> describe_dimensions((0, 0, 0, 0, 0, 0, 0))
    'a pure number'
    """
    dims = normalise(dimensions)
    if dims == DIMENSIONLESS:
        return "a pure number"
    entry = QUANTITY_NAMES.get(dims)
    if entry:
        return f"{entry[0]} {entry[1]}" if article else entry[1]
    return base_words(dims)


def describe_with_units(dimensions) -> str:
    """'a voltage (kg·m²·s⁻³·A⁻¹)', or 'a pure number (no units)'."""
    return f"{describe_dimensions(dimensions)} ({si_base_units(dimensions)})"
