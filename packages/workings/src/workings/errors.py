"""Errors a learner can read.

Every problem workings reports is a ``WorkingsError`` whose message is written
for a learner.  IPython shows an exception that has ``_render_traceback_`` as
those lines alone, so even a plain call such as ``check_dimensions(...)`` in an
ordinary cell gives one clear sentence instead of a traceback wall.
"""


class WorkingsError(Exception):
    """A problem with a learner's input, with a message written for them."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def _render_traceback_(self) -> list[str]:
        return [self.message]

    def at_line(self, line: int) -> "WorkingsError":
        """The same error, its message starting with the line it is about."""
        self.message = f"line {line}: {self.message}"
        self.args = (self.message,)
        return self


class FormulaSyntaxError(WorkingsError):
    """The code or formula cannot be read as Python (names the line)."""


class UndefinedNameError(WorkingsError):
    """A name is used before it has a value."""

    def __init__(self, message: str, name: str):
        super().__init__(message)
        self.name = name


class UnknownUnitError(WorkingsError):
    """A unit symbol that workings does not know, such as ``5 mAmp``."""

    def __init__(self, message: str, unit: str):
        super().__init__(message)
        self.unit = unit


class NotAQuantityError(WorkingsError):
    """A value that is neither a number nor a quantity with a unit."""


class DimensionMismatchError(WorkingsError):
    """Two quantities of different kinds are added, subtracted or compared."""


class UnsupportedExpressionError(WorkingsError):
    """A formula uses something other than names, numbers and arithmetic."""


class OptionError(WorkingsError):
    """A magic was given an option it does not take."""
