"""Check-your-answer: a verdict with feedback a learner can act on.

    >>> print(check_answer("3.3 V", "3.3 V"))
    Correct: well done.
    >>> print(check_answer("500 A", "0.5 A"))
    Check your prefixes: your answer is 1000 times too large — did you use mA where A was needed?
    Your answer: 500 A
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from workings import display, naming, si
from workings.errors import NotAQuantityError, WorkingsError

HEADLINES = {
    "correct": "Correct",
    "wrong_dimension": "Wrong kind of quantity",
    "prefix_slip": "Check your prefixes",
    "rounding": "Close",
    "wrong": "Not quite",
    "unreadable": "I couldn't read your answer",
}
_COLOUR_KIND = {"correct": "correct", "rounding": "close", "prefix_slip": "close"}
_PREFIX_POWERS = {"p": -12, "n": -9, "u": -6, "μ": -6, "m": -3, "c": -2, "": 0, "k": 3, "M": 6, "G": 9}
_POWER_PREFIXES = {-12: "p", -9: "n", -6: "μ", -3: "m", 0: "", 3: "k", 6: "M", 9: "G"}
_SLIPS = {3: "1000 times", 6: "a million times"}


@dataclass(frozen=True)
class Verdict:
    """The verdict on one answer.  True when the answer is correct.

    ``kind`` is one of: correct, wrong_dimension, prefix_slip, rounding,
    wrong, unreadable.  The expected value is shown only when revealed.
    """

    kind: str
    feedback: str
    answer_text: str
    revealed: str = ""

    @property
    def headline(self) -> str:
        return HEADLINES[self.kind]

    @property
    def correct(self) -> bool:
        return self.kind == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        text = f"{self.headline}: {self.feedback}"
        if self.answer_text and self.kind != "correct":
            text += f"\nYour answer: {self.answer_text}"
        if self.revealed:
            text += f"\n{self.revealed}"
        return text

    def _repr_html_(self) -> str:
        return display.verdict_html(
            _COLOUR_KIND.get(self.kind, "wrong"),
            self.headline,
            self.feedback,
            self.answer_text if self.kind != "correct" else "",
            self.revealed,
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": str(self), "text/html": self._repr_html_()}


@dataclass(frozen=True)
class _Value:
    quantity: object  # forallpeople quantity or float
    unit_text: str  # the unit as the learner wrote it, "" if none was written
    shown: str


def _read(value, whose: str) -> _Value:
    from workings.units import read_quantity

    if isinstance(value, str):
        reading = read_quantity(value)
        return _Value(reading.value, reading.unit_text, value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise NotAQuantityError(f"{whose} is {value}, not a finite number.")
        return _Value(float(value), "", f"{value:g}")
    if si.is_quantity(value):
        return _Value(value, "", str(value))
    raise NotAQuantityError(
        f"{whose} is {type(value).__name__} {value!r}: give a number, "
        "or a number with a unit such as \"5 mA\"."
    )


def _kind_of(dimensions) -> str:
    """'a voltage (V)', or with SI base units when no one symbol fits."""
    symbol = si.symbol_for(dimensions)
    if symbol:
        return f"{naming.describe_dimensions(dimensions)} ({symbol})"
    return naming.describe_with_units(dimensions)


def _display_unit(quantity) -> str:
    """The unit forallpeople shows a quantity in: 'mA' for 0.0015 A."""
    if not si.is_quantity(quantity):
        return ""
    return str(quantity).split(" ", 1)[-1]


def _shift_prefix(unit: str, power: int) -> str | None:
    """The unit ``power`` decades smaller, e.g. ('A', 3) -> 'mA'; None if none."""
    unit = unicodedata.normalize("NFKC", unit)
    from workings.units import ALIASES

    def prefixable(base: str) -> bool:
        return base in si.PREFIXABLE or ALIASES.get(base) in si.PREFIXABLE

    if prefixable(unit):
        prefix, base = "", unit
    elif unit[:1] in _PREFIX_POWERS and unit[1:] and prefixable(unit[1:]):
        prefix, base = unit[:1], unit[1:]
    else:
        return None
    new_prefix = _POWER_PREFIXES.get(_PREFIX_POWERS[prefix] - power)
    if new_prefix is None:
        return None
    return new_prefix + base


def _prefix_slip(ratio: float, answer: _Value, close_tol: float) -> str | None:
    for power in (3, 6, -3, -6):
        if math.isclose(ratio, 10.0**power, rel_tol=close_tol):
            size = _SLIPS[abs(power)]
            direction = "large" if power > 0 else "small"
            # The learner's number would be right in the slipped unit; the
            # unit it is labelled with is the one that was needed.
            needed = answer.unit_text or _display_unit(answer.quantity)
            slipped = _shift_prefix(needed, power) if needed else None
            if slipped:
                hint = f"did you use {slipped} where {needed} was needed?"
            else:
                hint = "check the prefixes (m, k, M, ...) in your working."
            return f"your answer is {size} too {direction} — {hint}"
    return None


def check_answer(answer, expected, rel_tol: float = 0.01, *, reveal: bool = False,
                 close_tol: float = 0.05) -> Verdict:
    """Compare a learner's answer with the expected one and say what went wrong.

    ``answer`` and ``expected`` may be numbers, forallpeople quantities or text
    with a unit ("5 mA", "2.2 kΩ").  Within ``rel_tol`` (1 %) is correct;
    within ``close_tol`` (5 %) is a rounding slip; off by 10³ or 10⁶ is a
    prefix slip.  The expected value is shown only with ``reveal=True``.

    >>> verdict = check_answer("1.52 mA", "1.5 mA")
    >>> verdict.kind, verdict.feedback
    ('rounding', 'check your rounding.')
    """
    expected_value = _read(expected, "The expected answer")
    revealed = f"The expected answer is {expected_value.shown}." if reveal else ""
    try:
        answer_value = _read(answer, "Your answer")
    except WorkingsError as error:
        shown = answer.strip() if isinstance(answer, str) else repr(answer)
        return Verdict("unreadable", str(error), shown, revealed)

    def verdict(kind: str, feedback: str) -> Verdict:
        return Verdict(kind, feedback, answer_value.shown, revealed)

    got = naming.normalise(si.dimensions_of(answer_value.quantity))
    want = naming.normalise(si.dimensions_of(expected_value.quantity))
    if got != want:
        feedback = (
            f"your answer is {_kind_of(got)}, but the question needs {_kind_of(want)}."
        )
        if got == naming.DIMENSIONLESS:
            feedback += " Add the unit."
        return verdict("wrong_dimension", feedback)

    value = si.si_value(answer_value.quantity)
    target = si.si_value(expected_value.quantity)
    if math.isclose(value, target, rel_tol=rel_tol, abs_tol=0.0 if target else 1e-15):
        return verdict("correct", "well done.")
    if target == 0 or value == 0:
        return verdict("wrong", "check your working and try again.")
    ratio = value / target
    if math.isclose(-ratio, 1.0, rel_tol=rel_tol):
        return verdict("wrong", "the size is right but the sign is wrong.")
    slip = _prefix_slip(ratio, answer_value, close_tol)
    if slip:
        return verdict("prefix_slip", slip)
    if math.isclose(ratio, 1.0, rel_tol=close_tol):
        return verdict("rounding", "check your rounding.")
    return verdict("wrong", "check your working and try again.")
