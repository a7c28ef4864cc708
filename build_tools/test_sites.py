"""The test suite's own sites: the fixture course and its "second edition", built by the
``test_sites`` task once and shared by every browser test that opens them.

Every test that publishes a new version of the course (teacher updates, offline visits, the
learner's work across an update) publishes the same second edition, so it is built once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from . import paths

FIXTURE_COURSE = paths.ROOT / "tests" / "fixtures" / "course"
FIXTURE_TOML = FIXTURE_COURSE / "course.toml"
FIXTURE_CONTENT = FIXTURE_COURSE / "content"
SITES = paths.BUILD / "test-sites"

#: the second edition's changes: notebook -> its new first cell (a title the tests look for)
SECOND_EDITION_TITLES = {
    "welcome.ipynb": "# Welcome (second edition)\n",
    "describing-code-in-words.ipynb": "# Describing code (second edition)\n",
    "show-your-working.ipynb": "# Show your working (second edition)\n",
}
#: a notebook the second edition adds
NEW_LESSON = "new-lesson.ipynb"
NEW_LESSON_TITLE = "# Brand new lesson"

#: the sites this module builds, by name
NAMES = ("fixture", "second-edition")


def site_dir(name: str) -> Path:
    """Where test site ``name`` is built.

    >>> site_dir("fixture").relative_to(paths.ROOT).as_posix()
    'build/test-sites/fixture'
    """
    return SITES / name


def fixture_files() -> list[Path]:
    """Every file of the fixture course (the test sites' inputs)."""
    return sorted(p for p in FIXTURE_COURSE.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts)


def write_second_edition(source: Path, dest: Path) -> Path:
    """Copy the content folder ``source`` to ``dest`` with the teacher's second-edition changes:
    three notebooks retitled, one notebook added. Returns ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, dest)
    for name, title in SECOND_EDITION_TITLES.items():
        nb = json.loads((dest / name).read_text())
        nb["cells"][0]["source"] = title
        (dest / name).write_text(json.dumps(nb))
    nb = json.loads((dest / "describing-code-in-words.ipynb").read_text())
    nb["cells"] = [{"cell_type": "markdown", "id": "z1", "metadata": {}, "source": NEW_LESSON_TITLE}]
    (dest / NEW_LESSON).write_text(json.dumps(nb))
    return dest


def build_test_site(name: str) -> Path:
    """Build test site ``name`` (one of ``NAMES``) into ``site_dir(name)``; returns that folder."""
    from .site import build_site

    if name == "fixture":
        content = FIXTURE_CONTENT
    elif name == "second-edition":
        content = write_second_edition(FIXTURE_CONTENT, paths.BUILD / "test-sites-content" / name)
    else:
        raise ValueError(f"no test site called {name!r}: {', '.join(NAMES)}")
    return build_site(FIXTURE_TOML, content, site_dir(name))
