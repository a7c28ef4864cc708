"""How heavy the course home page is and how soon it shows the learner's state.

    .venv/bin/python tests/browser/bench_front_door.py [LOADS]

Prints the bytes the home page fetches (HTML + script, nothing else) and, over LOADS
page loads (default 20), the median time from navigation start to the HTML being parsed
(the list readable) and to the learner's state being on the page (IndexedDB read), in a
fresh browser and in one with a saved notebook. Numbers, not assertions.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from chromium import chromium_path, launch_args  # noqa: E402
from conftest import COURSE_SITE, serve_in_thread  # noqa: E402
from lab import open_notebook  # noqa: E402
from netguard import NetGuard  # noqa: E402

TIMES = """() => ({
    parsed: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    state: performance.getEntriesByName('litecourse:home-state-shown')[0].startTime,
})"""


def measure(page, url: str, loads: int) -> tuple[float, float]:
    parsed, state = [], []
    for _ in range(loads):
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('litecourse:home-state-shown').length > 0")
        t = page.evaluate(TIMES)
        parsed.append(t["parsed"])
        state.append(t["state"])
    return statistics.median(parsed), statistics.median(state)


def main(loads: int) -> None:
    from playwright.sync_api import sync_playwright

    url, server = serve_in_thread(COURSE_SITE)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
        context = browser.new_context()
        guard = NetGuard()
        guard.attach(context)
        page = context.new_page()
        sizes: dict[str, int] = {}
        page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('litecourse:home-state-shown').length > 0")
        weight = dict(sizes)
        fresh = measure(page, url, loads)
        first = page.locator("ol.lessons > li").first.get_attribute("data-path")
        open_notebook(page, url, first)
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty")
        page.goto(url)
        saved = measure(page, url, loads)
        browser.close()
        guard.assert_offline()
    server.shutdown()
    print(f"home page weight: {sum(weight.values())} bytes in {len(weight)} requests")
    for u, n in sorted(weight.items()):
        print(f"  {n:7d}  {u.replace(url, '/')}")
    print(f"median of {loads} loads (ms from navigation start):")
    print(f"  fresh browser:     list parsed {fresh[0]:.0f}, state shown {fresh[1]:.0f}")
    print(f"  with saved work:   list parsed {saved[0]:.0f}, state shown {saved[1]:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
