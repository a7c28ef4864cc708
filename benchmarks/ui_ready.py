"""UI ready (the notebook's first cell on the page) of stock JupyterLite and of litecourse with
and without its early kernel or its whole extension. Prints numbers; asserts nothing.

    python -m benchmarks ui_ready [--rounds 8]

Cold visits (a fresh profile each) of the benchmark sites' notebook (``benchmarks/sites.py``;
``python -m benchmarks cold_start --rebuild`` builds them). Plugins are disabled by rewriting
``jupyter-lite.json`` in flight, and every arm goes through the same rewrite, so the HTTP cache
is off alike. The arms alternate, the order rotating every round.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chromium import chromium_path, launch_args  # noqa: E402

from . import sites  # noqa: E402
from .boot import PROBE  # noqa: E402

#: (name, site, plugins or extensions disabled)
ARMS = (
    ("stock", "stock", ()),
    ("litecourse", "litecourse", ()),
    ("without the early kernel", "litecourse", ("litecourse-extension:early-kernel",)),
    ("without the extension", "litecourse", ("litecourse-extension",)),
)
UI_READY = "() => window.__bench && window.__bench.ui !== undefined"


def disabling(names):
    """A route handler serving ``jupyter-lite.json`` with ``names`` added to disabledExtensions."""

    def handle(route) -> None:
        response = route.fetch()
        config = response.json()
        if names:
            data = config.setdefault("jupyter-config-data", {})
            data.setdefault("disabledExtensions", []).extend(names)
        route.fulfill(response=response, body=json.dumps(config))

    return handle


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    roots = {name: sites.site_root(name) for name in ("stock", "litecourse")}
    if not all((root / "index.html").exists() for root in roots.values()):
        sites.build_all()
    bases, stop = sites.serve_all(roots)
    results: dict[str, list[float]] = {name: [] for name, _, _ in ARMS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
        for r in range(args.rounds):
            for name, site, disabled in sites.rotated(ARMS, r):
                context = browser.new_context()
                context.add_init_script(PROBE)
                context.route("**/jupyter-lite.json*", disabling(disabled))
                page = context.new_page()
                page.goto(f"{bases[site]}notebooks/index.html?path=bench.ipynb", wait_until="commit")
                page.wait_for_function(UI_READY, timeout=90_000, polling=50)
                results[name].append(page.evaluate("() => window.__bench.ui") / 1000)
                context.close()
            print(f"round {r + 1}/{args.rounds}: " + ", ".join(f"{n} {t[-1]:.2f}s" for n, t in results.items()),
                  flush=True)
        browser.close()
    stop()
    print("\nUI ready (first cell on the page), cold, median (range):")
    for name, times in results.items():
        print(f"  {name:26s} {statistics.median(times):.2f}s  ({min(times):.2f}–{max(times):.2f})")
    return 0
