"""codeprose: Python code explained in plain English, block-end comments and an AST view.

Importing this package is cheap: the submodules load when a name is first used.

>>> import codeprose
>>> codeprose.describe("x = 1").text
'The code sets x.'
"""

from __future__ import annotations

__version__ = "0.1.0"

#: imported in the background once the kernel is idle, one at a time in this order (the
#: course's start-up does it), so a learner's first ``%%describe`` does not wait for them
WARM_UP = ("codeprose.describer",)

# public name -> submodule that defines it
_EXPORTS = {
    "describe": "describer",
    "Description": "model",
    "Sentence": "model",
    "MIME_TYPE": "model",
    "block_ends": "blockends",
    "strip_block_ends": "blockends",
    "ast_view": "astview",
    "CodeproseError": "errors",
    "CodeSyntaxError": "errors",
    "OptionError": "errors",
}

__all__ = sorted(_EXPORTS) + ["load_ipython_extension"]


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        module = importlib.import_module(f"{__name__}.{_EXPORTS[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))


def load_ipython_extension(ipython) -> None:
    """Register ``%%describe``, ``%%blockends`` and ``%%ast``; IPython calls it for
    ``%load_ext codeprose``. In a notebook::

        %load_ext codeprose

        %%describe --detailed
        total = price * 2
    """
    from .magics import register

    register(ipython)
