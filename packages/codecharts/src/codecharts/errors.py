"""Errors with a message written for a learner.

Every error codecharts raises on bad input is a :class:`CodechartsError`: its
``message`` is what the learner reads (``str(err)`` gives the same text), so the
magics can show it without a traceback.
"""

from __future__ import annotations


class CodechartsError(Exception):
    """Base class: bad input, explained in words a learner understands."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class CodeSyntaxError(CodechartsError):
    """The Python code has a syntax error; ``line`` is its 1-based line number."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class EmptyCodeError(CodechartsError):
    """There is nothing to draw (an empty cell, or only comments)."""


class FunctionNotFoundError(CodechartsError):
    """``--function NAME`` names no function in the code."""

    def __init__(self, message: str, available: tuple[str, ...] = ()):
        super().__init__(message)
        self.available = available


class TooLargeError(CodechartsError):
    """The flowchart would have too many boxes to be drawn or read."""


class DslError(CodechartsError):
    """A flowchart.js script is malformed; ``line`` is its 1-based line number."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class QuizError(CodechartsError):
    """A quiz cannot be made from this code (e.g. too few different wrong answers)."""
