"""codecharts: Python code as flowcharts, described in words, and self-check quizzes.

Importing this package is cheap (it is preloaded at every kernel start): the
public names below load their modules on first use, and pyflowchart is only
imported when code is actually drawn.

>>> import codecharts
>>> chart = codecharts.flowchart_from_code("print('hi')")
>>> print(codecharts.describe(chart))
A flowchart with 3 steps, one after another.
1. Start.
2. Output: print('hi').
3. End.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: imported in the background once the kernel is idle, one at a time in this order (the
#: course's start-up does it), so a learner's first ``%%flowchart`` does not wait for them
WARM_UP = ("pyflowchart", "codecharts.from_code", "codecharts.display")

# public name -> module that defines it (loaded on first use)
_EXPORTS = {
    "flowchart_from_code": "from_code",
    "MAX_BOXES": "from_code",
    "parse_dsl": "dsl",
    "emit_dsl": "dsl",
    "describe": "description",
    "describe_steps": "description",
    "Description": "description",
    "Flowchart": "model",
    "Node": "model",
    "Edge": "model",
    "which_flowchart": "quiz",
    "which_code": "quiz",
    "make_which_flowchart": "quiz",
    "make_which_code": "quiz",
    "Quiz": "quiz",
    "FlowchartView": "display",
    "flowchart_view": "display",
    "ErrorView": "display",
    "CodechartsError": "errors",
    "CodeSyntaxError": "errors",
    "EmptyCodeError": "errors",
    "FunctionNotFoundError": "errors",
    "TooLargeError": "errors",
    "DslError": "errors",
    "QuizError": "errors",
}

__all__ = sorted(_EXPORTS) + ["load_ipython_extension"]


def __getattr__(name: str):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'codecharts' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return __all__


def load_ipython_extension(ipython) -> None:
    """Register ``%%flowchart`` and ``%%flowchart_js`` (``%load_ext codecharts``)."""
    from .magics import register

    register(ipython)
