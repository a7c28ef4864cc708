"""How much `import workings` costs at kernel start, and what the first use costs.

Run: python packages/workings/bench/import_cost.py [runs]

Each measurement is a fresh interpreter.  `import workings` is read from
`python -X importtime` (the module's cumulative import time, which excludes
the interpreter's own start-up); first use is the wall time of the first
%%workings-style render, which imports handcalcs and forallpeople.
"""

import statistics
import subprocess
import sys

FIRST_USE = """
import time, workings
start = time.perf_counter()
workings.render_workings("I = 1.5*mA\\nR = 2.2*kOhm\\nV = I*R\\n")
print(time.perf_counter() - start)
"""


def import_time_us() -> int:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import workings"],
        capture_output=True, text=True, check=True,
    )
    for line in result.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "workings":
            return int(parts[1])
    raise RuntimeError("no import time line for workings:\n" + result.stderr)


def first_use_s() -> float:
    result = subprocess.run([sys.executable, "-c", FIRST_USE], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def main(runs: int) -> None:
    imports = [import_time_us() for _ in range(runs)]
    first = [first_use_s() for _ in range(max(3, runs // 4))]
    print(f"python {sys.version.split()[0]}, {runs} fresh interpreters")
    print(f"import workings: median {statistics.median(imports) / 1000:.2f} ms, "
          f"min {min(imports) / 1000:.2f} ms (python -X importtime, cumulative)")
    print(f"first render (loads handcalcs + forallpeople): median {statistics.median(first) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
