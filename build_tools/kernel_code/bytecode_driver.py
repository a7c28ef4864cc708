"""Run inside Pyodide under node by :func:`build_tools.bytecode.compile_in_pyodide`.

Installs the source wheels and Pyodide's own packages the course ships, starts the kernel's
Python side as the browser does (``piplite``, ``pyodide_kernel``, the course's start-up snippet,
one cell, the tools' background imports), then byte-compiles every wheel and the standard
library for what that start imported. Its job comes from ``/work/job.json``, its counts go to
``/work/report.json``; the value of the last line is the exit code (``run_python.mjs``).
"""

import importlib.util
import json
import os
import sys
import zipfile
from pathlib import Path

JOB = Path("/work/job.json")
REPORT = Path("/work/report.json")
#: where compile_in_pyodide mounts the build_tools folder
BYTECODE_MODULE = "/build_tools/bytecode.py"


def load_bytecode():
    """``build_tools/bytecode.py`` as a module (it uses the standard library only)."""
    spec = importlib.util.spec_from_file_location("bytecode", BYTECODE_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def warm_up(tools: list[str]) -> None:
    """Import what the start-up imports in the background once the kernel is idle (each
    tool's ``WARM_UP``), so that ships compiled too; a module that fails is skipped."""
    for tool in tools:
        for name in getattr(sys.modules.get(tool), "WARM_UP", ()):
            try:
                importlib.import_module(name)
            except Exception as error:  # noqa: BLE001 - the tool reports it when used
                print(f"warm-up import {name} failed: {error}")


def start_kernel(bytecode, startup: str, tools: list[str]):
    """Import what the kernel's worker imports, run the start-up snippet and one cell, and
    import the tools' background modules; returns the snippet's failure (one line) or None."""
    try:
        import piplite.piplite  # noqa: F401  (imported for the modules it loads)
        import pyodide_kernel

        ran = pyodide_kernel.ipython_shell.run_cell(startup)
        failure = bytecode.startup_failure(ran.error_before_exec or ran.error_in_exec, startup)
        pyodide_kernel.ipython_shell.run_cell("print(1)")
        warm_up(tools)
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__  # pyodide_kernel replaced them
    return failure


def main() -> int:
    """Do the job; 0 when the report is written."""
    bytecode = load_bytecode()
    job = json.loads(JOB.read_text())
    if sys.version_info[:2] != tuple(bytecode.KERNEL_PYTHON):
        print("wrong Python for the kernel:", sys.version)
        return 1
    bytecode.install_wheels([Path(w["src"]) for w in job["wheels"]] + [Path(p) for p in job.get("installed", [])])
    ours = [w["project"].replace("-", "_") for w in job["wheels"] if w["keep_source"]]
    failure = start_kernel(bytecode, job["startup"], ours)
    if failure:  # the build stops with it: compiling everything first would only make it wait
        REPORT.write_text(json.dumps({"startup failure": failure}))
        return 0
    boot = bytecode.boot_files()
    report = {"python_stdlib.zip": bytecode.compile_stdlib(
        Path(job["stdlib"]["src"]), Path(job["stdlib"]["dest"]), bytecode.boot_files(bytecode.STDLIB_ZIP))}
    for w in job["wheels"]:
        only = None if w["keep_source"] else boot
        drop = bytecode.NEVER_READ.get(w["project"], ())
        if w["project"] == "jedi":
            names = zipfile.ZipFile(w["src"]).namelist()
            shipped = {n.removesuffix(".py") for n in os.listdir(bytecode.SITE_PACKAGES)}
            drop += bytecode.unshipped_library_stubs(names, shipped)
        report[w["name"]] = bytecode.compile_wheel(Path(w["src"]), Path(w["dest"]), w["keep_source"], only, drop)
    report["boot modules"] = len(boot)
    report["startup failure"] = failure
    REPORT.write_text(json.dumps(report))
    return 0


# the value of this last line is the exit code (run_python.mjs); importing the file runs nothing
main() if __name__ == "__main__" else None
