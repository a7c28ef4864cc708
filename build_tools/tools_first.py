"""Our tools before the learner's files: the kernel start-up imports the course's packages first.

The Python that runs in the kernel is ``kernel_code/our_tools_first.py``; this module adds it to
the start-up snippet, run in a namespace of its own so it leaves no names behind.
"""

from __future__ import annotations

from dataclasses import replace

from .course import Course
from .startup_statement import KERNEL_CODE, call_text, private_statement

SOURCE = KERNEL_CODE / "our_tools_first.py"


def startup_code(tools: tuple[str, ...] | list[str]) -> str:
    """One Python statement that imports ``tools`` with the learner's folders off ``sys.path``,
    and schedules their heavy libraries (each tool's ``WARM_UP``) for once the kernel is idle.

    >>> code = startup_code(("codecharts",))
    >>> code.startswith("exec(compile(") and 'import_our_tools(["codecharts"])' in code
    True
    >>> 'warm_up_later(["codecharts"])' in code
    True
    """
    calls = f'{call_text("import_our_tools", list(tools))}\n{call_text("warm_up_later", list(tools))}'
    return private_statement(SOURCE, calls, "litecourse_tools_first")


def with_our_tools_first(course: Course, tools: tuple[str, ...] | list[str]) -> Course:
    """The course whose start-up snippet first imports ``tools``, our preloaded packages (none: unchanged)."""
    if not tools:
        return course
    return replace(course, startup=f"{startup_code(tools)}\n{course.startup}".strip())
