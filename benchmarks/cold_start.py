"""Cold start: stock JupyterLite vs litecourse vs bare Pyodide, from page load to first output.

    python -m benchmarks cold_start [--boots 10] [--no-warm] [--rebuild]
    python -m benchmarks cold_start --hang-check 100      # litecourse only, cold boots

Each boot is a fresh browser profile on disk (empty HTTP cache); sites alternate
within one run (the order rotates every round) so a busy machine slows all of them alike.
A warm start is a second visit in the same context. A boot with no output after 90 s is a
hang: it is counted, its console tail saved under build/bench/hangs/, and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from profiles import remove_profile  # noqa: E402

from build_tools.serve import make_server  # noqa: E402

from . import sites  # noqa: E402
from .boot import HANG_SECONDS, PROBE, Boot, Recorder, save_hang, visit  # noqa: E402
from .stats import fmt, ratio, spread, summary, table  # noqa: E402

HANGS = sites.BENCH / "hangs"
# the snippet's own run (since its kernel got to it), not the wait for the kernel to start
SNIPPET_MS = re.compile(r"start-up snippet ran in kernel \S+ \((\d+) ms[;)]")


def serve(root: Path) -> str:
    server = make_server(root, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def url_of(base: str, site: str) -> str:
    return base if site == "floor" else f"{base}notebooks/index.html?path={sites.NOTEBOOK}"


def fresh_profile(playwright):
    """A new browser with an empty profile on disk (its HTTP cache and compiled-code cache
    persist between visits, as a learner's browser does; an off-the-record context keeps
    its cache in memory and drops big entries like the 9.6 MB wasm)."""
    from chromium import chromium_path, launch_args

    folder = Path(tempfile.mkdtemp(prefix="litecourse-bench-profile-"))  # removed by one_boot
    context = playwright.chromium.launch_persistent_context(
        str(folder), executable_path=chromium_path(), args=launch_args())
    return context, folder


def one_boot(playwright, site: str, url: str, warm: bool, index: int, hangs: Path = HANGS) -> list[Boot]:
    """A cold visit in a fresh profile, then (optionally) a warm one in the same profile."""
    context, folder = fresh_profile(playwright)
    context.add_init_script(PROBE)
    recorder = Recorder(context)
    page = context.pages[0] if context.pages else context.new_page()
    recorder.attach(page)
    boots = [visit(page, recorder, site, "cold", url, notebook=site != "floor")]
    if warm and seen_output(boots[0]) is not None:
        boots.append(visit(page, recorder, site, "warm", url, notebook=site != "floor"))
    for b in boots:
        if b.hang or b.output is None:
            b.hang = b.hang or not b.error
            path = save_hang(b, hangs, index)
            late = f", printed late at {b.late_output:.1f} s" if b.late_output else ""
            print(f"  !! {site} {b.visit} boot {index}: {'HANG' if b.hang else 'FAILED'} ({b.error}{late}); "
                  f"log: {path.relative_to(ROOT)}", flush=True)
    context.close()
    remove_profile(folder)
    return boots


def seen_output(b: Boot) -> float | None:
    """When ``1`` appeared, within the hang limit or (for a hung boot) in its grace period."""
    return b.output if b.output is not None else b.late_output


def breakdown(boots: list[Boot]) -> dict[str, float | None]:
    """Median seconds (since navigation start) of each milestone of cold boots."""
    def first(b: Boot, pattern: str, end: bool = False):
        hits = [(s, e) for s, e, u, _ in b.timeline if re.search(pattern, u)]
        if not hits:
            return None
        return max(e for _, e in hits) if end else min(s for s, _ in hits)

    def snippet(b: Boot):
        for line in b.console:
            m = SNIPPET_MS.search(line)
            if m:
                return int(m.group(1)) / 1000
        return None

    rows = {
        "UI ready (first cell editable)": [b.ui for b in boots],
        "kernel connection made": [b.marks.get("kernel_connection") for b in boots],
        "pyodide.asm.wasm requested": [first(b, r"pyodide\.asm\.wasm") for b in boots],
        "pyodide.asm.wasm received": [first(b, r"pyodide\.asm\.wasm", end=True) for b in boots],
        "python_stdlib.zip received": [first(b, r"python_stdlib\.zip", end=True) for b in boots],
        "first wheel requested": [first(b, r"\.whl") for b in boots],
        "last wheel received": [first(b, r"\.whl", end=True) for b in boots],
        "kernel idle": [b.marks.get("kernel_idle") for b in boots],
        "start-up snippet (duration)": [snippet(b) for b in boots],
        "first output": [seen_output(b) for b in boots],
    }
    return {k: summary(v)["median"] for k, v in rows.items()}


def import_times(browser, floor_url: str) -> dict:
    """Seconds to import each of our packages (and %load_ext it) in bare Pyodide + IPython."""
    from build_tools import paths
    from build_tools.course import load_course

    names = list(load_course(paths.COURSE_TOML).preload)
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    try:
        page.goto(floor_url)
        page.wait_for_function("() => window.__bench && window.__bench.output !== undefined",
                               timeout=HANG_SECONDS * 1000)
        code = f"""
import json, time
out = {{}}
t = time.perf_counter(); import IPython; out["IPython (already loaded by the kernel)"] = time.perf_counter() - t
from IPython.core.interactiveshell import InteractiveShell
ip = InteractiveShell.instance()
for name in {names!r}:
    t = time.perf_counter(); __import__(name); out["import " + name] = time.perf_counter() - t
    t = time.perf_counter(); ip.run_line_magic("load_ext", name); out["%load_ext " + name] = time.perf_counter() - t
json.dumps(out)
"""
        return json.loads(page.evaluate(
            """async ([names, code]) => {
                const t = performance.now();
                await window.pyodide.loadPackage(['ipython', ...names]);
                const loaded = (performance.now() - t) / 1000;
                const out = JSON.parse(window.pyodide.runPython(code));
                out['loadPackage(ipython + ours) (download + unpack)'] = loaded;
                return JSON.stringify(out);
            }""",
            [names, code],
        ))
    finally:
        context.close()


def report(results: dict[str, list[Boot]], roots: dict[str, Path], boots: int) -> str:
    lines = []
    header = ["site", "boots", "hung>90s/never", "UI ready", "first output", "requests", "MB",
              "warm UI", "warm output", "warm MB (304s)"]
    rows, medians = [], {}
    for site, all_boots in results.items():
        cold = [b for b in all_boots if b.visit == "cold"]
        warm = [b for b in all_boots if b.visit == "warm"]
        ok = [b for b in cold if seen_output(b) is not None]
        bad = f"{sum(b.hang for b in cold)}/{sum(b.hang and b.late_output is None for b in cold)}"
        out = summary([seen_output(b) for b in cold])
        wout = summary([seen_output(b) for b in warm])
        medians[site] = (out["median"], wout["median"])
        req = summary([b.requests for b in ok])
        mb = summary([b.bytes / 1e6 for b in ok])
        wmb = summary([b.bytes / 1e6 for b in warm])
        w304 = summary([b.not_modified for b in warm])
        rows.append([
            site, str(len(cold)), bad, spread(summary([b.ui for b in cold])), spread(out),
            "—" if req["median"] is None else f"{req['median']:.0f}",
            "—" if mb["median"] is None else f"{mb['median']:.1f}",
            spread(summary([b.ui for b in warm])), spread(wout),
            "—" if wmb["median"] is None else f"{wmb['median']:.2f} ({w304['median']:.0f})",
        ])
    lines.append(table(header, rows))
    lines.append("")
    lc, st, fl = (medians.get(s, (None, None)) for s in ("litecourse", "stock", "floor"))
    lines.append(table(["ratio of median first output", "cold", "warm"], [
        ["litecourse / stock", fmt(ratio(lc[0], st[0]), "×"), fmt(ratio(lc[1], st[1]), "×")],
        ["litecourse / floor", fmt(ratio(lc[0], fl[0]), "×"), fmt(ratio(lc[1], fl[1]), "×")],
        ["stock / floor", fmt(ratio(st[0], fl[0]), "×"), fmt(ratio(st[1], fl[1]), "×")],
    ]))
    lines.append("")
    size_rows = []
    for site, root in roots.items():
        size, count = sites.size_and_files(root)
        size_rows.append([site, f"{size / 1e6:.1f} MB", str(count)])
    lines.append(table(["site", "size on disk", "files"], size_rows))
    if "stock" in roots and "litecourse" in roots:
        budget, size = sites.size_budget(roots["stock"], roots["litecourse"])
        lines.append(f"size budget (stock + the wheels stock does not ship + our extension): {budget / 1e6:.2f} MB; "
                     f"litecourse {size / 1e6:.2f} MB: {'within' if size <= budget else 'OVER'} budget by "
                     f"{abs(budget - size) / 1e6:.2f} MB")
    lines.append("")
    marks = {s: breakdown([b for b in bs if b.visit == "cold" and seen_output(b) is not None])
             for s, bs in results.items() if s != "floor"}
    names = list(next(iter(marks.values())).keys()) if marks else []
    lines.append(table(["cold boot milestone (median s since navigation)", *marks],
                       [[n, *(fmt(marks[s][n]) for s in marks)] for n in names]))
    return "\n".join(lines)


def run_benchmark(args) -> int:
    from chromium import chromium_path, launch_args
    from playwright.sync_api import sync_playwright

    roots = sites.build_all(rebuild=args.rebuild)
    if args.hang_check:
        order = ["litecourse"]
    else:
        order = [s for s in sites.SITES if s in args.sites]
    urls = {s: url_of(serve(roots[s]), s) for s in order}
    results: dict[str, list[Boot]] = {s: [] for s in order}
    rounds = args.hang_check or args.boots
    started = time.time()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=launch_args())
        for i in range(rounds):
            turn = order[i % len(order):] + order[: i % len(order)]  # rotate who goes first
            for site in turn:
                boots = one_boot(p, site, urls[site], warm=not args.no_warm and not args.hang_check, index=i,
                                 hangs=HANGS / "hang-check" if args.hang_check else HANGS)
                results[site].extend(boots)
                print(f"[{time.time() - started:6.0f}s] round {i + 1}/{rounds} {site:10s} "
                      + "  ".join(f"{b.visit}: ui {fmt(b.ui)} output {fmt(seen_output(b))}"
                                  f"{' (HANG: after 90 s)' if b.hang else ''} {b.requests} req {b.bytes / 1e6:.1f} MB"
                                  for b in boots), flush=True)
        imports = None if args.hang_check else import_times(browser, url_of(serve(roots["floor"]), "floor"))
        browser.close()
    print()
    if args.hang_check:
        cold = results["litecourse"]
        hung = [b for b in cold if b.hang]
        failed = [b for b in cold if not b.hang and b.output is None]
        late = [b.late_output for b in hung if b.late_output is not None]
        print(f"hang check: {len(hung)}/{len(cold)} litecourse cold boots hung (no output in {HANG_SECONDS} s; "
              f"{len(late)} of them printed later, at {', '.join(f'{t:.0f}' for t in late) or '-'} s), "
              f"{len(failed)} failed otherwise; first output {spread(summary([b.output for b in cold]))}")
    else:
        print(f"first output includes boots that passed the {HANG_SECONDS} s hang limit but printed within the grace "
              "period (counted in hung>90s); 'never' = no output at all")
        print(report(results, {s: roots[s] for s in order}, rounds))
        if imports:
            print()
            print(table(["in bare Pyodide (floor page)", "seconds"], [[k, f"{v:.3f}"] for k, v in imports.items()]))
    out = sites.BENCH / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({s: [{k: v for k, v in b.__dict__.items() if k not in ("console", "timeline")}
                                   for b in bs] for s, bs in results.items()}, indent=1))
    print(f"\nraw results: {out.relative_to(ROOT)}; hung boots' logs: {HANGS.relative_to(ROOT)}/")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks cold_start", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--boots", type=int, default=10, help="cold boots per site (default 10)")
    parser.add_argument("--hang-check", type=int, default=0, metavar="N",
                        help="boot litecourse N times (cold only) and count hangs")
    parser.add_argument("--sites", nargs="+", default=list(sites.SITES), choices=sites.SITES)
    parser.add_argument("--no-warm", action="store_true", help="skip the warm (second) visits")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the benchmark sites")
    return run_benchmark(parser.parse_args(argv))
