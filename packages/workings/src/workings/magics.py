"""The IPython cell magics %%workings and %%check_units (thin wrappers).

    %load_ext workings

    %%workings --precision 2
    I = 1.5*mA
    R = 2.2*kOhm
    V = I*R

Outputs are MIME bundles: %%workings shows ``text/latex`` + ``text/plain``;
%%check_units shows ``text/html`` + ``text/plain``.  A problem with the cell is
shown as a ``<div class="litecourse-error" role="alert">`` with ``text/plain``,
never a traceback.
"""

from __future__ import annotations

import shlex

from workings import display
from workings.errors import OptionError, WorkingsError

_WORKINGS_USAGE = "%%workings takes --precision N, --sci and --short"
# The magic's own line is line 1 of the cell, so the code starts on line 2.
_FIRST_CODE_LINE = 2


def parse_workings_options(line: str) -> dict:
    """Options of ``%%workings`` from its line.

    >>> parse_workings_options("--precision 2 --sci")
    {'precision': 2, 'sci': True, 'short': False}
    """
    options = {"precision": 3, "sci": False, "short": False}
    try:
        words = shlex.split(line)
    except ValueError:
        raise OptionError(f"I can't read the options `{line.strip()}`: {_WORKINGS_USAGE}.") from None
    position = 0
    while position < len(words):
        word = words[position]
        if word == "--sci":
            options["sci"] = True
        elif word == "--short":
            options["short"] = True
        elif word == "--precision" or word.startswith("--precision="):
            if "=" in word:
                value = word.split("=", 1)[1]
            elif position + 1 < len(words):
                position += 1
                value = words[position]
            else:
                value = ""
            if not value.isdigit() or int(value) > 15:
                raise OptionError(
                    "`--precision` needs a whole number of decimal places from "
                    "0 to 15, for example --precision 2."
                )
            options["precision"] = int(value)
        else:
            raise OptionError(f"unknown option `{word}`: {_WORKINGS_USAGE}.")
        position += 1
    return options


def _show(bundle: dict) -> None:
    from IPython.display import display as ipython_display

    ipython_display(bundle, raw=True)


def _show_error(error: Exception) -> None:
    if not isinstance(error, WorkingsError):
        error = WorkingsError(
            f"workings could not handle this cell ({type(error).__name__}: {error})."
        )
    _show(display.error_bundle(error))


def workings_magic(shell, line: str, cell: str) -> None:
    """Run the cell in the learner's namespace and show its worked steps."""
    from workings.render import render_workings

    try:
        options = parse_workings_options(line)
        result = render_workings(
            cell, shell.user_ns, first_line=_FIRST_CODE_LINE, **options
        )
    except Exception as error:  # a learner sees a sentence, never a traceback
        _show_error(error)
        return
    if result.steps:
        _show(result._repr_mimebundle_())


def check_units_magic(shell, line: str, cell: str) -> None:
    """Check each formula of the cell with values from the learner's namespace."""
    from workings.dimensions import check_formulas

    try:
        if line.strip():
            raise OptionError(f"%%check_units takes no options, but was given `{line.strip()}`.")
        report = check_formulas(cell, shell.user_ns, first_line=_FIRST_CODE_LINE)
    except Exception as error:
        _show_error(error)
        return
    if report.items:
        _show(report._repr_mimebundle_())


def load_ipython_extension(ip) -> None:
    """Register %%workings and %%check_units (``%load_ext workings``)."""

    def workings(line, cell):
        return workings_magic(ip, line, cell)

    def check_units(line, cell):
        return check_units_magic(ip, line, cell)

    workings.__doc__ = workings_magic.__doc__
    check_units.__doc__ = check_units_magic.__doc__
    ip.register_magic_function(workings, magic_kind="cell", magic_name="workings")
    ip.register_magic_function(check_units, magic_kind="cell", magic_name="check_units")


def unload_ipython_extension(ip) -> None:
    """Remove the magics again (``%unload_ext workings``)."""
    cell_magics = ip.magics_manager.magics["cell"]
    for name in ("workings", "check_units"):
        cell_magics.pop(name, None)
