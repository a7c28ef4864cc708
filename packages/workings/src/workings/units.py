"""Reading quantities written as text: "5 mA", "2.2 kΩ", "9.81 m/s²".

    >>> print(parse_quantity("2.2 kΩ"))
    2.200 kΩ
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from workings import si
from workings.errors import NotAQuantityError, UnknownUnitError

# Spellings learners use that are not SI symbols, mapped to ours.
ALIASES = {
    "ohm": "Ohm",
    "ohms": "Ohm",
    "Ohms": "Ohm",
    "min": "minute",
    "mins": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "l": "L",
    "sec": "s",
}

_NUMBER = re.compile(
    r"""^\s*
    (?P<mantissa>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
    (?:\s*[×x*·]\s*10\s*(?:\^|\*\*)\s*(?P<exponent>[+-]?\d+))?
    \s*(?P<unit>.*?)\s*$""",
    re.VERBOSE,
)
_TERM = re.compile(r"(?P<symbol>[^\W\d_]+)(?:(?:\^|\*\*)\s*(?P<power>[+-]?\d+))?")
_SUPERSCRIPT_POWER = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_FROM_SUPERSCRIPT = str.maketrans("⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹", "-+0123456789")


@dataclass(frozen=True)
class Reading:
    """A quantity read from text, with the unit exactly as it was written."""

    value: object  # a forallpeople quantity, or a float for a pure number
    unit_text: str


def _normalise(text: str) -> str:
    # Powers written as superscripts become ^n first, because NFKC would turn
    # m/s² into m/s2.  NFKC then turns the micro sign into μ and the ohm sign
    # into Ω; the minus sign and pasted thin spaces become plain ones.
    text = _SUPERSCRIPT_POWER.sub(lambda m: "^" + m.group(0).translate(_FROM_SUPERSCRIPT), text)
    text = unicodedata.normalize("NFKC", text)
    return text.replace("−", "-").replace("\u2009", " ").replace("\u202f", " ")


def _known_symbols() -> list[str]:
    return sorted(set(si.unit_symbols()) | set(ALIASES))


def _commonness(symbol: str) -> int:
    if symbol in si.UNIT_DEFINITIONS or symbol in ALIASES:
        return 0
    return {"m": 1, "k": 1, "u": 2, "μ": 2}.get(symbol[:1], 3)


def _suggestion(symbol: str) -> str | None:
    known = _known_symbols()
    same_letters = [k for k in known if k.lower() == symbol.lower()]
    if same_letters:
        # "ma" is far more likely mA than MA: prefer plain units, then m and k.
        return min(same_letters, key=_commonness)
    close = difflib.get_close_matches(symbol, known, n=1, cutoff=0.6)
    return close[0] if close else None


def lookup_unit(symbol: str) -> tuple[tuple, float]:
    """(dimensions, size in SI) of a unit symbol such as 'mA' or 'kohm'.

    >>> lookup_unit("mA")
    ((0, 0, 0, 1, 0, 0, 0), 0.001)
    """
    symbols = si.unit_symbols()
    if symbol in symbols:
        return symbols[symbol]
    if symbol in ALIASES:
        return symbols[ALIASES[symbol]]
    prefix, rest = symbol[:1], symbol[1:]
    if prefix in si.PREFIXES and ALIASES.get(rest) in si.PREFIXABLE:
        dims, scale = symbols[ALIASES[rest]]
        return dims, scale * si.PREFIXES[prefix]
    hint = _suggestion(symbol)
    message = f"I don't know the unit `{symbol}`"
    message += f": did you mean `{hint}`?" if hint else "."
    message += " Write units like 5 mA, 2.2 kΩ or 12 V."
    raise UnknownUnitError(message, symbol)


def _unit_scale(unit_text: str) -> tuple[tuple, float]:
    dims = [0] * 7
    scale = 1.0
    position = 0
    divide = False
    text = unit_text.strip()
    while position < len(text):
        char = text[position]
        if char in " ·*⋅.":
            position += 1
            continue
        if char == "/":
            divide = True
            position += 1
            continue
        match = _TERM.match(text, position)
        if not match:
            raise NotAQuantityError(
                f"I can't read the unit `{unit_text}`: write units like "
                "5 mA, 2.2 kΩ, 12 V or 9.81 m/s^2 (no brackets)."
            )
        unit_dims, unit_scale = lookup_unit(match["symbol"])
        power = 1
        if match["power"]:
            power = int(match["power"])
        if divide:
            power = -power
            divide = False
        dims = [d + power * u for d, u in zip(dims, unit_dims)]
        scale *= unit_scale**power
        position = match.end()
    return tuple(dims), scale


def read_quantity(text: str) -> Reading:
    """Read "5 mA" into a quantity, keeping the unit as written."""
    if not isinstance(text, str):
        raise NotAQuantityError(f"{text!r} is not text.")
    normal = _normalise(text)
    if not normal.strip():
        raise NotAQuantityError(
            "The answer is empty: write a number and a unit, for example 5 mA."
        )
    match = _NUMBER.match(normal)
    if not match:
        if re.match(r"^\s*[+-]?\d+,\d", normal):
            raise NotAQuantityError(
                f"`{text.strip()}`: use a decimal point, not a comma (1.5 mA)."
            )
        raise NotAQuantityError(
            f"`{text.strip()}` is not a number with a unit: write the number "
            "first, then the unit, for example 5 mA or 0.5 A."
        )
    number = float(match["mantissa"])
    if match["exponent"]:
        number *= 10 ** int(match["exponent"])
    unit_text = match["unit"]
    if unit_text[:1] == ",":
        raise NotAQuantityError(
            f"`{text.strip()}`: use a decimal point, not a comma (1.5 mA)."
        )
    if not unit_text:
        return Reading(number, "")
    dims, scale = _unit_scale(unit_text)
    return Reading(si.make_quantity(number, dims, scale), unit_text)


def parse_quantity(text: str):
    """A forallpeople quantity from text such as "5 mA" or "12 V".

    A number without a unit gives a plain float.

    >>> print(parse_quantity("0.5 A"))
    500.000 mA
    >>> parse_quantity("3")
    3.0
    """
    return read_quantity(text).value
