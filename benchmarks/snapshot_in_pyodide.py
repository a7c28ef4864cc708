"""Python that ``snapshot_probe.mjs`` runs inside Pyodide (3.14) under node.

``start_kernel()`` does what the kernel's worker does after ``loadPyodide`` (import
``piplite.piplite``, then ``pyodide_kernel``) and what the start-up imports in the background
(our tools' ``WARM_UP``); ``observe()`` looks at a session — restored from a memory snapshot or
booted normally — and returns what it saw as JSON, for ``benchmarks/snapshot_probe.py`` to
compare between sessions. Nothing here decides PASS or FAIL.
"""

import importlib
import json
import sys
import time

#: our packages, as the course preloads them
OURS = ("codecharts", "codeprose", "workings")
#: the course's start-up snippet (course.toml [kernel] startup)
STARTUP = "%load_ext codecharts\n%load_ext codeprose\n%load_ext workings\n"
#: one cell per magic, as a learner would write them (content/*.ipynb)
CELLS = {
    "flowchart": "%%flowchart\nfor i in range(3):\n    if i % 2:\n        print(i)\n",
    "describe": "%%describe\ntotal = 0\nfor n in [1, 2, 3]:\n    total += n\n",
    "workings": "%%workings\nI = 1.5*mA\nR = 2.2*kOhm\nV = I*R\n",
}
#: a module of a shipped wheel that the kernel's start does not import: importing it after a
#: restore needs the wheel's files, which live outside the memory a snapshot holds
NOT_IMPORTED_AT_START = "IPython.lib.demo"
SAMPLE = "total = 0\nfor n in [1, 2, 3]:\n    if n > 1:\n        total += n\nprint(total)\n"


def start_kernel() -> str:
    """Import what the worker imports, then the tools' background imports; seconds of each (JSON)."""
    times = {}
    t = time.perf_counter()
    import piplite.piplite  # noqa: F401  (the worker's initPackageManager)

    times["import piplite"] = time.perf_counter() - t
    t = time.perf_counter()
    import pyodide_kernel  # noqa: F401  (the worker's initKernel)

    times["import pyodide_kernel"] = time.perf_counter() - t
    t = time.perf_counter()
    for tool in OURS:
        module = importlib.import_module(tool)
        for name in getattr(module, "WARM_UP", ()):
            importlib.import_module(name)
    times["warm-up imports"] = time.perf_counter() - t
    return json.dumps(times)


def _attempt(what):
    """``what()``'s value, or the error it raised as one line."""
    try:
        return {"ok": True, "value": what()}
    except BaseException as error:  # noqa: BLE001 - a probe reports every failure
        return {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}


def _run_cell(shell, cell: str):
    """Run ``cell`` in the kernel's shell and return its outputs (MIME bundles) and stdout."""
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        result = shell.run_cell(cell)
    if not result.success:
        error = result.error_in_exec or result.error_before_exec
        raise RuntimeError(f"the cell failed: {type(error).__name__}: {error}")
    return {"stdout": captured.stdout, "outputs": [dict(o.data) for o in captured.outputs]}


def _kernel_cells():
    import pyodide_kernel

    shell = pyodide_kernel.ipython_shell
    _run_cell(shell, STARTUP)
    return {name: _run_cell(shell, cell) for name, cell in CELLS.items()}


def _not_imported_module():
    was_imported = NOT_IMPORTED_AT_START in sys.modules
    importlib.import_module(NOT_IMPORTED_AT_START)
    return {"was imported": was_imported}


def _wheel_metadata():
    import importlib.metadata

    return importlib.metadata.version("ipython")


def _ours():
    import codecharts
    import workings

    # not codeprose.describe: after the warm-up import of the submodule codeprose.describe,
    # that attribute is the submodule (the package's lazy names lose to the import system)
    describe = importlib.import_module("codeprose.describe").describe
    return {
        "codecharts": str(codecharts.describe(codecharts.flowchart_from_code(SAMPLE))),
        "codeprose": describe(SAMPLE).text,
        "workings": str(workings.check_answer("5 mA", "0.005 A")),
    }


def _big_allocation():
    block = bytearray(200 * 1000 * 1000)
    block[-1] = 1
    return len(block)


def _random_generators():
    """Every ``random.Random`` in memory (``random``'s own, tempfile's names, ...), not the
    ``SystemRandom`` ones (they read ``os.urandom`` at each draw)."""
    import gc
    import random

    return [o for o in gc.get_objects()
            if isinstance(o, random.Random) and not isinstance(o, random.SystemRandom)]


def reseed() -> str:
    """The fix for a restored session: seed every ``random.Random`` anew from ``os.urandom``."""
    t = time.perf_counter()
    generators = _random_generators()
    for generator in generators:
        generator.seed()
    return json.dumps({"generators": len(generators), "seconds": time.perf_counter() - t})


def _random_draws():
    import random
    import tempfile

    first = {"random": random.random(), "tempfile name": next(tempfile._get_candidate_names())}
    fix = json.loads(reseed())
    after = {"random": random.random(), "tempfile name": next(tempfile._get_candidate_names())}
    return {"first": first, "after reseed": after, "reseed": fix}


def observe(js_now_s: float) -> str:
    """What this session shows, as JSON; ``js_now_s`` is JavaScript's ``Date.now() / 1000``."""
    random_was_imported = "random" in sys.modules  # then its seed came with the session's memory
    import os
    import secrets
    import uuid

    # first what the rest could change: the clocks, the hash seed, random's state
    seen = {
        "time lag": _attempt(lambda: time.time() - js_now_s),
        "monotonic": _attempt(time.monotonic),
        "hash": _attempt(lambda: hash("abc")),
        "set order": _attempt(lambda: list({"apple", "banana", "cherry", "damson", "elder"})),
        "random": _attempt(lambda: {**_random_draws(), "imported before": random_was_imported}),
        "os.urandom": _attempt(lambda: os.urandom(16).hex()),
        "secrets": _attempt(lambda: secrets.token_hex(16)),
        "uuid4": _attempt(lambda: str(uuid.uuid4())),
        "imports": _attempt(lambda: [importlib.import_module(m).__name__
                                     for m in ("IPython", "pyodide_kernel", *OURS)]),
        "wheel metadata": _attempt(_wheel_metadata),
        "module not imported at start": _attempt(_not_imported_module),
        "our functions": _attempt(_ours),
        "kernel cells": _attempt(_kernel_cells),
        "big allocation": _attempt(_big_allocation),
    }
    return json.dumps(seen)

