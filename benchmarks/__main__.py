"""``python -m benchmarks cold_start [--boots N] [--hang-check N]``, ``webkit_reloads [--reloads N]``,
``snapshot_probe [--rounds N]``, ``new_notebook [--rounds N]``, ``ui_ready [--rounds N]``,
``repeat TEST [--times N]`` (one test, again and again: a flaky one is hunted here, not in every run).

See docs/performance.md.
"""

from __future__ import annotations

import sys

BENCHMARKS = {
    "cold_start": "benchmarks.cold_start",
    "webkit_reloads": "benchmarks.webkit_reloads",
    "snapshot_probe": "benchmarks.snapshot_probe",
    "new_notebook": "benchmarks.new_notebook",
    "ui_ready": "benchmarks.ui_ready",
    "repeat": "benchmarks.repeat",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print(f"usage: python -m benchmarks {{{','.join(BENCHMARKS)}}} [options]", file=sys.stderr)
        return 2
    import importlib

    return importlib.import_module(BENCHMARKS[argv[0]]).main(argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
