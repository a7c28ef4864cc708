"""A new notebook from JupyterLab's launcher: seconds from the click to ``1`` printed, with the
kernel started ahead (``litecourse-extension:spare-kernel``) and without it. Prints numbers;
asserts nothing.

Run (after the build):  .venv/bin/python -m benchmarks new_notebook [--rounds 3] [--read 10]

Serves the built site on loopback and drives offline headless Chromium, like the browser
tests. Each visit is a fresh profile: JupyterLab opens on its launcher, the learner "reads"
for ``--read`` seconds, clicks the Python notebook card, and ``print(1)`` is run as soon as
the notebook has a session (it waits in the kernel's queue, as a learner's click would).
"Without" is the same build with the plugin listed in ``disabledExtensions`` (the page's
``jupyter-lite.json`` rewritten in flight); "stock" is the benchmarks' stock JupyterLite site
(``benchmarks/sites.py``). The arms alternate, the order rotating every round.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chromium import chromium_path, launch_args  # noqa: E402
from netguard import NetGuard  # noqa: E402

SITE = ROOT / "lite_site" / "_output"
PLUGIN = "litecourse-extension:spare-kernel"
CARD = ".jp-Launcher .jp-LauncherCard[data-category='Notebook']"
RUN_WHEN_READY = """() => {
  const p = window.jupyterapp.shell.currentWidget;
  if (!p || !p.context || !p.context.isReady || !p.sessionContext.session) return false;
  p.content.widgets[0].model.sharedModel.setSource('print(1)');
  window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}"""
PRINTED = "() => [...document.querySelectorAll('.jp-OutputArea-output')].some(o => o.textContent.trim() === '1')"
WAIT_MS = 300_000


def without_plugin(route) -> None:
    """Serve ``jupyter-lite.json`` with the spare-kernel plugin disabled."""
    response = route.fetch()
    config = response.json()
    data = config.setdefault("jupyter-config-data", {})
    if "litecourse" in data:
        data.setdefault("disabledExtensions", []).append(PLUGIN)
    route.fulfill(response=response, body=json.dumps(config))


def one_visit(browser, base: str, spare: bool, read: float) -> float:
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    if not spare:
        context.route("**/jupyter-lite.json*", without_plugin)
    page = context.new_page()
    page.goto(base + "lab/index.html")
    page.wait_for_selector(CARD, timeout=WAIT_MS)
    time.sleep(read)
    start = time.monotonic()
    page.locator(CARD).first.click()
    page.wait_for_function(RUN_WHEN_READY, timeout=WAIT_MS, polling=50)
    page.wait_for_function(PRINTED, timeout=WAIT_MS, polling=50)
    seconds = time.monotonic() - start
    context.close()
    guard.assert_offline()
    return seconds


#: the arms of the comparison: (name, site, with the spare kernel)
ARMS = (
    ("kernel started ahead", "litecourse", True),
    ("without", "litecourse", False),
    ("stock JupyterLite", "stock", True),
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--read", type=float, default=10.0, help="seconds on the launcher before the click")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from benchmarks import sites

    roots = {"litecourse": SITE, "stock": sites.site_root("stock")}
    if not (roots["stock"] / "index.html").exists():
        print("building the stock site first (python -m benchmarks cold_start --rebuild builds it too)")
        sites.build_all()
    bases, stop = sites.serve_all(roots)
    results: dict[str, list[float]] = {name: [] for name, _, _ in ARMS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
        for r in range(args.rounds):
            for name, site, spare in sites.rotated(ARMS, r):
                results[name].append(one_visit(browser, bases[site], spare, args.read))
                print(f"round {r + 1}/{args.rounds} {name}: {results[name][-1]:.2f}s", flush=True)
        browser.close()
    stop()
    print(f"\nnew notebook, click to first output ({args.read:g} s on the launcher first):")
    medians = {name: statistics.median(times) for name, times in results.items()}
    for name, times in results.items():
        print(f"  {name:22s} median {medians[name]:.2f}s  ({', '.join(f'{t:.2f}' for t in times)})")
    print(f"  litecourse / stock: {medians['kernel started ahead'] / medians['stock JupyterLite']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
