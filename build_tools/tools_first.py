"""Our tools before the learner's files: the kernel start-up imports the course's packages first.

The Python that runs in the kernel is ``kernel_code/our_tools_first.py``; this module adds it to
the start-up snippet, run in a namespace of its own so it leaves no names behind.
"""

from __future__ import annotations

from dataclasses import replace

from .course import Course
from .names import canonical
from .startup_statement import KERNEL_CODE, call_text, private_statement

SOURCE = KERNEL_CODE / "our_tools_first.py"


#: top-level names that some wheels ship by mistake (pyflowchart's ``dist`` and ``docs``): not
#: libraries our tools import, and too common as a learner's own folder names to take over
NOT_LIBRARIES = frozenset({"dist", "docs", "doc", "test", "tests", "examples", "build", "scripts"})


def tool_libraries(tools, lock_packages: dict) -> list[str]:
    """The top-level modules of every package the ``tools`` depend on, in the site's lock
    (``depends`` followed, ``imports`` collected), less the tools themselves.

    >>> lock = {"codecharts": {"depends": ["pyflowchart"], "imports": ["codecharts"]},
    ...         "pyflowchart": {"depends": ["chardet"], "imports": ["dist", "docs", "pyflowchart"]},
    ...         "chardet": {"depends": [], "imports": ["chardet"]}}
    >>> tool_libraries(["codecharts"], lock)
    ['chardet', 'pyflowchart']
    """
    seen: set[str] = set()
    pending = [canonical(t) for t in tools]
    modules: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen or name not in lock_packages:
            continue
        seen.add(name)
        entry = lock_packages[name]
        pending.extend(canonical(d) for d in entry.get("depends", ()))
        if name not in {canonical(t) for t in tools}:
            modules.update(entry.get("imports", ()))
    return sorted(modules - NOT_LIBRARIES - set(tools))


def startup_code(tools: tuple[str, ...] | list[str], libraries: tuple[str, ...] | list[str] = ()) -> str:
    """One Python statement that imports ``tools`` with the learner's folders off ``sys.path``
    (and keeps ``libraries``, the modules they import later, to the installed packages too),
    and schedules their heavy libraries (each tool's ``WARM_UP``) for once the kernel is idle.

    >>> code = startup_code(("codecharts",), ("pyflowchart",))
    >>> code.startswith("exec(compile(") and 'import_our_tools(["codecharts"], ["pyflowchart"])' in code
    True
    >>> 'warm_up_later(["codecharts"])' in code
    True
    """
    calls = (f'{call_text("import_our_tools", list(tools), list(libraries))}\n'
             f'{call_text("warm_up_later", list(tools))}')
    return private_statement(SOURCE, calls, "litecourse_tools_first")


def with_our_tools_first(course: Course, tools: tuple[str, ...] | list[str], lock_packages: dict | None = None
                         ) -> Course:
    """The course whose start-up snippet first imports ``tools``, our preloaded packages, and
    keeps their libraries (from ``lock_packages``, the site's lock) installed-first (no tools:
    unchanged)."""
    if not tools:
        return course
    libraries = tool_libraries(tools, lock_packages or {})
    return replace(course, startup=f"{startup_code(tools, libraries)}\n{course.startup}".strip())
