"""The course configuration (``course.toml``): title, id, version, start-up snippet, outline."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class Course:
    """What ``course.toml`` says about the course."""

    id: str
    title: str
    version: str
    introduction: str = ""
    startup: str = ""
    preload: tuple[str, ...] = ()
    installable: tuple[str, ...] = ()
    outline: tuple[str, ...] = field(default=())

    @property
    def storage_prefix(self) -> str:
        """Prefix of every browser storage name this course uses."""
        return f"litecourse-{self.id}"


def load_course(path: Path) -> Course:
    """Read and check ``course.toml``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "course.toml"
    >>> _ = p.write_text('[course]\\nid = "intro-py"\\ntitle = "Intro"\\nversion = "1"\\n')
    >>> load_course(p).storage_prefix
    'litecourse-intro-py'
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path} is missing: it holds the course's id, title and version") from None
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(f"{path}: {exc}") from None
    course = data.get("course", {})
    kernel = data.get("kernel", {})
    outline = data.get("outline", {})
    for key in ("id", "title", "version"):
        if not isinstance(course.get(key), str) or not course[key].strip():
            raise BuildError(f"{path}: [course] needs a text value for '{key}'")
    if not COURSE_ID.match(course["id"]):
        raise BuildError(
            f"{path}: course id {course['id']!r} must be lowercase letters, digits and '-' "
            "(it names the learners' browser storage)"
        )
    return Course(
        id=course["id"],
        title=course["title"].strip(),
        version=course["version"].strip(),
        introduction=" ".join(course.get("introduction", "").split()),
        startup=kernel.get("startup", "").strip(),
        preload=tuple(kernel.get("preload", ())),
        installable=tuple(kernel.get("installable", ())),
        outline=tuple(outline.get("notebooks", ())),
    )
