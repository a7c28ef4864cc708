"""How big the offline copy is and how long a first visit takes to make it. Prints numbers;
asserts nothing.

Run (after the build):  .venv/bin/python benchmarks/offline_copy.py [--runs 3] [--site lite_site/_output]

Serves the built site on loopback and drives offline headless Chromium, like the browser
tests. Each run is a fresh profile: open the home page and time until it says "Available
offline" (the service worker has copied every listed file into Cache Storage). Loopback is
far faster than a learner's line: the time is the browser's own work (hashing, storing), the
floor under any network. Also prints what the browser reports it stores for the origin.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chromium import chromium_path, launch_args  # noqa: E402
from netguard import NetGuard  # noqa: E402

from build_tools.offline_cache import MANIFEST, describe  # noqa: E402
from build_tools.serve import make_server  # noqa: E402


def one_visit(browser, url: str, version: str) -> tuple[float, int]:
    """Seconds from opening the home page to "Available offline", and the origin's usage in bytes."""
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    try:
        page = context.new_page()
        started = time.monotonic()
        page.goto(url)
        page.wait_for_selector(f'#offline[data-state="ready"][data-version="{version}"]', timeout=600_000)
        seconds = time.monotonic() - started
        usage = page.evaluate("navigator.storage.estimate().then(e => e.usage)")
        guard.assert_offline()
        return seconds, usage
    finally:
        context.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "lite_site" / "_output")
    args = parser.parse_args(argv)
    listing = json.loads((args.site / MANIFEST).read_text())
    print(f"{args.site}: the offline copy is {describe(listing)}")

    from playwright.sync_api import sync_playwright

    server = make_server(args.site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
            times = []
            for run in range(args.runs):
                seconds, usage = one_visit(browser, url, listing["version"])
                times.append(seconds)
                print(f"run {run + 1}: available offline after {seconds:.1f} s; the origin stores {usage} bytes")
            browser.close()
    finally:
        server.shutdown()
    print(f"median {statistics.median(times):.1f} s over {len(times)} first visits (loopback)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
