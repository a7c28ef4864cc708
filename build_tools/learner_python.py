"""The kernel shows a learner's mistakes as IPython on CPython does: kernel start-up code for
every course.

The kernel-side code is ``kernel_code/learner_python.py`` (it says what and how: a warning once
per run of a cell, ``SyntaxError: incomplete input`` for an unfinished statement); this module
appends it to the course's start-up snippet, as ``output_limit`` does for the output limit.
"""

from __future__ import annotations

from dataclasses import replace

from .course import Course
from .startup_statement import KERNEL_CODE, private_statement

SOURCE = KERNEL_CODE / "learner_python.py"


def startup_code() -> str:
    """Python for the start-up snippet that installs it, in a namespace of its own.

    >>> code = startup_code()
    >>> code.startswith("exec(compile(") and "_litecourse_learner_python()" in code
    True
    """
    return private_statement(SOURCE, "_litecourse_learner_python()", "litecourse_learner_python")


def with_learner_python(course: Course) -> Course:
    """The course with it appended to its start-up snippet."""
    return replace(course, startup=f"{course.startup}\n{startup_code()}".strip())
