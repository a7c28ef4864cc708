"""Draw every module and function of the standard library: no crash, exact round trips.

Run: python packages/codecharts/bench/stdlib_robustness.py [--files N]

Real code is the widest test there is: every chart must survive
``parse_dsl(emit_dsl(chart)) == chart`` and be described; bad input may only
raise a learner-facing CodechartsError. Prints counts, time and any crash.
"""

from __future__ import annotations

import argparse
import ast
import os
import sysconfig
import time
import traceback

from codecharts.description import describe
from codecharts.dsl import emit_dsl, parse_dsl
from codecharts.errors import CodechartsError
from codecharts.from_code import flowchart_from_code
from codecharts.source import list_functions


def stdlib_files(limit: int | None) -> list[str]:
    root = sysconfig.get_paths()["stdlib"]
    found = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(root)
        for name in names
        if name.endswith(".py") and "site-packages" not in folder and "test" not in folder
    )
    return found[:limit] if limit else found


def check(paths: list[str], functions_per_file: int = 30) -> dict:
    counts = {"files": 0, "charts": 0, "learner_errors": 0, "crashes": 0}
    crashes: list[str] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                code = handle.read()
            tree = ast.parse(code)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        counts["files"] += 1
        names = [None] + [info.name for info in list_functions(tree)][:functions_per_file]
        for name in names:
            try:
                chart = flowchart_from_code(code, function=name, max_boxes=None)
                if parse_dsl(emit_dsl(chart)) != chart:
                    raise AssertionError("round trip changed the chart")
                describe(chart)
                counts["charts"] += 1
            except CodechartsError:
                counts["learner_errors"] += 1
            except Exception:  # noqa: BLE001 - a crash is what this bench looks for
                counts["crashes"] += 1
                crashes.append(f"{path} {name or '(whole file)'}\n{traceback.format_exc(limit=4)}")
    counts["crash_reports"] = crashes
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=None, help="only the first N files")
    limit = parser.parse_args().files
    start = time.perf_counter()
    counts = check(stdlib_files(limit))
    seconds = time.perf_counter() - start
    print(
        f"{counts['files']} files, {counts['charts']} charts, {counts['learner_errors']} "
        f"learner-facing errors, {counts['crashes']} crashes in {seconds:.1f} s"
    )
    for report in counts["crash_reports"]:
        print(report)


if __name__ == "__main__":
    main()
