"""Fixtures for browser tests: the product's test site on a loopback port, and offline Chromium.

The site the tests open is the fixture course (``tests/fixtures/course``) built with the one
site build, ``build_tools.site.build_site``, never the course in ``content/``: an educator who
replaces the content keeps this suite green. Only the rot guard (``test_course_content.py``)
opens the site ``./run build`` made from ``content/``.

Every test gets a fresh browser context (a fresh profile) whose requests are recorded;
any request that leaves loopback is aborted and fails the test, naming the URLs.
"""

from __future__ import annotations

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

FIXTURE_COURSE = ROOT / "tests" / "fixtures" / "course"
FIXTURE_TOML = FIXTURE_COURSE / "course.toml"
FIXTURE_CONTENT = FIXTURE_COURSE / "content"
#: the product's test site: the fixture course, built once per test session
SITE = ROOT / "build" / "test-site"
#: the site ``./run build`` made from content/ (the rot guard's)
COURSE_SITE = ROOT / "lite_site" / "_output"


def serve_in_thread(root: Path):
    """Serve ``root`` on a free loopback port; returns (base_url, server)."""
    server = make_server(root, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The fixture course's site, built now from this repository's built parts."""
    from build_tools.site import build_site

    if not (COURSE_SITE / "index.html").exists():
        pytest.fail(f"{COURSE_SITE} is not built: run the build first (see README)")
    return build_site(FIXTURE_TOML, FIXTURE_CONTENT, SITE)


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
