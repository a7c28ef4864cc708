"""workings: worked equations with units, dimension checks and answer checks.

Imported at every kernel start, so this module imports nothing: each public
name is loaded from its module on first use (PEP 562).

    >>> import workings
    >>> print(workings.check_answer("5 mA", "0.005 A"))
    Correct: well done.
"""

__version__ = "0.1.0"

#: imported in the background once the kernel is idle, one at a time in this order (the
#: course's start-up does it), so a learner's first ``%%workings`` does not wait for them
WARM_UP = ("forallpeople", "innerscope", "more_itertools", "pyparsing", "handcalcs.handcalcs",
           "workings.render", "workings.explain")

_EXPORTS = {
    "render_workings": "workings.render",
    "Workings": "workings.render",
    "check_dimensions": "workings.dimensions",
    "check_formulas": "workings.dimensions",
    "DimensionCheck": "workings.dimensions",
    "UnitsReport": "workings.dimensions",
    "check_answer": "workings.answers",
    "Verdict": "workings.answers",
    "parse_quantity": "workings.units",
    "WorkingsError": "workings.errors",
    "load_ipython_extension": "workings.magics",
    "unload_ipython_extension": "workings.magics",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'workings' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
