"""Browser profile folders that the tests make, and their safe removal.

A browser writes into its profile until its last process has gone: Chromium's main process can
exit while a helper (network service, storage, GPU) still flushes files into ``Default/``. A
plain ``shutil.rmtree`` at that moment fails with ``Directory not empty`` (seen at the teardown
of a test: issue 28). Every fixture that gives a browser a profile folder takes it from
``browser_profile()``, which removes it only once no process uses it any more.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: how long a browser's processes get to leave the profile by themselves before they are killed
GRACE_S = 30.0


def _uses(pid: str, folder: str) -> bool:
    """True if process ``pid`` has ``folder`` in its command line, as its working folder or as
    an open file (a process that has gone while we look does not use it)."""
    proc = Path("/proc") / pid
    try:
        if folder in (proc / "cmdline").read_bytes().decode(errors="replace").replace("\0", " "):
            return True
        if os.readlink(proc / "cwd").startswith(folder):
            return True
        for fd in os.scandir(proc / "fd"):
            with contextlib.suppress(OSError):
                if os.readlink(fd.path).startswith(folder):
                    return True
    except OSError:
        return False
    return False


def processes_using(folder: Path) -> list[int]:
    """The ids of the processes (other than this one) that still use ``folder``.

    >>> processes_using(Path(tempfile.mkdtemp()))
    []
    """
    if not Path("/proc/self").exists():  # no /proc: nothing to look at, rely on the retries
        return []
    name = str(folder.resolve())
    own = str(os.getpid())
    return [int(pid) for pid in os.listdir("/proc") if pid.isdigit() and pid != own and _uses(pid, name)]


def remove_profile(folder: Path, grace_s: float = GRACE_S) -> None:
    """Remove a browser's profile ``folder`` once no process uses it: wait up to ``grace_s`` for
    its processes to leave, kill those still there, then remove it (retrying while files that a
    dying process wrote last still appear).

    >>> folder = Path(tempfile.mkdtemp()); (folder / "Default").mkdir()
    >>> remove_profile(folder); folder.exists()
    False
    """
    deadline = time.monotonic() + grace_s
    while (users := processes_using(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in users:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    for attempt in range(50):
        try:
            shutil.rmtree(folder)
            return
        except FileNotFoundError:
            return
        except OSError:
            if attempt == 49:
                raise
            time.sleep(0.1)


@contextlib.contextmanager
def browser_profile(prefix: str) -> Iterator[Path]:
    """A new, empty profile folder for a browser; removed with ``remove_profile`` afterwards.

    >>> with browser_profile("doctest-") as folder:
    ...     (folder / "Default").mkdir()
    >>> folder.exists()
    False
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        remove_profile(folder)
