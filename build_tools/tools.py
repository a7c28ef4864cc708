"""Small helpers for running the programs a build needs: one way to find them, run them and
report their failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import BuildError

#: how many lines of a failed program's output a BuildError shows
TAIL_LINES = 40


def require_command(name: str, hint: str, path: str | None = None) -> str:
    """The path of program ``name`` (searched on ``path``, default PATH), or a one-line BuildError
    saying what to install.

    >>> require_command("no-such-program-for-litecourse", "apt-get install it")
    Traceback (most recent call last):
    ...
    build_tools.errors.BuildError: 'no-such-program-for-litecourse' was not found. apt-get install it
    """
    found = shutil.which(name, path=path)
    if found is None:
        raise BuildError(f"'{name}' was not found. {hint}")
    return found


def venv_env() -> dict[str, str]:
    """The environment with this Python's ``bin`` first on PATH, so the build's own tools
    (jupyter-builder, jupyter lite) are found even when the venv is not activated."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def output_tail(text: str, lines: int = TAIL_LINES) -> str:
    """The last ``lines`` non-empty lines of a program's output.

    >>> output_tail("a\\n\\nb\\nc\\n", 2)
    'b\\nc'
    """
    kept = [line for line in text.splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


def run(
    step: str, cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run one build step; on failure raise a BuildError naming ``step`` with the tail of its output.

    Returns the finished process (its ``stdout`` and ``stderr`` as text) when it exits with 0.

    >>> run("say hello", [sys.executable, "-c", "print('hello')"]).stdout
    'hello\\n'
    >>> run("count", [sys.executable, "-c", "import sys; print('one'); sys.exit('two')"])
    Traceback (most recent call last):
    ...
    build_tools.errors.BuildError: count failed (exit 1):
    one
    two
    """
    try:
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    except OSError as error:  # the program itself is missing or not executable
        raise BuildError(f"{step} could not start {cmd[0]}: {error.strerror}") from None
    if result.returncode != 0:
        where = f" in {cwd}" if cwd else ""
        tail = output_tail(result.stdout + result.stderr)
        raise BuildError(f"{step} failed{where} (exit {result.returncode}):\n{tail}")
    return result
