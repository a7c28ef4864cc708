"""One boot of a site in a browser context: seconds to UI ready and to the first output.

Times are taken inside the page (``performance.now()``, i.e. since navigation start) by an
init script, so Playwright's polling adds nothing to them. Requests are recorded with
``context.on('request'/'requestfinished')`` (never ``route``, which disables the HTTP cache).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

#: a boot that has not printed in this long is a hang
HANG_SECONDS = 90
#: after a hang, how much longer to watch, to tell "very slow" from "never" (not a retry)
GRACE_SECONDS = 150

#: records milestones into window.__bench (ms since navigation start)
PROBE = """
(() => {
  const B = window.__bench = {};
  const mark = (k) => { if (B[k] === undefined) B[k] = performance.now(); };
  const check = () => {
    if (document.querySelector('.jp-Notebook .jp-Cell .cm-content')) mark('ui');
    for (const o of document.querySelectorAll('.jp-OutputArea-output, pre.bench-output')) {
      if (o.textContent.trim() === '1') mark('output');
    }
    try {
      const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      if (k) { mark('kernel_connection'); if (k.status === 'idle') mark('kernel_idle'); }
    } catch (e) {}
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true});
  setInterval(check, 25);
  document.addEventListener('DOMContentLoaded', () => {
    if (location.pathname.endsWith('/floor/') || document.title === 'Pyodide floor') mark('ui');
  });
})();
"""

RUN_FIRST_CELL = """() => {
  const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!p || !p.context || !p.context.isReady || !p.sessionContext.session) return false;
  window.__bench.run = performance.now();
  window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}"""


@dataclass
class Boot:
    """What one boot measured (seconds since navigation start; None if never reached)."""

    site: str
    visit: str  # "cold" | "warm"
    ui: float | None = None
    output: float | None = None
    marks: dict = field(default_factory=dict)
    requests: int = 0
    bytes: int = 0
    not_modified: int = 0
    hang: bool = False
    late_output: float | None = None  # output that came after HANG_SECONDS (still a hang)
    error: str = ""
    console: list[str] = field(default_factory=list)
    timeline: list[tuple[float, float, str, int]] = field(default_factory=list)  # start, end, url, bytes


class Recorder:
    """Requests of one context, and console lines (page and workers) with their times."""

    def __init__(self, context):
        self.requests: list = []
        self.finished: list = []
        self.console: list[str] = []
        self.t0 = time.time()
        context.on("request", lambda r: self.requests.append(r))
        context.on("requestfinished", lambda r: self.finished.append(r))

    def attach(self, page) -> None:
        page.on("console", self._log)
        page.on("pageerror", lambda e: self._log_text(f"pageerror: {e}"))
        page.on("worker", lambda w: w.on("console", self._log) if hasattr(w, "on") else None)

    def _log(self, msg) -> None:
        self._log_text(f"{msg.type}: {msg.text}")

    def _log_text(self, text: str) -> None:
        self.console.append(f"{time.time() - self.t0:7.2f}s {text}")

    def reset(self) -> None:
        self.requests.clear()
        self.finished.clear()
        self.t0 = time.time()


def visit(page, recorder: Recorder, site: str, kind: str, url: str, notebook: bool) -> Boot:
    """Load ``url``, run the first cell (Lite sites), and wait for ``1`` to be printed."""
    boot = Boot(site, kind)
    recorder.reset()
    deadline = time.monotonic() + HANG_SECONDS
    try:
        page.goto(url, wait_until="commit", timeout=HANG_SECONDS * 1000)
        if notebook:
            page.wait_for_function(RUN_FIRST_CELL, timeout=HANG_SECONDS * 1000, polling=50)
        left = max(1.0, deadline - time.monotonic())
        page.wait_for_function("() => window.__bench && window.__bench.output !== undefined",
                               timeout=left * 1000, polling=50)
    except Exception as exc:  # a timeout is a hang; anything else an error
        if "Timeout" in type(exc).__name__ or "Timeout" in str(exc):
            boot.hang = True
        boot.error = str(exc).splitlines()[0][:300]
    if boot.hang:
        try:  # keep watching the same page: a hang that ends late is still a hang
            page.wait_for_function("() => window.__bench && window.__bench.output !== undefined",
                                   timeout=GRACE_SECONDS * 1000, polling=250)
        except Exception:
            pass
    try:
        marks = page.evaluate("() => window.__bench || {}")
        origin = page.evaluate("() => performance.timeOrigin")
    except Exception:
        marks, origin = {}, None
    boot.marks = {k: v / 1000 for k, v in marks.items()}
    boot.ui = boot.marks.get("ui")
    boot.output = boot.marks.get("output")
    if boot.hang:
        boot.late_output, boot.output = boot.output, None
    _count(boot, recorder, origin)
    boot.console = list(recorder.console)
    return boot


def _count(boot: Boot, recorder: Recorder, origin: float | None) -> None:
    # a request the service worker answered shows twice (page side, SW side): count the network one
    boot.requests = len(recorder.requests) - len(recorder.finished)  # failed or unfinished
    for req in list(recorder.finished):
        try:
            sizes = req.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            resp = req.response()
            status = resp.status if resp else 0
            if resp is not None and resp.from_service_worker:
                continue  # counted on the service worker's side
        except Exception:
            continue
        boot.requests += 1
        boot.bytes += max(0, size)
        if status == 304:
            boot.not_modified += 1
        t = req.timing
        if origin is not None and t.get("startTime", -1) > 0:
            start = (t["startTime"] - origin) / 1000
            end = start + max(0.0, t.get("responseEnd", 0)) / 1000
            boot.timeline.append((start, end, req.url, size))


def save_hang(boot: Boot, folder: Path, index: int) -> Path:
    """Write a hung boot's console tail and request timeline to a file; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{boot.site}-{boot.visit}-{index:03d}.log"
    late = f"late output at {boot.late_output:.1f} s" if boot.late_output else "no output in the grace period either"
    lines = [f"{boot.site} {boot.visit} boot {index}: {boot.error}", late, f"marks: {boot.marks}", "",
             "console (tail):"]
    lines += boot.console[-80:]
    lines += ["", "requests (start, end, bytes, url):"]
    lines += [f"{s:8.2f} {e:8.2f} {b:9d} {u}" for s, e, u, b in sorted(boot.timeline)]
    path.write_text("\n".join(lines) + "\n")
    return path
