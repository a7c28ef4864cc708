"""Which version of each notebook a site ships: ``litecourse-versions.json``.

A learner who changed a notebook is told when a later build ships a new version of it
("Updated by your teacher"). Dates cannot say so: a fresh checkout (GitHub Actions) gives
every file a new mtime on every build. The content can: the manifest maps each shipped
notebook's path to the sha256 of the bytes the site serves from ``files/``, and the page
remembers which of those a learner's copy started from.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

#: the manifest's name at the site's root (the home page and the extension fetch it)
MANIFEST = "litecourse-versions.json"


def notebook_versions(files_dir: Path) -> dict[str, str]:
    """``{path: sha256 hex}`` of every notebook under ``files_dir``, paths with ``/``, sorted.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); (d / "week1").mkdir()
    >>> _ = (d / "week1" / "a.ipynb").write_bytes(b"{}"); _ = (d / "notes.txt").write_text("x")
    >>> notebook_versions(d)
    {'week1/a.ipynb': '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'}
    """
    found = {}
    for path in sorted(files_dir.rglob("*.ipynb")):
        relative = path.relative_to(files_dir)
        # JupyterLite skips checkpoints and hidden folders; a learner never sees them
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def write_versions(output_dir: Path) -> Path:
    """Write ``litecourse-versions.json`` for the built site in ``output_dir``; returns its path."""
    manifest = {"notebooks": notebook_versions(output_dir / "files")}
    target = output_dir / MANIFEST
    target.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return target
