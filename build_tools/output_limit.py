"""A flood of output cannot freeze the learner's tab: kernel start-up code for every course.

The kernel-side code is ``kernel_code/output_limit.py`` (it says how: bursts gathered, a budget
per run with a notice); this module appends it to the course's start-up snippet, as
``storage_limit`` does for the write guard.
"""

from __future__ import annotations

from dataclasses import replace

from .course import Course
from .startup_statement import KERNEL_CODE, call_text, private_statement

LIMIT_PY = KERNEL_CODE / "output_limit.py"

#: What one run of a cell shows at most. A learner reads a few hundred lines at best; 5,000
#: lines (or 500 KB) leave room for every exercise's output, while the page stays quick to
#: draw (it redraws a cell's whole text as output arrives).
MAX_LINES = 5000
MAX_BYTES = 500_000


def startup_code(max_lines: int = MAX_LINES, max_bytes: int = MAX_BYTES) -> str:
    """Python for the start-up snippet that installs the output limit.

    >>> "_litecourse_limit_output(10, 2000)" in startup_code(10, 2000)
    True
    """
    return private_statement(LIMIT_PY, call_text("_litecourse_limit_output", max_lines, max_bytes),
                             "litecourse_output_limit")


def with_output_limit(course: Course) -> Course:
    """The course with the output limit appended to its start-up snippet."""
    return replace(course, startup=f"{course.startup}\n{startup_code()}".strip())
