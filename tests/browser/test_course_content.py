"""The rot guard for the course in content/ — whatever an educator puts there.

Every notebook of the outline (every notebook, when there is none) runs top to bottom in the
site ``./run build`` made, honouring the tags ``raises-exception`` and ``skip-execution``
(``coursecheck.py``); a failure names the notebook, the cell, the error and the fix (which
tag to add, and how: ``build_tools/course_check.py``; ``./run check`` runs this guard on the
course alone and prints that report, ``./run check --accept`` adds the tags).

The same guard runs on a different small course built in place of content/
(``tests/fixtures/other-course``), so replacing the content keeps this suite green: nothing
here knows what the sample course holds.
"""

from __future__ import annotations

import os

import pytest
from conftest import COURSE_SITE, ROOT, serve_in_thread
from coursecheck import run_notebook

from build_tools.course import load_course
from build_tools.course_check import ONLY_ENV, record, report
from build_tools.homepage import course_parts
from build_tools.notebooks import notebook_paths
from build_tools.site import build_site

pytestmark = pytest.mark.browser

COURSES = {
    "content": (ROOT / "course.toml", ROOT / "content"),
    "replaced": (ROOT / "tests" / "fixtures" / "other-course" / "course.toml",
                 ROOT / "tests" / "fixtures" / "other-course" / "content"),
}


def outline(which: str) -> list[str]:
    """The notebooks a learner is led through, in course order."""
    toml, content = COURSES[which]
    notebooks = [p.relative_to(content).as_posix() for p in notebook_paths(content)]
    return [path for _, paths in course_parts(load_course(toml), notebooks) for path in paths]


#: ``./run check`` runs the course in content/ alone (build_tools/course_check.py)
CHECKED = [which for which in COURSES if os.environ.get(ONLY_ENV, which) == which]
CASES = [(which, path) for which in CHECKED for path in outline(which)]


@pytest.fixture(scope="module")
def course_sites(tmp_path_factory):
    """Base URL of each course's site: content/ as built, the replacement built now."""
    urls, servers = {}, []
    for which in CHECKED:
        if which == "content":
            root = COURSE_SITE
        else:
            toml, content = COURSES[which]
            root = build_site(toml, content, tmp_path_factory.mktemp(which) / "site")
        url, server = serve_in_thread(root)
        urls[which] = url
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("which, path", CASES, ids=[f"{w}:{p}" for w, p in CASES])
def test_every_outline_notebook_runs_top_to_bottom(course_sites, page, which, path):
    failures = run_notebook(page, course_sites[which], path)
    for failure in failures:
        record(failure)
    assert failures == [], report(failures)
