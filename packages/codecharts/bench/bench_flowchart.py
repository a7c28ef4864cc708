"""How long code -> model + flowchart.js script + long description takes.

Run: python packages/codecharts/bench/bench_flowchart.py [--repeat N]

Prints the best of N runs (CPython here; the Pyodide number is measured in the
browser tests) for:
  * a generated 150-line function (loops, decisions, prints, inputs, returns);
  * a generated 2,000-line script: first as %%flowchart sees it (refused as too
    large, with a message), then drawn in full with the box limit lifted.
"""

from __future__ import annotations

import argparse
import platform
import time

from codecharts.description import describe
from codecharts.dsl import emit_dsl
from codecharts.errors import TooLargeError
from codecharts.from_code import MAX_BOXES, flowchart_from_code


def function_150_lines() -> str:
    lines = ["def process(items, limit):", "    total = 0", "    count = 0"]
    block = 0
    while len(lines) < 150:
        lines += [
            f"    for item{block} in items:",
            f"        if item{block} > limit:",
            f"            print('big', item{block})",
            f"            total += item{block}",
            "        else:",
            f"            count += {block}",
            f"    answer{block} = input('more? ')",
            f"    while total > {block * 10}:",
            "        total -= 1",
            "    print(total, count)",
        ]
        block += 1
    lines = lines[:149] + ["    return total"]
    return "\n".join(lines) + "\n"


def script_2000_lines() -> str:
    lines = []
    for i in range(500):
        lines += [f"x{i} = {i}", f"if x{i} % 3 == 0:", f"    print(x{i})", f"y{i} = input('{i}? ')"]
    return "\n".join(lines) + "\n"


def best_time(job, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def build(code: str, **options) -> tuple[int, int, int]:
    chart = flowchart_from_code(code, **options)
    dsl = emit_dsl(chart)
    text = describe(chart)
    return len(chart.nodes), len(dsl), len(text)


def refuse(code: str) -> str:
    try:
        flowchart_from_code(code)
    except TooLargeError as error:
        return str(error)
    raise AssertionError("expected the 2,000-line script to be refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    function = function_150_lines()
    script = script_2000_lines()
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), best of {repeat}")

    boxes, dsl_chars, text_chars = build(function, function="process")
    seconds = best_time(lambda: build(function, function="process"), repeat)
    print(f"150-line function:   {seconds * 1000:8.1f} ms  ({boxes} boxes, {dsl_chars:,} chars of script, "
          f"{text_chars:,} chars of description)")

    message = refuse(script)
    seconds = best_time(lambda: refuse(script), repeat)
    print(f"2,000-line script, refused (limit {MAX_BOXES} boxes): {seconds * 1000:8.1f} ms")
    print(f"    message: {message}")

    boxes, dsl_chars, text_chars = build(script, max_boxes=None)
    seconds = best_time(lambda: build(script, max_boxes=None), repeat)
    print(f"2,000-line script, drawn in full: {seconds * 1000:8.1f} ms  ({boxes:,} boxes, "
          f"{dsl_chars:,} chars of script, {text_chars:,} chars of description)")


if __name__ == "__main__":
    main()
