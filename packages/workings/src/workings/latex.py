"""One statement drawn as LaTeX rows by handcalcs' renderer.

handcalcs is used as a plain renderer (``LatexRenderer(source, values,
options).render()``), never through its IPython magic or its decorator, so
nothing depends on a running shell or on bytecode inspection.

    >>> from workings.si import mA
    >>> given_rows("I", {"I": 1.5 * mA})
    'I &= 1.500\\\\ \\\\mathrm{mA} \\\\;'
"""

from __future__ import annotations

import re
import warnings

from workings.formatting import format_value, shown_for_handcalcs

_ALIGNED = re.compile(r"\\begin\{aligned\}\n?(.*?)\n?\\end\{aligned\}", re.DOTALL)
# An ohm unit name in Python source: Ohm, kOhm, Ω, kΩ, ...
OHM_NAME = re.compile(r"(?<![A-Za-z_])([pnuμmkMG]?)(?:Ohm|Ω)(?![A-Za-z_0-9])")
_OHM_IN_LATEX = re.compile(
    r"\\mathrm\{([pnuμmkMG]?)Ohm\}|(?<![A-Za-z\\])([pnuμmkMG]?)Ohm(?![A-Za-z])"
)
# One symbol in handcalcs' brackets before a power: I, \omega, \mathrm{distance}, I_{1}.
_BRACKETED_SYMBOL_POWER = re.compile(
    r"\\left\( ((?:[A-Za-z]|\\[A-Za-z]+|\\mathrm\{[A-Za-z][A-Za-z0-9]*\})(?:_\{[A-Za-z0-9]+\})?) \\right\) \^"
)


def unbracket_symbol_powers(latex: str) -> str:
    r"""A lone symbol raised to a power without handcalcs' brackets: I^2, not (I)^2.

    Brackets stay where they mean something: round a value with a unit, a
    negative number or a product.

    >>> print(unbracket_symbol_powers(r"\left( I \right) ^{ 2 } = \left( 1.5\ \mathrm{mA} \right) ^{ 2 }"))
    I ^{ 2 } = \left( 1.5\ \mathrm{mA} \right) ^{ 2 }
    """
    return _BRACKETED_SYMBOL_POWER.sub(r"\1 ^", latex)


def _rows(latex: str) -> str:
    """The rows inside handcalcs' aligned block, without a trailing break."""
    match = _ALIGNED.search(latex)
    rows = (match.group(1) if match else latex).strip()
    while rows.endswith("\\\\"):
        rows = rows[:-2].rstrip()
    return rows


def _config(precision: int) -> dict:
    from handcalcs import global_config

    # A copy of handcalcs' settings (a course may have changed some), with the
    # block delimiters left to us: each statement gives rows of one block.
    config = dict(global_config._config)
    config.update(
        latex_block_start="",
        latex_block_end="",
        math_environment_start="aligned",
        math_environment_end="aligned",
        use_scientific_notation=False,
        display_precision=precision,
    )
    return config


def _render(source: str, values: dict, layout: str, precision: int, sci: bool, result: str) -> str:
    from handcalcs.handcalcs import LatexRenderer

    options = {"override": layout, "precision": precision, "sci_not": True if sci else None}
    renderer = LatexRenderer(source, shown_for_handcalcs(values, result), options)
    with warnings.catch_warnings():
        # handcalcs 1.11 calls pyparsing's old camelCase names, and pyparsing
        # 3.3 warns about each (as a UserWarning too, so learners would see it).
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="handcalcs")
        latex = renderer.render(config_options=_config(precision))
    return _rows(latex)


def given_rows(name: str, values: dict, precision: int = 3, sci: bool = False) -> str:
    """``name &= value`` for a value given rather than worked out."""
    try:
        return _render(name, values, "params", precision, sci, result=name)
    except Exception:  # handcalcs cannot draw this name: show the value plainly
        shown = format_value(values[name], precision, sci, latex=True)
        return f"\\mathrm{{{name}}} &= {shown}"


def calculation_rows(source: str, values: dict, *, result: str, long: bool, ohms: bool,
                     precision: int = 3, sci: bool = False) -> str:
    """``result &= symbols = values &= value``, over three lines when ``long``.

    ``ohms`` says the source uses an ohm unit by name: handcalcs' tokenizer
    stops at Ω, so those are spelt Ohm for it and drawn as Ω afterwards.
    """
    if ohms:
        source = OHM_NAME.sub(lambda m: m.group(1) + "Ohm", source)
    latex = unbracket_symbol_powers(
        _render(source, values, "long" if long else "short", precision, sci, result)
    )
    if not ohms:
        return latex
    return _OHM_IN_LATEX.sub(
        lambda m: f"\\mathrm{{{m.group(1) or m.group(2) or ''}}}\\Omega ", latex
    )
