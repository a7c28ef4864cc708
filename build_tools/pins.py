"""The pinned versions of every third-party wheel the kernel gets (``lite_site/kernel-pins.txt``)."""

from __future__ import annotations

from pathlib import Path

from .errors import BuildError
from .names import canonical


def read_pins(path: Path) -> dict[str, str]:
    """``NAME==VERSION`` lines (``#`` comments allowed) as {canonical name: version}.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pins.txt"
    >>> _ = p.write_text("# units\\nForallPeople==3.0.0\\n")
    >>> read_pins(p)
    {'forallpeople': '3.0.0'}
    """
    pins = {}
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep or not name.strip() or not version.strip():
            raise BuildError(f"{path}, line {number}: expected NAME==VERSION, got {raw!r}")
        pins[canonical(name.strip())] = version.strip()
    return pins
