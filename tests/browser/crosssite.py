"""The course inside a page of another site, as a VLE shows it: the other site's pages served on
``localhost`` (another site than the course's ``127.0.0.1``), and browsers that apply
cross-site rules.

- ``learner_chromium``: Debian's Chromium started by us and driven over CDP, without the flags
  Playwright adds to every browser it launches (``--disable-features=...,
  ThirdPartyStoragePartitioning,...`` among them), as a learner's Chromium runs. (Observed on
  Chromium 156: that flag no longer changes anything, a cross-site frame's storage is
  partitioned either way; the tests do not rely on it.)
- ``site_data_blocked_chromium``: a profile whose settings block the course's site data when
  it is embedded in ``localhost`` pages (what "block third-party site data", a private mode or
  a school's policy does to a frame). Playwright's flags alone leave the frame its storage on
  this Chromium, so the block is set in the profile, on purpose.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from chromium import chromium_path, launch_args
from netguard import NetGuard
from profiles import browser_profile

from build_tools.serve import make_server


@contextlib.contextmanager
def other_site(pages: dict[str, str]):
    """Serve ``pages`` ({file name: HTML}) as another site; yields its base URL on ``localhost``."""
    with tempfile.TemporaryDirectory(prefix="vle-") as folder:
        for name, text in pages.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        server = make_server(Path(folder), 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://localhost:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()


@contextlib.contextmanager
def pages_elsewhere():
    """A server of pages of another site, added as they are needed: yields ``serve(html)``,
    which returns a new page's address on ``localhost`` (the course is on ``127.0.0.1``)."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def serve(html: str) -> str:
        path = f"/page{len(pages)}.html"
        pages[path] = html.encode()
        return f"http://localhost:{server.server_address[1]}{path}"

    try:
        yield serve
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def learner_chromium(browser_type):
    """Debian's Chromium with only our flags (no Playwright defaults), connected over CDP.

    ``browser_type``: the session's ``browser.browser_type`` (one Playwright per test session)."""
    with browser_profile("learner-chromium-") as profile:
        process = subprocess.Popen(
            [chromium_path(), *launch_args(), "--remote-debugging-port=0", f"--user-data-dir={profile}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        try:
            endpoint = None
            deadline = time.monotonic() + 60
            while endpoint is None and time.monotonic() < deadline:
                line = process.stderr.readline()
                if not line and process.poll() is not None:
                    raise RuntimeError("Chromium exited before it listened for DevTools")
                found = re.search(r"DevTools listening on (ws://\S+)", line)
                endpoint = found and found.group(1)
            if endpoint is None:
                raise RuntimeError("Chromium did not listen for DevTools within 60 s")
            # the pipe must keep draining, or a chatty Chromium blocks on a full stderr
            threading.Thread(target=process.stderr.read, daemon=True).start()
            browser = browser_type.connect_over_cdp(endpoint)
            try:
                yield browser
            finally:
                browser.close()
        finally:
            # its helpers are in its process group: none may outlive it and write on
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def guarded_context(browser):
    """A fresh context of ``browser`` with a NetGuard attached; returns (context, guard)."""
    context = browser.new_context()
    guard = NetGuard()
    guard.attach(context)
    return context, guard


@contextlib.contextmanager
def site_data_blocked_chromium(browser_type, course_origin: str, embedded_in: str = "http://localhost:*"):
    """A Chromium profile (Playwright's launch, its default flags kept) whose settings block the
    site data of ``course_origin`` in frames of ``localhost`` pages; yields (context, guard).
    At top level the course keeps its storage (``embedded_in="*"``: blocked there too, as a
    learner's "block site data for this site" setting does)."""
    with browser_profile("blocked-site-data-") as profile:
        (profile / "Default").mkdir()
        host = re.sub(r":\d+/?$", "", course_origin.rstrip("/"))
        preferences = {"profile": {"content_settings": {"exceptions": {"cookies": {
            f"{host}:*,{embedded_in}": {"setting": 2},  # 2 = block
        }}}}}
        (profile / "Default" / "Preferences").write_text(json.dumps(preferences))
        context = browser_type.launch_persistent_context(
            profile, executable_path=chromium_path(), args=launch_args()
        )
        guard = NetGuard()
        guard.attach(context)
        try:
            yield context, guard
        finally:
            context.close()
