"""Small helpers for running the programs a build needs."""

from __future__ import annotations

import shutil

from .errors import BuildError


def require_command(name: str, hint: str) -> str:
    """The path of program ``name``, or a one-line BuildError saying what to install."""
    path = shutil.which(name)
    if path is None:
        raise BuildError(f"'{name}' was not found. {hint}")
    return path
