"""Reload a notebook page many times in WebKitGTK and count the reloads that come up blank.

    python -m benchmarks webkit_reloads [--reloads 100] [--busy N] [--path x.ipynb] [--interrupt] [--site DIR]

The site is the one ``./run build`` made (``lite_site/_output``), served on 127.0.0.1; the
page is the notebook view of ``--path`` (the course's first notebook by default). A reload
is *blank* when the notebook's cells are not on the page 3 minutes after it loaded; one read
only after 60 s is reported apart (WebKitWebDriver can hold commands while the page is fine). ``--busy N``
keeps N extra processes spinning meanwhile (the blank page was seen on a loaded machine).
For each blank page, what the page had loaded and its DOM go to build/bench/blank/.
Not part of the test suite; ``tests/browser/test_engines.py`` reloads a few times as a guard.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import multiprocessing
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from build_tools.serve import make_server  # noqa: E402

SITE = ROOT / "lite_site" / "_output"
BLANK = ROOT / "build" / "bench" / "blank"
CELLS_WITHIN_S = 60
#: WebKitWebDriver may hold commands after a reload while the page already shows the notebook
UNREADABLE_S = 180
NOTEBOOK_SHOWN = "() => !!document.querySelector('.jp-Notebook .jp-Cell')"

#: what a page shows: enough to tell a blank page's cause
PAGE_STATE = """() => ({
    cells: document.querySelectorAll('.jp-Notebook .jp-Cell').length,
    readyState: document.readyState,
    app: !!window.jupyterapp,
    recovered: document.documentElement.dataset.litecourseRecovered || null,
    body: Array.from(document.body.children).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
    text: document.body.innerText.slice(0, 300),
    controller: navigator.serviceWorker && navigator.serviceWorker.controller
        ? navigator.serviceWorker.controller.scriptURL : null,
    resources: performance.getEntriesByType('resource')
        .map(r => `${Math.round(r.startTime)}+${Math.round(r.duration)}ms ${r.name.replace(location.origin, '')}`),
    navigation: performance.getEntriesByType('navigation').map(n => `${n.type} ${Math.round(n.duration)}ms`),
})"""


def first_notebook(site: Path) -> str:
    listing = json.loads((site / "api" / "contents" / "all.json").read_text())
    return next(item["path"] for item in listing["content"] if item["path"].endswith(".ipynb"))


def spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks webkit_reloads", description=__doc__.split("\n")[0])
    parser.add_argument("--reloads", type=int, default=100)
    parser.add_argument("--busy", type=int, default=0, help="extra spinning processes while reloading")
    parser.add_argument("--path", help="the notebook to open (default: the course's first)")
    parser.add_argument("--site", type=Path, default=SITE,
                        help="the built site to serve (default: lite_site/_output; a copy lets you rebuild meanwhile)")
    parser.add_argument("--interrupt", action="store_true",
                        help="before each counted reload, reload 0.2-3 s into the start (an impatient learner)")
    args = parser.parse_args(argv)

    from engine_lab import notebook_url, wait_for_notebook
    from engine_pages import WebKitPage

    site = args.site
    if not (site / "index.html").exists():
        print(f"{site} is not built: run ./run build", file=sys.stderr)
        return 1
    server = make_server(site, 0)
    served = collections.deque(maxlen=60)  # the last requests, to see what a blank page waited for
    handler = server.RequestHandlerClass

    class Logged(handler.func):
        def do_GET(self):
            started = time.monotonic()
            served.append(f"{started:.1f} asked {self.path}")
            super().do_GET()
            served.append(f"{time.monotonic():.1f} answered {self.path}")

    server.RequestHandlerClass = functools.partial(Logged, *handler.args, **handler.keywords)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = notebook_url(f"http://127.0.0.1:{server.server_address[1]}/", args.path or first_notebook(site))

    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=spin, args=(stop,), daemon=True) for _ in range(args.busy)]
    for burner in burners:
        burner.start()
    page = WebKitPage()
    blank, late, recovered, seconds = [], [], 0, []
    try:
        print(f"WebKitGTK {page.version}: {args.reloads} reloads of {url} (busy processes: {args.busy})")
        page.goto(url)
        wait_for_notebook(page, timeout=120)
        BLANK.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, args.reloads + 1):
            if args.interrupt:
                page.driver.refresh()  # no wait: the next reload cuts this start short
                time.sleep(random.uniform(0.2, 3))
            started = time.monotonic()
            try:
                page.reload()  # returns once the new document is parsed
                page.wait_for(NOTEBOOK_SHOWN, timeout=UNREADABLE_S, what="the notebook", across_loads=True)
                seconds.append(time.monotonic() - started)
                print(f"  reload {attempt}: notebook in {seconds[-1]:.1f} s", flush=True)
                if seconds[-1] > CELLS_WITHIN_S:
                    late.append(attempt)
                    print(f"  reload {attempt}: notebook read only after {seconds[-1]:.0f} s")
                if page.call(PAGE_STATE)["recovered"]:
                    recovered += 1
            except Exception as error:
                try:
                    state = page.call(PAGE_STATE)
                except Exception as unreadable:
                    state = {"unreadable": repr(unreadable)}
                state["error"] = repr(error)
                state["served"] = [f"{line} (reload at {started:.1f})" for line in served]
                blank.append(attempt)
                (BLANK / f"reload-{attempt}.json").write_text(json.dumps(state, indent=1))
                try:
                    page.driver.save_screenshot(str(BLANK / f"reload-{attempt}.png"))
                except Exception:  # a page still loading may refuse it: the state above is saved
                    pass
                print(f"  reload {attempt}: BLANK (state in {BLANK}/reload-{attempt}.json)")
            if attempt % 10 == 0:
                print(f"  {attempt} reloads, {len(blank)} blank")
    finally:
        page.close()
        stop.set()
        server.shutdown()
    seconds.sort()
    median = seconds[len(seconds) // 2] if seconds else float("nan")
    print(f"reloads: {args.reloads}, blank pages: {len(blank)}, recovered after a stalled start: {recovered}, "
          f"read after more than {CELLS_WITHIN_S} s: {len(late)}, median time to cells: {median:.1f} s")
    return 1 if blank else 0
