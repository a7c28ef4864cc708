"""Files written from Python cannot outgrow the browser: kernel start-up code for every course.

The kernel-side code lives in ``kernel_code/storage_guard.py`` (Python, run in Pyodide) and
``kernel_code/write_guard.js`` (the filesystem hook it installs in the kernel's worker). This
module turns them into start-up code appended to the course's snippet, as
``offline_pip.with_offline_pip`` does for micropip: the Python runs in a namespace of its own,
so the learner's namespace stays clean.
"""

from __future__ import annotations

from dataclasses import replace

from .course import Course
from .startup_statement import KERNEL_CODE, call_text, private_statement

GUARD_PY = KERNEL_CODE / "storage_guard.py"
GUARD_JS = KERNEL_CODE / "write_guard.js"

#: Largest file Python may write to the course's storage. DriveFS sends a whole file as one
#: string through the service worker to the page on close (binary as base64); at 200 MB the
#: copies made on the way crash the tab. 50 MB saves in seconds and leaves room for the copies
#: on a low-end laptop, and is far beyond what course exercises write.
FILE_CAP_BYTES = 50_000_000


def startup_code(file_cap: int = FILE_CAP_BYTES) -> str:
    """Python for the start-up snippet that installs the write guard.

    >>> code = startup_code(1000)
    >>> "_litecourse_storage_guard(" in code and ", 1000)" in code
    True
    """
    js = GUARD_JS.read_text(encoding="utf-8")
    call = call_text("_litecourse_storage_guard", js, int(file_cap))
    return private_statement(GUARD_PY, call, "litecourse_storage_guard")


def with_storage_limit(course: Course, file_cap: int = FILE_CAP_BYTES) -> Course:
    """The course with the write guard appended to its start-up snippet."""
    return replace(course, startup=f"{course.startup}\n{startup_code(file_cap)}".strip())
