"""How values are written in worked steps: plain text and LaTeX.

Quantities keep forallpeople's automatic prefixes (0.0015 A is 1.500 mA).
Scientific notation is done here rather than by forallpeople, whose LaTeX
form in 3.0.0 drops the minus sign of the exponent (0.5 m/s² came out as
5.00 × 10¹).

    >>> from workings.si import m, s
    >>> format_value(0.5 * m / s**2, precision=2, sci=True)
    '5.00e-01 m·s⁻²'
    >>> format_value(0.5 * m / s**2, precision=2, sci=True, latex=True)
    '5.00 \\\\times 10 ^ {-1}\\\\ \\\\mathrm{m} \\\\cdot \\\\mathrm{s}^{-2}'
"""

from __future__ import annotations

from workings import si


def _sci_latex(number_text: str) -> str:
    mantissa, exponent = number_text.lower().split("e")
    return f"{mantissa} \\times 10 ^ {{{int(exponent)}}}"


def format_value(value, precision: int = 3, sci: bool = False, latex: bool = False) -> str:
    """A number or quantity as text ('1.500 mA') or LaTeX ('1.500\\\\ \\\\mathrm{mA}').

    >>> format_value(0.25)
    '0.250'
    >>> format_value(1200.0, precision=1, sci=True)
    '1.2e+03'
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not si.is_quantity(value):
        if not sci:
            return f"{value:.{precision}f}"
        text = f"{value:.{precision}e}"
        return _sci_latex(text) if latex else text
    if not sci:
        return format(value, f".{precision}f" + ("L" if latex else ""))
    number, unit = format(value, f".{precision}e").split(" ", 1)
    if not latex:
        return f"{number} {unit}"
    latex_unit = format(value, ".0fL").split("\\ ", 1)[1]
    return f"{_sci_latex(number)}\\ {latex_unit}"


class ShownValue:
    """A value as handcalcs should print it: handcalcs formats each value with
    ``f"{value:.3eL}"`` (or ``.3fL``), and this answers with ``format_value``.

    A negative value put into a calculation is bracketed, so that ``-I`` with
    I = -1.5 mA reads -(-1.500 mA), not - -1.500 mA.
    """

    __slots__ = ("value", "bracket_negative")

    def __init__(self, value, bracket_negative: bool = False):
        self.value = value
        self.bracket_negative = bracket_negative

    def __format__(self, spec: str) -> str:
        latex = spec.endswith("L")
        spec = spec.rstrip("L")
        sci = spec.endswith("e")
        precision = int(spec.strip(".ef") or 3)
        text = format_value(self.value, precision, sci, latex)
        if self.bracket_negative and text.startswith("-"):
            return f"\\left( {text} \\right)" if latex else f"({text})"
        return text

    def __str__(self) -> str:
        return format_value(self.value)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shown_for_handcalcs(values: dict, result: str | None = None) -> dict:
    """The namespace handcalcs reads, numbers and quantities wrapped in ShownValue.

    Every value but the ``result`` (the name being worked out) is one that is
    substituted into the working, so a negative one is bracketed.
    """
    return {
        name: ShownValue(value, bracket_negative=name != result)
        if _is_number(value) or si.is_quantity(value)
        else value
        for name, value in values.items()
    }
