"""Course notebooks: checked before the build, so a broken one fails it by name."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import BuildError


def notebook_paths(content_dir: Path) -> list[Path]:
    """Every notebook under ``content_dir``, skipping checkpoints and hidden folders."""
    return sorted(
        p for p in content_dir.rglob("*.ipynb")
        if not any(part.startswith(".") for part in p.relative_to(content_dir).parts)
    )


def check_notebook(path: Path) -> dict:
    """Parse and validate one notebook; a BuildError names the file and the problem.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "broken.ipynb"
    >>> _ = bad.write_text('{"cells": [')
    >>> check_notebook(bad)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    build_tools.errors.BuildError: ...broken.ipynb is not a valid notebook:
    not valid JSON (line 1, column 12: Expecting value)
    """
    import nbformat

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BuildError(
            f"{path} is not a valid notebook: not valid JSON "
            f"(line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path} is not a valid notebook: not UTF-8 text ({exc.reason})") from None
    if not isinstance(raw, dict) or "nbformat" not in raw:
        raise BuildError(f"{path} is not a valid notebook: it has no 'nbformat' field")
    try:
        nb = nbformat.reads(json.dumps(raw), as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several types; all mean the same to an educator
        first = str(exc).strip().splitlines()[0]
        raise BuildError(f"{path} is not a valid notebook: {first}") from None
    return nb


def check_all(content_dir: Path) -> list[tuple[Path, dict]]:
    """Check every notebook; return (path, notebook) pairs. The first broken one stops the build."""
    return [(path, check_notebook(path)) for path in notebook_paths(content_dir)]
