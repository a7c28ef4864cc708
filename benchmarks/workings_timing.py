"""How long workings takes in the browser's Pyodide kernel. Prints numbers; asserts nothing.

Run (after the build):  .venv/bin/python benchmarks/workings_timing.py [--boots N] [--warm N]

Serves the built site on loopback and drives offline headless Chromium, like the browser tests.

1. ``%%workings`` on the Ohm's-law cell, in a kernel started as the course starts it
   (start-up snippet on):
   - in the kernel: ``time.perf_counter()`` around ``run_cell_magic('workings', ...)``, the
     call IPython makes for a ``%%workings`` cell; the first call loads handcalcs and
     forallpeople, the warm calls are the next ``--warm`` ones (median);
   - in the page: from Ctrl+Enter (run in place) until MathJax has typeset the output (``mjx-container``),
     the wait a learner sees; the first one also loads MathJax.
2. ``import workings`` at kernel start. The start-up snippet (``%load_ext workings``) imports
   it in every kernel, so a normal kernel cannot measure it.  Here the page's
   ``jupyter-lite.json`` is rewritten in flight to turn the snippet off, which gives a fresh
   kernel that has never imported workings (checked: not in ``sys.modules``); the cell then
   times ``import workings`` and ``%load_ext workings`` with ``time.perf_counter()``. The first
   import of a module in a kernel also compiles it (no ``.pyc`` ships in the wheel), exactly as
   at a real kernel start. ``--boots`` fresh kernels are measured.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import lab  # noqa: E402
from chromium import chromium_path, launch_args  # noqa: E402
from lab import (  # noqa: E402
    cell_text_outputs,
    new_notebook,
    notebook_json,
    set_cell_source,
    wait_for_kernel,
    wait_until_done,
)
from netguard import NetGuard  # noqa: E402

from build_tools.serve import make_server  # noqa: E402

SITE = ROOT / "lite_site" / "_output"
# a benchmark waits as long as it takes: on a busy machine a kernel boot can pass the tests' limit
WAIT_MS = 900_000
lab.KERNEL_BOOT_TIMEOUT_MS = WAIT_MS
OHMS_LAW = "I = 1.5*mA\nR = 2.2*kOhm\nV = I*R"

LOADED = (
    "import sys\n"
    "print('LOADED', sorted(m for m in sys.modules\n"
    "      if m.split('.')[0] in ('workings', 'handcalcs', 'forallpeople')))"
)

TIME_MAGIC = (
    "import time, statistics\n"
    "_ip = get_ipython()\n"
    "_t = time.perf_counter(); _ip.run_cell_magic('workings', '', {src!r}); "
    "_first = time.perf_counter() - _t\n"
    "_warm = []\n"
    "for _ in range({warm}):\n"
    "    _t = time.perf_counter(); _ip.run_cell_magic('workings', '', {src!r}); "
    "_warm.append(time.perf_counter() - _t)\n"
    "print('TIMES', _first, statistics.median(_warm), min(_warm), max(_warm))"
)

TIME_IMPORT = (
    "import sys, time, importlib\n"
    "_before = 'workings' in sys.modules\n"
    "_t = time.perf_counter(); importlib.import_module('workings'); "
    "_import = time.perf_counter() - _t\n"
    "_t = time.perf_counter(); get_ipython().run_line_magic('load_ext', 'workings'); "
    "_load = time.perf_counter() - _t\n"
    "_heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('handcalcs', 'forallpeople'))\n"
    "print('IMPORT', _before, _import, _load, _heavy)"
)


def marked_line(text: str, marker: str) -> str:
    # outputs are joined without separators, so the marker may follow other text on its line
    for line in text.splitlines():
        if marker + " " in line:
            return line.split(marker + " ", 1)[1]
    raise RuntimeError(f"no {marker} line in the cell's output:\n{text}")


def run_code(page, code: str) -> dict:
    """Run ``code`` in cell 0 and return the cell (as lab.run_code, with the long wait)."""
    set_cell_source(page, 0, code)
    page.keyboard.press("Control+Enter")
    wait_until_done(page, WAIT_MS)
    return notebook_json(page)["cells"][0]


def typeset_wall_time(page, source: str) -> float:
    """Seconds from Ctrl+Enter on cell 0 until its output is typeset by MathJax."""
    set_cell_source(page, 0, source)
    page.evaluate("() => { window.__t0 = performance.now(); }")
    page.keyboard.press("Control+Enter")  # run in place, so cell 0 stays the one timed
    page.wait_for_function(
        """() => {
            const out = document.querySelectorAll('.jp-Notebook .jp-Cell')[0]
                .querySelector('.jp-OutputArea-output mjx-container');
            if (out && !window.__t1) window.__t1 = performance.now();
            return !!out;
        }""",
        polling=10,
        timeout=WAIT_MS,
    )
    seconds = page.evaluate("() => { const d = window.__t1 - window.__t0; window.__t1 = 0; return d / 1000; }")
    wait_until_done(page, WAIT_MS)
    return seconds


def clear_output(page) -> None:
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.widgets[0].model.outputs.clear(); }")


def course_kernel(browser, url: str, warm: int) -> dict:
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    new_notebook(page, url, "bench-workings.ipynb")
    wait_for_kernel(page)
    loaded = marked_line(cell_text_outputs(run_code(page, LOADED)), "LOADED")
    # page wall time, first %%workings of this kernel (and first MathJax typeset of the page)
    page_first = typeset_wall_time(page, "%%workings\n" + OHMS_LAW)
    page_warm = []
    for _ in range(warm):
        clear_output(page)
        page_warm.append(typeset_wall_time(page, "%%workings\n" + OHMS_LAW))
    context.close()
    guard.assert_offline()

    # kernel-side timing in another fresh kernel, so its first call is a real first call
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    new_notebook(page, url, "bench-workings.ipynb")
    wait_for_kernel(page)
    text = cell_text_outputs(run_code(page, TIME_MAGIC.format(src=OHMS_LAW, warm=warm)))
    first, median, low, high = (float(x) for x in marked_line(text, "TIMES").split())
    context.close()
    guard.assert_offline()
    return {
        "loaded_after_startup": loaded,
        "kernel_first_s": first,
        "kernel_warm_median_s": median,
        "kernel_warm_min_s": low,
        "kernel_warm_max_s": high,
        "page_first_s": page_first,
        "page_warm_median_s": statistics.median(page_warm),
    }


def snippet_off(route) -> None:
    """Serve jupyter-lite.json with the course start-up snippet turned off."""
    response = route.fetch()
    config = json.loads(response.text())
    course = config.get("jupyter-config-data", {}).get("litecourse")
    if course is not None:
        course["startupSnippet"] = ""
    route.fulfill(response=response, body=json.dumps(config))


def fresh_import(browser, url: str) -> tuple[bool, float, float, str]:
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    context.route("**/jupyter-lite.json", snippet_off)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    new_notebook(page, url, "bench-import.ipynb")
    wait_for_kernel(page)
    text = cell_text_outputs(run_code(page, TIME_IMPORT))
    context.close()
    guard.assert_offline()
    before, rest = marked_line(text, "IMPORT").split(" ", 1)
    import_s, load_s, heavy = rest.split(" ", 2)
    return before == "True", float(import_s), float(load_s), heavy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boots", type=int, default=3, help="fresh kernels for the import cost")
    parser.add_argument("--warm", type=int, default=5, help="warm %%workings runs per kernel")
    args = parser.parse_args()
    if not (SITE / "index.html").exists():
        sys.exit(f"{SITE} is not built: run ./run build first")

    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]
    server = make_server(SITE, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
            r = course_kernel(browser, url, args.warm)
            imports = [fresh_import(browser, url) for _ in range(args.boots)]
            browser.close()
    finally:
        server.shutdown()

    print("workings in the browser's Pyodide kernel (offline headless Chromium)")
    print(f"  machine: {os.cpu_count()} CPUs, 1-minute load average {load_before:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end (numbers scale with it)")
    print(f"  loaded by the start-up snippet: {r['loaded_after_startup']}")
    print("  %%workings, Ohm's-law cell (3 lines), in the kernel (perf_counter around run_cell_magic):")
    print(f"    first call in a kernel: {r['kernel_first_s'] * 1000:.0f} ms (loads handcalcs + forallpeople)")
    print(f"    warm, median of {args.warm}: {r['kernel_warm_median_s'] * 1000:.1f} ms "
          f"(min {r['kernel_warm_min_s'] * 1000:.1f}, max {r['kernel_warm_max_s'] * 1000:.1f})")
    print("  %%workings, Ctrl+Enter to typeset output, in the page:")
    print(f"    first in a kernel and page: {r['page_first_s'] * 1000:.0f} ms (also loads MathJax)")
    print(f"    warm, median of {args.warm}: {r['page_warm_median_s'] * 1000:.0f} ms")
    print(f"  import at kernel start ({args.boots} fresh kernels, start-up snippet turned off):")
    if any(before for before, *_ in imports):
        print("    WARNING: workings was already imported in a kernel; its numbers are not a cold import")
    import_ms = [i * 1000 for _, i, _, _ in imports]
    load_ms = [lo * 1000 for _, _, lo, _ in imports]
    print(f"    import workings: median {statistics.median(import_ms):.1f} ms "
          f"(all: {', '.join(f'{x:.1f}' for x in import_ms)})")
    print(f"    then %load_ext workings (imports its magics module): median {statistics.median(load_ms):.1f} ms "
          f"(all: {', '.join(f'{x:.1f}' for x in load_ms)})")
    print(f"    handcalcs/forallpeople modules loaded after both: {imports[0][3]}")


if __name__ == "__main__":
    main()
