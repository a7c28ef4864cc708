"""The cell magics ``%%describe``, ``%%blockends`` and ``%%ast``: thin layers over the core.

Each ``*_output`` function turns a cell into the MIME bundle it shows, without IPython, so
it is tested on plain CPython; ``register`` wires them into a running IPython.
"""

from __future__ import annotations

from .bundles import (
    code_bundle,
    description_bundle,
    error_bundle,
    no_options,
    note_bundle,
    parse_describe_options,
    tree_bundle,
)
from .errors import CodeproseError

EMPTY_BLOCKENDS = "This cell is empty: write some code under %%blockends to see where each block ends."
EMPTY_AST = "This cell is empty: write some code under %%ast to see its syntax tree."


def _guarded(make):
    """Learner errors become an alert; an unexpected failure too, rather than a traceback."""
    try:
        return make()
    except CodeproseError as error:
        return error_bundle(error)
    except Exception as error:  # a bug of ours: say so plainly, keep the learner's work safe
        return error_bundle(f"codeprose could not handle this cell ({type(error).__name__}: "
                            f"{error}). Your code is unchanged; please tell your teacher.")


def describe_output(line: str, cell: str) -> tuple[dict, bool]:
    """The bundle ``%%describe`` shows, and whether to run the cell afterwards.

    The cell is run (with ``--run``) only when it is valid Python.

    >>> bundle, run = describe_output("--detailed --run", "x = 1")
    >>> bundle["text/plain"], run
    ('Line 1: x is set to 1.', True)
    """
    from .describer import describe

    state = {"run": False}

    def make():
        options = parse_describe_options(line)
        description = describe(cell, options["level"])
        state["run"] = options["run"]
        return description_bundle(description, speak=options["speak"])

    bundle = _guarded(make)
    return bundle, state["run"]


def blockends_output(line: str, cell: str) -> dict:
    """The bundle ``%%blockends`` shows: the code with ``# end ...`` comments, highlighted."""
    from .blockends import block_ends

    def make():
        no_options("blockends", line)
        if not cell.strip():
            return note_bundle(EMPTY_BLOCKENDS)
        return code_bundle(block_ends(cell))

    return _guarded(make)


def ast_output(line: str, cell: str) -> dict:
    """The bundle ``%%ast`` shows: the indented syntax tree."""
    from .astview import ast_view

    def make():
        no_options("ast", line)
        if not cell.strip():
            return note_bundle(EMPTY_AST)
        return tree_bundle(ast_view(cell))

    return _guarded(make)


def register(ipython) -> None:
    """Register the three cell magics on *ipython* (what ``%load_ext codeprose`` does)."""
    from IPython.display import display

    def describe_magic(line, cell):
        bundle, run = describe_output(line, cell)
        display(bundle, raw=True)
        if run:
            ipython.run_cell(cell)

    def blockends_magic(line, cell):
        display(blockends_output(line, cell), raw=True)

    def ast_magic(line, cell):
        display(ast_output(line, cell), raw=True)

    ipython.register_magic_function(describe_magic, magic_kind="cell", magic_name="describe")
    ipython.register_magic_function(blockends_magic, magic_kind="cell", magic_name="blockends")
    ipython.register_magic_function(ast_magic, magic_kind="cell", magic_name="ast")


__all__ = ["describe_output", "blockends_output", "ast_output", "register"]
