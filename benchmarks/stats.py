"""Summaries of boots: medians, ranges and ratios, as printable tables (pure functions)."""

from __future__ import annotations

import statistics


def summary(values: list[float | None]) -> dict:
    """Median, min and max of the values that exist, and how many are missing.

    >>> summary([3.0, None, 1.0, 2.0])
    {'median': 2.0, 'min': 1.0, 'max': 3.0, 'n': 3, 'missing': 1}
    """
    got = [v for v in values if v is not None]
    if not got:
        return {"median": None, "min": None, "max": None, "n": 0, "missing": len(values)}
    return {"median": statistics.median(got), "min": min(got), "max": max(got),
            "n": len(got), "missing": len(values) - len(got)}


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b`` or None when either is unknown.

    >>> ratio(6.0, 10.0), ratio(None, 2.0)
    (0.6, None)
    """
    return None if a is None or not b else a / b


def fmt(v: float | None, unit: str = "s") -> str:
    """A number for the table (``—`` when unknown).

    >>> fmt(1.234), fmt(None), fmt(0.5, "×")
    ('1.23s', '—', '0.50×')
    """
    return "—" if v is None else f"{v:.2f}{unit}"


def spread(s: dict) -> str:
    """``median (min–max)`` of a summary.

    >>> spread({"median": 2.0, "min": 1.0, "max": 3.0})
    '2.00s (1.00–3.00)'
    """
    if s["median"] is None:
        return "—"
    return f"{fmt(s['median'])} ({s['min']:.2f}–{s['max']:.2f})"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with aligned columns.

    >>> print(table(["a", "bb"], [["1", "2"]]))
    a  bb
    -  --
    1  2
    """
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])
