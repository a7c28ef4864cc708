"""Issue 16 item 3: does a Pyodide memory snapshot of the booted kernel restore correctly?

    python -m benchmarks snapshot_probe [--rounds 3] [--site lite_site/_output]

Under node, with the site's own Pyodide runtime, lock and wheels (``./run build`` first), one
fresh node process per session (``snapshot_probe.mjs``): a snapshot is made of Pyodide with the
kernel's packages loaded and imported as the worker does (plus our tools' background imports);
then bare ``loadPyodide()`` (the floor), normal boots of the same kernel, and restores from the
snapshot alternate for ``--rounds`` rounds, and four kinds of restore are tried once each
(Pyodide's API as it is, then each fix). What every session saw inside Python
(``snapshot_in_pyodide.py``) is compared between sessions: the table of times, then PASS/FAIL
per check. Sessions' raw results go to ``build/snapshot-probe/sessions.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .stats import fmt, spread, summary, table

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "lite_site" / "_output"
WORK = ROOT / "build" / "snapshot-probe"
SESSION_SCRIPT = Path(__file__).with_name("snapshot_probe.mjs")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: the restore with every fix (heap grown, files written back, loadedPackages re-joined); the
#: others run once each
FIXED = "fixed"
ONCE = ("as-is", "grown", "fixed+new-hash-secret")
PREFIX = "PROBE "


class ProbeError(Exception):
    """A session printed no result line (node failed before it could say why)."""


@dataclass
class Check:
    """One promised behaviour of a restored kernel and whether the sessions showed it."""

    name: str
    verdict: str  # PASS, FAIL or n/a (too few sessions to tell)
    detail: str = ""


def parse_session(output: str) -> dict:
    """The result a session printed among Pyodide's own messages.

    >>> parse_session('Loading micropip\\nPROBE {"mode": "floor", "boot": 1.5}\\n')
    {'mode': 'floor', 'boot': 1.5}
    """
    for line in output.splitlines():
        if line.startswith(PREFIX):
            return json.loads(line[len(PREFIX):])
    tail = "\n".join(output.strip().splitlines()[-5:])
    raise ProbeError(f"the session printed no {PREFIX.strip()} line; its last lines:\n{tail}")


def site_packages(site: Path) -> list[str]:
    """``loadPyodideOptions.packages`` of the built site: what the kernel loads at start."""
    config = json.loads((site / "jupyter-lite.json").read_text())
    return config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]["loadPyodideOptions"]["packages"]


def run_session(mode: str, pyodide_dir: Path, work: Path, arg: str = "") -> dict:
    """One session in a fresh node process; its result."""
    command = ["node", str(SESSION_SCRIPT), mode, str(pyodide_dir), str(work), *([arg] if arg else [])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return parse_session(done.stdout + done.stderr)


def gzipped_size(path: Path) -> int:
    """Bytes of ``path`` gzipped (level 6, as a static server would send it)."""
    size = 0

    class Counter:
        def write(self, data):
            nonlocal size
            size += len(data)

    with open(path, "rb") as src, gzip.GzipFile(fileobj=Counter(), mode="wb", compresslevel=6) as out:
        shutil.copyfileobj(src, out, 1 << 20)
    return size


# ---- judging what the sessions saw (pure functions) -------------------------------------------

def _entry(session: dict, key: str) -> dict:
    return session.get("observed", {}).get(key) or {"ok": False, "error": session.get("error", "not observed")}


def _error_of(sessions: list[dict], key: str) -> str:
    for s in sessions:
        entry = _entry(s, key)
        if not entry["ok"]:
            return entry["error"]
    return ""


def _all_ok(sessions: list[dict], key: str) -> bool:
    return bool(sessions) and all(_entry(s, key)["ok"] for s in sessions)


def _values(sessions: list[dict], key: str, pick=lambda v: v) -> list:
    return [pick(_entry(s, key)["value"]) for s in sessions if _entry(s, key)["ok"]]


def _distinct(values: list) -> bool:
    return len({json.dumps(v, sort_keys=True) for v in values}) == len(values)


def differs(name: str, sessions: list[dict], key: str, pick=lambda v: v, every: bool = True) -> Check:
    """PASS when every session saw its own value of ``key`` (needs two sessions or more); with
    ``every=False``, when not all sessions saw the same (for values with few possibilities).

    >>> s = [{"observed": {"hash": {"ok": True, "value": v}}} for v in (7, 7)]
    >>> differs("hash", s, "hash").verdict
    'FAIL'
    >>> s = [{"observed": {"hash": {"ok": True, "value": v}}} for v in (7, 8)]
    >>> differs("hash", s, "hash").verdict
    'PASS'
    """
    if not _all_ok(sessions, key):
        return Check(name, "FAIL", _error_of(sessions, key))
    values = _values(sessions, key, pick)
    if len(values) < 2:
        return Check(name, "n/a", "needs two sessions")
    shown = ", ".join(str(v)[:24] for v in values)
    varied = len({json.dumps(v, sort_keys=True) for v in values}) > 1
    return Check(name, "PASS" if (_distinct(values) if every else varied) else "FAIL", shown)


def same_as_normal(name: str, restores: list[dict], normals: list[dict], key: str) -> Check:
    """PASS when every restore saw what every normal boot saw for ``key``.

    >>> n = [{"observed": {"k": {"ok": True, "value": "x"}}}]
    >>> same_as_normal("k", [{"observed": {"k": {"ok": True, "value": "y"}}}], n, "k").verdict
    'FAIL'
    """
    if not _all_ok(normals, key):
        return Check(name, "n/a", "normal boot failed: " + _error_of(normals, key))
    if not _all_ok(restores, key):
        return Check(name, "FAIL", _error_of(restores, key))
    expected = {json.dumps(v, sort_keys=True) for v in _values(normals, key)}
    if len(expected) != 1:
        return Check(name, "n/a", "normal boots disagree among themselves")
    differing = [v for v in _values(restores, key) if json.dumps(v, sort_keys=True) not in expected]
    if differing:
        return Check(name, "FAIL", f"{len(differing)} of {len(restores)} restores differ from a normal boot")
    return Check(name, "PASS", f"{len(restores)} restores = {len(normals)} normal boots")


def works(name: str, sessions: list[dict], key: str, also=lambda session: True, detail=lambda s: "") -> Check:
    """PASS when ``key`` worked in every session (and ``also`` holds for each).

    >>> works("x", [{"observed": {"x": {"ok": False, "error": "boom"}}}], "x")
    Check(name='x', verdict='FAIL', detail='boom')
    """
    if not _all_ok(sessions, key):
        return Check(name, "FAIL", _error_of(sessions, key))
    failing = [s for s in sessions if not also(s)]
    shown = detail(sessions[0]) if sessions else ""
    return Check(name, "FAIL" if failing else "PASS", shown)


def starts(name: str, sessions: list[dict]) -> Check:
    """PASS when every session got as far as Python (no error before ``observe``)."""
    if not sessions:
        return Check(name, "n/a", "not run")
    failed = [s for s in sessions if s.get("error") or s.get("observed", {}).get("error")]
    if failed:
        first = failed[0].get("error") or failed[0]["observed"]["error"]
        return Check(name, "FAIL", f"{len(failed)} of {len(sessions)}: {first.splitlines()[0][:160]}")
    return Check(name, "PASS", f"{len(sessions)} of {len(sessions)}")


def judge(made: dict, normals: list[dict], restores: dict[str, list[dict]]) -> list[Check]:
    """Every check of the probe, in the order of the report."""
    fixed = restores.get(FIXED, [])
    attempts = made.get("attempts", {})
    random_first = lambda v: v["first"]["random"]  # noqa: E731
    random_after = lambda v: v["after reseed"]["random"]  # noqa: E731
    name_first = lambda v: v["first"]["tempfile name"]  # noqa: E731
    name_after = lambda v: v["after reseed"]["tempfile name"]  # noqa: E731
    monotonic_at = made.get("atSnapshot", {}).get("monotonic")
    return [
        Check("snapshot: makeMemorySnapshot() as it is", "PASS" if attempts.get("plain") == "ok" else "FAIL",
              attempts.get("plain", made.get("error", ""))),
        Check("snapshot: with a serializer naming Pyodide's API objects",
              "PASS" if attempts.get("API names") == "ok" else "FAIL", attempts.get("API names", "")),
        starts("restore: loadPyodide({_loadSnapshot}) as it is", restores.get("as-is", [])),
        starts("restore: wasm memory grown to the snapshot's heap first", restores.get("grown", [])),
        works("restore without files: a module the start did not import", restores.get("grown", []),
              "module not imported at start"),
        starts("restore with files and loadedPackages re-joined: every restore starts", fixed),
        works("kernel and our packages import", fixed, "imports"),
        works("a module the start did not import imports", fixed, "module not imported at start"),
        same_as_normal("wheel metadata as in a normal boot", fixed, normals, "wheel metadata"),
        same_as_normal("our packages' functions: a normal boot's results", fixed, normals, "our functions"),
        same_as_normal("%%flowchart, %%describe, %%workings: a normal boot's outputs", fixed, normals,
                       "kernel cells"),
        works("loadPackage knows the snapshot's packages (loads nothing again)", fixed,
              "loadPackage of a package in the snapshot",
              also=lambda s: "No new packages" in _entry(s, "loadPackage of a package in the snapshot")["value"],
              detail=lambda s: f"{s['loadedPackages']} packages known after restore"),
        works("a package not in the snapshot loads (pint)", fixed, "package loaded after restore"),
        works("200 MB allocation; the heap grows past the snapshot's", fixed, "big allocation",
              also=lambda s: s["heapAfterUse"] > s["heapBytes"],
              detail=lambda s: f"heap {s['heapBytes'] / 1e6:.0f} → {s['heapAfterUse'] / 1e6:.0f} MB"),
        works("time.time() is current (within 1 s)", fixed, "time lag",
              also=lambda s: abs(_entry(s, "time lag")["value"]) < 1,
              detail=lambda s: f"lag {_entry(s, 'time lag')['value']:.3f} s"),
        works("time.monotonic() does not go back from the snapshot's", fixed, "monotonic",
              also=lambda s: monotonic_at is not None and _entry(s, "monotonic")["value"] >= monotonic_at,
              detail=lambda s: f"{monotonic_at:.2f} s at snapshot, {_entry(s, 'monotonic')['value']:.2f} s "
                               "after restore" if monotonic_at is not None else ""),
        differs("os.urandom differs between restores", fixed, "os.urandom"),
        differs("secrets.token_hex differs between restores", fixed, "secrets"),
        differs("uuid.uuid4 differs between restores", fixed, "uuid4"),
        differs("random.random() differs between restores, as restored", fixed, "random", random_first),
        differs("tempfile names differ between restores, as restored", fixed, "random", name_first),
        differs("random.random() differs after reseeding every random.Random", fixed, "random", random_after),
        differs("tempfile names differ after reseeding", fixed, "random", name_after),
        differs("hash('abc') differs between normal boots (the baseline)", normals, "hash"),
        differs("hash('abc') differs between restores (string-hash seed)", fixed, "hash"),
        differs("a set of five words: its order is not the same in every normal boot", normals, "set order",
                every=False),
        differs("a set of five words: its order is not the same in every restore", fixed, "set order", every=False),
        starts("a new string-hash secret written into the snapshot: Python starts",
               restores.get("fixed+new-hash-secret", [])),
    ]


def timings(made: dict, floors: list[dict], normals: list[dict], fixed: list[dict]) -> str:
    """The table of times (seconds, median (min–max) of the sessions)."""
    def row(label, sessions, get):
        values = [get(s) for s in sessions if not s.get("error")]
        return [label, str(len(values)), spread(summary(values))]

    kernel_time = lambda s: s["kernel"]["import piplite"] + s["kernel"]["import pyodide_kernel"]  # noqa: E731
    rows = [
        row("floor: loadPyodide()", floors, lambda s: s["boot"]),
        row("normal: loadPyodide({packages})", normals, lambda s: s["boot"]),
        row("normal: import piplite.piplite, pyodide_kernel", normals, kernel_time),
        row("normal: total to a kernel (what a restore replaces)", normals,
            lambda s: s["boot"] + kernel_time(s)),
        row("normal: our tools' background imports (after idle)", normals, lambda s: s["kernel"]["warm-up imports"]),
        row("make: makeMemorySnapshot()", [made], lambda s: s["snapshotTime"]),
        row("restore: read snapshot + file image from disk", fixed, lambda s: s["read"]),
        row("restore: loadPyodide({_loadSnapshot}) incl. files", fixed, lambda s: s["load"]),
        row("restore: of which writing the files (fsInit)", fixed, lambda s: s["filesTime"]),
        row("restore: total to a kernel", fixed, lambda s: s["total"]),
        row("restore: reseeding every random.Random", fixed,
            lambda s: _entry(s, "random")["value"]["reseed"]["seconds"] if _entry(s, "random")["ok"] else None),
    ]
    return table(["session", "n", "seconds: median (min–max)"], rows)


def saving(normals: list[dict], fixed: list[dict]) -> str:
    """One line: what a restore saves against a normal start of the kernel, in this run."""
    normal = summary([s["boot"] + s["kernel"]["import piplite"] + s["kernel"]["import pyodide_kernel"]
                      for s in normals if not s.get("error")])["median"]
    restored = summary([s["total"] for s in fixed if not s.get("error")])["median"]
    if normal is None or restored is None:
        return "saving: — (no complete normal boot or restore)"
    return (f"saving per start (medians): {fmt(normal)} normal − {fmt(restored)} restored = "
            f"{fmt(normal - restored)} ({fmt(restored / normal, '×')} of the normal start)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks snapshot_probe", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of floor, normal boot and restore (default 3)")
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default lite_site/_output)")
    parser.add_argument("--work", type=Path, default=WORK, help="the snapshot's folder (default build/snapshot-probe)")
    args = parser.parse_args(argv)
    pyodide_dir = (args.site / "static" / "pyodide").resolve()
    if not (pyodide_dir / "pyodide.mjs").exists():
        print(f"no Pyodide in {pyodide_dir}: run ./run build first", file=sys.stderr)
        return 2
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    packages = ",".join(site_packages(args.site))

    print(f"making the snapshot (packages: {packages})", flush=True)
    made = run_session("make", pyodide_dir, work, packages)
    if made.get("error") or "snapshotBytes" not in made:
        print("no snapshot could be made:", json.dumps(made, indent=1))
        return 1
    floors, normals, restores = [], [], {FIXED: []}
    for i in range(args.rounds):
        print(f"round {i + 1}/{args.rounds}: floor, normal boot, restore", flush=True)
        floors.append(run_session("floor", pyodide_dir, work))
        normals.append(run_session("normal", pyodide_dir, work, packages))
        restores[FIXED].append(run_session("restore", pyodide_dir, work, FIXED))
    for variant in ONCE:
        print(f"restore: {variant}", flush=True)
        restores[variant] = [run_session("restore", pyodide_dir, work, variant)]
    (work / "sessions.json").write_text(json.dumps(
        {"make": made, "floor": floors, "normal": normals, "restore": restores}, indent=1))

    print()
    print(timings(made, floors, normals, restores[FIXED]))
    print(saving(normals, restores[FIXED]))
    print()
    print(f"snapshot: heap {made['heap'] / 1e6:.1f} MB, file {made['snapshotBytes'] / 1e6:.1f} MB "
          f"({gzipped_size(work / 'snapshot.bin') / 1e6:.1f} MB gzipped), made in {fmt(made['snapshotTime'])}; "
          f"file image {made['imageBytes'] / 1e6:.1f} MB, {made['imageFiles']} files "
          f"({gzipped_size(work / 'fs-image.bin') / 1e6:.1f} MB gzipped); "
          f"loadedPackages emptied before the snapshot: {made['emptiedLoadedPackages']}")
    print()
    checks = judge(made, normals, restores)
    print(table(["result", "check", "detail"], [[c.verdict, c.name, c.detail[:110]] for c in checks]))
    failed = sum(c.verdict == "FAIL" for c in checks)
    print(f"\n{len(checks) - failed} of {len(checks)} checks passed; raw results: {work / 'sessions.json'}")
    return 0
