"""Bytes a cold visit moves over the wire, with the servers' gzip on and off. Prints numbers;
asserts nothing.

Run (after the build):  .venv/bin/python benchmarks/transfer.py [--visits 2]

Serves the built site with ``build_tools.serve`` (the offline launcher answers the same way)
and opens the course's first notebook in a fresh offline Chromium profile until its kernel is
idle; sums Playwright's ``request.sizes()`` (body as sent, plus headers) over the page's
requests (a request the service worker answers is counted once). "off" is the same server
with compression turned off; the two alternate.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chromium import chromium_path, launch_args  # noqa: E402
from netguard import NetGuard  # noqa: E402

from build_tools import serve  # noqa: E402
from build_tools.course import load_course  # noqa: E402

SITE = ROOT / "lite_site" / "_output"
IDLE = """() => { try {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  return k && k.status === 'idle'; } catch (e) { return false; } }"""


class NoCompression:
    """A gzip cache that wants nothing: the server answers as before compression."""

    @staticmethod
    def wanted(path, stat) -> bool:
        return False


def one_visit(browser, base: str, notebook: str) -> tuple[int, int, int]:
    """(requests, bytes, gzipped answers) of one cold visit."""
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(f"{base}notebooks/index.html?path={notebook}")
    page.wait_for_function(IDLE, timeout=300_000, polling=100)
    time.sleep(2)  # the last answers (MathJax, fonts) land
    requests = total = gzipped = 0
    for request in finished:
        response = request.response()
        if response is None or response.from_service_worker:
            continue
        sizes = request.sizes()
        requests += 1
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        gzipped += response.headers.get("content-encoding") == "gzip"
    context.close()
    guard.assert_offline()
    return requests, total, gzipped


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits", type=int, default=2, help="visits with gzip on, and as many off")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    notebook = load_course(ROOT / "course.toml").outline[0]
    serve.GZIP_CACHE.warm(str(SITE))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
        for i in range(args.visits * 2):
            gzip_on = i % 2 == 1
            server = serve.make_server(SITE, 0)
            if not gzip_on:
                server.RequestHandlerClass.func.gzip_cache = NoCompression()
            threading.Thread(target=server.serve_forever, daemon=True).start()
            n, total, gzipped = one_visit(browser, f"http://127.0.0.1:{server.server_address[1]}/", notebook)
            print(f"gzip {'on ' if gzip_on else 'off'}: {n} requests, {total / 1e6:.2f} MB, {gzipped} gzipped",
                  flush=True)
            server.shutdown()
            server.server_close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
