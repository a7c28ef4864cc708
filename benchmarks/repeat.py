"""``python -m benchmarks repeat TEST [--times N]``: run one test (a pytest node id) N times and
print how often it passed, and its times.

The suite runs each scenario once; a scenario that once failed now and then (the page left
after a new build was found, a WebKit reload) is hunted here, not by repeating it in every run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks repeat")
    parser.add_argument("test", help="a pytest node id, e.g. tests/browser/test_site.py::test_x")
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args(argv)
    times, failed = [], []
    for run in range(1, args.times + 1):
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", args.test],
                                cwd=ROOT, capture_output=True, text=True)
        times.append(time.monotonic() - start)
        if result.returncode != 0:
            failed.append(run)
            print(f"run {run}: FAILED\n{result.stdout[-2000:]}", flush=True)
        else:
            print(f"run {run}: passed in {times[-1]:.1f} s", flush=True)
    print(f"\n{args.test}\npassed {args.times - len(failed)} of {args.times}"
          f"{' (failed: runs ' + ', '.join(map(str, failed)) + ')' if failed else ''}; "
          f"median {statistics.median(times):.1f} s, slowest {max(times):.1f} s")
    return 1 if failed else 0
