"""Kernel Python kept in real ``.py`` files (``kernel_code/``), sent in the start-up snippet as
one statement.

The file is read, its entry call appended with the parameters written as JSON literals (never
text replaced inside the code), and the whole run by ``exec(compile(...))`` in a namespace of
its own, so it leaves no names in the learner's namespace and its tracebacks name it.
"""

from __future__ import annotations

import json
from pathlib import Path

KERNEL_CODE = Path(__file__).parent / "kernel_code"


def call_text(function: str, *args) -> str:
    """A call of ``function`` with ``args`` as literals (JSON: strings, numbers, lists, dicts,
    True/False/None spelled as Python's).

    >>> call_text("f", ["a"], 2, True, None)
    'f(["a"], 2, True, None)'
    """
    literals = [repr(a) if isinstance(a, bool) or a is None else json.dumps(a) for a in args]
    return f"{function}({', '.join(literals)})"


def private_statement(source: Path, call: str, name: str) -> str:
    """One Python statement: ``source``'s code, then ``call``, run in a namespace named ``name``.

    >>> code = private_statement(KERNEL_CODE / "offline_pip.py", "pass", "x")
    >>> code.startswith("exec(compile(") and code.endswith(', "<x>", "exec"), {"__name__": "x"})')
    True
    """
    text = source.read_text(encoding="utf-8") + f"\n{call}\n"
    return f'exec(compile({text!r}, "<{name}>", "exec"), {{"__name__": "{name}"}})'
