"""Fixtures for browser tests: the product's test site on a loopback port, and offline Chromium.

The site the tests open is the fixture course (``tests/fixtures/course``) built with the one
site build (the ``test_sites`` task, ``build_tools/test_sites.py``), never the course in ``content/``: an educator who
replaces the content keeps this suite green. Only the rot guard (``test_course_content.py``)
opens the site ``./run build`` made from ``content/``.

Every test gets a fresh browser context (a fresh profile) whose requests are recorded;
any request that leaves loopback is aborted and fails the test, naming the URLs. Read-only
checks of a module may share one (``scratch``: a notebook with its kernel started).
"""

from __future__ import annotations

import contextlib
import fcntl
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from chromium import chromium_path, launch_args  # noqa: E402
from netguard import NetGuard  # noqa: E402

from build_tools.serve import make_server  # noqa: E402
from build_tools.test_sites import FIXTURE_CONTENT, FIXTURE_COURSE, FIXTURE_TOML, SITES, site_dir  # noqa: E402, F401

#: the product's test site: the fixture course, built once (``test_site``)
SITE = site_dir("fixture")
#: the site ``./run build`` made from content/ (the rot guard's)
COURSE_SITE = ROOT / "lite_site" / "_output"


def serve_in_thread(root: Path):
    """Serve ``root`` on a free loopback port; returns (base_url, server)."""
    server = make_server(root, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def test_site(name: str) -> Path:
    """Test site ``name`` (``build_tools/test_sites.py``), built first if any input changed since
    its last build (the ``test_sites`` doit task); one build at a time across pytest processes."""
    from build_tools.errors import BuildError
    from build_tools.tools import run

    SITES.mkdir(parents=True, exist_ok=True)
    with open(SITES.parent / "test-sites.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            run(f"build the test site {name}", [sys.executable, "-m", "doit", "-f", str(ROOT / "dodo.py"),
                                                 f"test_sites:{name}"], cwd=ROOT)
        except BuildError as exc:
            pytest.fail(str(exc), pytrace=False)
    return site_dir(name)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The fixture course's site (built once, shared by every test)."""
    return test_site("fixture")


@pytest.fixture(scope="session")
def second_edition() -> Path:
    """The fixture course's second edition (``build_tools.test_sites.write_second_edition``):
    three notebooks retitled and one added, as a teacher's next publication."""
    return test_site("second-edition")


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = serve_in_thread(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
        yield b
        b.close()


class Profile:
    """One fresh browser profile (context) with its network guard; makes pages."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.guard = NetGuard()
        self.guard.attach(self.context)
        self.console: list[str] = []

    def page(self):
        page = self.context.new_page()
        page.set_default_timeout(60_000)
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        return page

    def close(self):
        self.context.close()


@pytest.fixture
def new_profile(browser):
    """A factory of fresh profiles; every one must stay offline."""
    profiles: list[Profile] = []

    def make() -> Profile:
        profiles.append(Profile(browser))
        return profiles[-1]

    yield make
    for profile in profiles:
        profile.close()
    for profile in profiles:
        profile.guard.assert_offline()


@pytest.fixture
def page(new_profile):
    """A page in a fresh profile."""
    return new_profile().page()


@contextlib.contextmanager
def shared_page(browser):
    """A page in a fresh profile for several tests of a module (a module fixture yields it);
    the profile's network guard is checked when they are done."""
    profile = Profile(browser)
    yield profile.page()
    profile.close()
    profile.guard.assert_offline()


@pytest.fixture(scope="module")
def scratch(request, browser, site_url):
    """One new notebook with a started kernel, in a fresh offline profile, shared by a module's
    read-only checks (each types its code into the first cell and runs it: ``lab.run_code``)."""
    from lab import new_notebook, wait_for_kernel

    with shared_page(browser) as page:
        new_notebook(page, site_url, f"{request.module.__name__.rsplit('.', 1)[-1]}-scratch.ipynb")
        wait_for_kernel(page)
        yield page
