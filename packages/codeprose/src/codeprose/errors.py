"""Learner-facing errors, and the one place where code is parsed."""

from __future__ import annotations

import ast


class CodeproseError(Exception):
    """An error whose message is written for a learner, not a developer."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


class CodeSyntaxError(CodeproseError):
    """The code is not valid Python; the message names the line.

    >>> try:
    ...     parse_code("if x > 1\\n    pass")
    ... except CodeSyntaxError as error:
    ...     print(error)
    line 1: expected ':' after `if x > 1`
    """


class OptionError(CodeproseError):
    """A magic was given an option it does not know."""


# Python's own wording, rephrased where it is cryptic for a beginner.
_FRIENDLIER = {
    "invalid syntax": "this is not valid Python",
    "unexpected EOF while parsing": "the code ends too early (is a bracket or block unfinished?)",
    "unexpected indent": "this line is indented more than it should be",
    "unindent does not match any outer indentation level":
        "this line's indentation does not line up with any line above it",
}


def syntax_message(error: SyntaxError) -> str:
    """A learner's message for a SyntaxError: ``line N: what is wrong`` and the code there.

    >>> try:
    ...     compile("x = (1,", "<cell>", "exec")
    ... except SyntaxError as e:
    ...     print(syntax_message(e))
    line 1: '(' was never closed, in `x = (1,`
    """
    detail = error.msg or "this is not valid Python"
    detail = _FRIENDLIER.get(detail, detail)
    text = (error.text or "").strip().replace("`", "'")
    if len(text) > 60:
        text = text[:57] + "..."
    if text and detail == "expected ':'":
        detail = f"{detail} after `{text}`"
    elif text:
        detail = f"{detail}, in `{text}`"
    if error.lineno:
        return f"line {error.lineno}: {detail}"
    return detail


def parse_code(code: str) -> ast.Module:
    """Parse *code*, turning every way it can fail into a :class:`CodeSyntaxError`.

    >>> parse_code("x = 1").body[0].__class__.__name__
    'Assign'
    """
    try:
        return ast.parse(code)
    except SyntaxError as error:
        raise CodeSyntaxError(syntax_message(error), error.lineno) from None
    except ValueError as error:  # e.g. a null character in the source
        raise CodeSyntaxError(f"the code cannot be read: {error}") from None
    except (RecursionError, MemoryError):
        raise CodeSyntaxError("the code is nested too deeply to be read") from None
