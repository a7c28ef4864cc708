"""Fixtures for browser tests: the built site on a loopback port, and offline Chromium.

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

SITE = ROOT / "lite_site" / "_output"


def serve_in_thread(root: Path):
    """Serve ``root`` on a free loopback port; returns (base_url, server)."""
    server = make_server(root, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} is not built: run the build first (see README)")
    url, server = serve_in_thread(SITE)
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
