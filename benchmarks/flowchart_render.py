"""From ``%%flowchart`` to a visible SVG in the browser. Prints numbers; asserts nothing.

Run (after the build):  .venv/bin/python benchmarks/flowchart_render.py [--runs 5] [--lines 150]

Serves the built site on loopback and drives offline headless Chromium, like the browser
tests. In one new notebook, with a warm kernel (one untimed run first loads pyflowchart):
the cell is a generated ``--lines``-line function under ``%%flowchart --function work``; each
timed run presses Ctrl+Enter and waits (polling every animation frame) until the figure with
this run's title has its SVG drawn, with a size, on the page. That is the wait a learner sees:
kernel (walk the code, build the script and description), message to the page, render, and
flowchart.js + Raphaël drawing. Target: median of 5 <= 1.5 s for 150 lines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import lab  # noqa: E402
from chromium import chromium_path, launch_args  # noqa: E402
from lab import new_notebook, set_cell_source, wait_for_kernel, wait_until_done  # noqa: E402

from build_tools.serve import make_server  # noqa: E402

# a busy machine can take minutes to boot a kernel; the boot is not what is measured
lab.KERNEL_BOOT_TIMEOUT_MS = 600_000
from netguard import NetGuard  # noqa: E402

SITE = ROOT / "lite_site" / "_output"

BLOCK = """\
    total_{k} = 0
    for item in items:
        if item > {k}:
            total_{k} = total_{k} + item
        else:
            total_{k} = total_{k} - 1
    print("block {k}", total_{k})
"""


def generated_function(lines: int) -> str:
    """A function ``work(items)`` of exactly ``lines`` lines: loops, decisions, prints.

    >>> len(generated_function(150).splitlines())
    150
    """
    body: list[str] = []
    k = 0
    while len(body) + len(BLOCK.splitlines()) <= lines - 2:
        body.extend(BLOCK.format(k=k).splitlines())
        k += 1
    while len(body) < lines - 2:
        body.append(f"    step_{len(body)} = len(items) + {len(body)}")
    return "\n".join(["def work(items):", *body, "    return items"])


DRAWN = """(title) => {
    const figures = document.querySelectorAll('.jp-Notebook figure.litecourse-flowchart.litecourse-mod-drawn');
    for (const f of figures) {
        const svg = f.querySelector('svg[role=img]');
        if (f.querySelector('figcaption').textContent === title && svg) {
            const r = svg.getBoundingClientRect();
            if (r.width > 0 && r.height > 0) return svg.querySelectorAll('.flowchart').length;
        }
    }
    return 0;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=150)
    args = parser.parse_args()
    if not (SITE / "index.html").exists():
        sys.exit(f"{SITE} is not built: run ./run build first")
    code = generated_function(args.lines)

    from playwright.sync_api import sync_playwright

    server = make_server(SITE, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            guard = NetGuard()
            guard.attach(context)
            page = context.new_page()
            page.set_default_timeout(180_000)
            new_notebook(page, url, "bench.ipynb")
            wait_for_kernel(page)
            times = []
            boxes = 0
            for run in range(args.runs + 1):
                title = f"Run {run}"
                set_cell_source(page, 0, f'%%flowchart --function work --title "{title}"\n{code}')
                start = time.perf_counter()
                page.keyboard.press("Control+Enter")
                handle = page.wait_for_function(DRAWN, arg=title, polling="raf", timeout=180_000)
                elapsed = time.perf_counter() - start
                boxes = handle.json_value()
                wait_until_done(page)
                if run:  # run 0 warms the kernel (imports pyflowchart)
                    times.append(elapsed)
                print(f"{'warm-up' if run == 0 else f'run {run}'}: {elapsed:.3f} s ({boxes} boxes)")
            guard.assert_offline()
            browser.close()
    finally:
        server.shutdown()
    print(
        f"%%flowchart on a {args.lines}-line function -> visible SVG ({boxes} boxes), warm kernel: "
        f"median {statistics.median(times):.3f} s of {len(times)} "
        f"(min {min(times):.3f}, max {max(times):.3f}); target <= 1.5 s"
    )


if __name__ == "__main__":
    main()
