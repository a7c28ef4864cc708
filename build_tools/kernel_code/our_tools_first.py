"""Import the course's own tools before a learner's file of the same name can take their place.

Runs at the start of every browser kernel, before the course's start-up snippet. The kernel's
working folder is the notebook's folder in the learner's storage and comes first on
``sys.path``, so a ``codecharts.py`` saved there (by a learner, or planted by a restored zip)
would be imported instead of our package: the magics break, or the planted file runs at every
start. Importing our packages once with the learner's folders off ``sys.path`` puts the real
ones in ``sys.modules``, where every later ``import`` and ``%load_ext`` finds them.

The same holds for the libraries our tools import (pyflowchart, handcalcs, forallpeople,
innerscope, ...), which are imported later, on a tool's first use: :class:`InstalledFirst`, a
finder at the front of ``sys.meta_path`` (Python's own hook for this), finds those names in the
installed packages only, whenever they are imported.

A learner who has such a file is told once, on a marked stderr line the extension turns into
a notice (the start-up request is silent, so a plain print would be seen by nobody).

The tools' heavy libraries (handcalcs, forallpeople, pyflowchart) are imported on first use,
which made a learner's first ``%%workings`` wait most of a second. :func:`warm_up_later`
imports them in the background once the kernel is idle, one module per turn of the event
loop, the same way: never from the learner's folders.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.abc
import importlib.machinery
import io
import os
import sys
import warnings

#: prefix of the stderr line the frontend shows as a notice (see startup-guard.ts)
NOTICE_MARKER = "LITECOURSE_STARTUP_NOTICE "

#: where JupyterLite mounts the learner's files in the kernel
LEARNER_DRIVE = "/drive"
#: seconds after the start-up before the background imports begin: a first cell the learner
#: queued behind the start-up is answered before them
WARM_UP_DELAY = 1.0
#: seconds between two background imports: a cell sent meanwhile waits for one import at most
WARM_UP_PAUSE = 0.02


def is_learner_folder(entry: str, cwd: str) -> bool:
    """True for a ``sys.path`` entry that is the working folder or inside the learner's files.

    >>> is_learner_folder("", "/drive/week1"), is_learner_folder("/drive", "/x")
    (True, True)
    >>> is_learner_folder("/lib/python3.14/site-packages", "/drive")
    False
    """
    path = cwd if entry in ("", ".") else os.path.abspath(entry)
    drive = LEARNER_DRIVE.rstrip("/")
    return path == cwd or path == drive or path.startswith(drive + "/")


def shadowing_files(name: str, folder: str, listing: frozenset[str] | None = None) -> list[str]:
    """The learner's files in ``folder`` that ``import name`` would otherwise pick up.

    ``listing``: the folder's entries, read once by the caller. In the browser each look at the
    learner's folder is a request to the page, made while the notebook is still being drawn:
    a name that is not listed is not looked at.

    >>> import tempfile, pathlib
    >>> d = tempfile.mkdtemp(); _ = (pathlib.Path(d) / "workings.py").write_text("")
    >>> shadowing_files("workings", d), shadowing_files("codecharts", d)
    (['workings.py'], [])
    """
    found = []
    for candidate in (f"{name}.py", name):
        if listing is not None and candidate not in listing:
            continue
        path = os.path.join(folder, candidate)
        if (candidate.endswith(".py") and os.path.isfile(path)) or (
            os.path.isdir(path) and os.path.isfile(os.path.join(path, "__init__.py"))
        ):
            found.append(candidate + ("/" if os.path.isdir(path) else ""))
    return found


def notice_text(files: list[str]) -> str:
    """What the learner is told about their files that share course tools' names.

    Short enough for a notice (JupyterLab cuts notices at 140 characters).

    >>> notice_text(["workings.py"])
    "Your file workings.py shares a course tool's name, so the tool is used. Rename your file to use it."
    >>> len(notice_text(["codecharts.py", "codeprose.py", "workings.py", "pyflowchart.py", "handcalcs.py"]))
    130
    """
    if len(files) == 1:
        return f"Your file {files[0]} shares a course tool's name, so the tool is used. Rename your file to use it."
    if len(files) > 3:  # four names and more would not fit: the first two, and how many more
        files = [*files[:2], f"{len(files) - 2} more"]
    listed = ", ".join(files[:-1]) + " and " + files[-1]
    return f"Your files {listed} share course tools' names, so the tools are used. Rename your files to use them."


class InstalledFirst(importlib.abc.MetaPathFinder):
    """Finds the top-level modules ``names`` in the installed packages only (``sys.path`` less
    the learner's folders); a name not installed is left to the usual finders.

    >>> finder = InstalledFirst(["json"])
    >>> finder.find_spec("json").origin.endswith("json/__init__.py"), finder.find_spec("email")
    (True, None)
    """

    def __init__(self, names):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        if path is not None or fullname not in self.names:
            return None  # a submodule is found in its package's folder, which is installed
        cwd = os.getcwd()
        installed = [p for p in sys.path if not is_learner_folder(p, cwd)]
        return importlib.machinery.PathFinder.find_spec(fullname, installed, target)


def protect(names) -> InstalledFirst:
    """Put a finder of ``names`` first on ``sys.meta_path`` (once: a second call adds the names
    to it); returns it.

    >>> finder = protect(["json"])
    >>> finder is protect(["colorsys"]) and {"json", "colorsys"} <= finder.names
    True
    >>> sys.meta_path.remove(finder)
    """
    for finder in sys.meta_path:
        if isinstance(finder, InstalledFirst) or type(finder).__name__ == "InstalledFirst":
            finder.names = finder.names | frozenset(names)
            return finder
    finder = InstalledFirst(names)
    sys.meta_path.insert(0, finder)
    return finder


def import_our_tools(names: tuple[str, ...] | list[str], libraries: tuple[str, ...] | list[str] = ()
                     ) -> dict[str, list[str]]:
    """Import ``names`` from the installed packages, never from the learner's folders, and keep
    ``libraries`` (the modules the tools import later) to the installed packages too.

    Returns, per tool or library, the learner's files that share its name (and reports them on
    stderr). A tool that fails to import is left for the start-up snippet to report, as before.
    """
    protect([*names, *libraries])
    cwd = os.getcwd()
    saved = list(sys.path)
    shadowed: dict[str, list[str]] = {}
    try:
        sys.path[:] = [p for p in saved if not is_learner_folder(p, cwd)]
        importlib.invalidate_caches()
        import json  # here, so a learner's json.py cannot stand in for it either
        try:
            listing = frozenset(os.listdir(cwd))  # one look at the learner's folder, not one per name
        except OSError:
            listing = frozenset()
        for name in names:
            module = sys.modules.get(name)
            origin = getattr(module, "__file__", None) or ""
            if module is not None and is_learner_folder(os.path.dirname(origin), cwd):
                del sys.modules[name]  # a learner's file got here first: replace it
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the snippet's own %load_ext reports it clearly
                continue
            files = shadowing_files(name, cwd, listing)
            if files:
                shadowed[name] = files
        for name in libraries:
            files = shadowing_files(name, cwd, listing)
            if files and importlib.machinery.PathFinder.find_spec(name, sys.path) is not None:
                shadowed[name] = files
    finally:
        sys.path[:] = saved
    if shadowed:
        files = [f for found in shadowed.values() for f in found]
        print(NOTICE_MARKER + json.dumps({"tools": list(shadowed), "message": notice_text(files)}),
              file=sys.stderr, flush=True)
    return shadowed


def warm_up_modules(names) -> list[str]:
    """The modules the tools ``names`` ask to have imported in the background (each tool's
    ``WARM_UP``, in order), leaving out those already imported and tools not imported.

    >>> import types; sys.modules["_tool"] = types.SimpleNamespace(WARM_UP=("json", "_not_yet"))
    >>> warm_up_modules(["_tool", "_missing_tool"])
    ['_not_yet']
    """
    wanted = []
    for name in names:
        for module in getattr(sys.modules.get(name), "WARM_UP", ()):
            if module not in sys.modules and module not in wanted:
                wanted.append(module)
    return wanted


def import_quietly(name: str) -> bool:
    """Import ``name`` with the learner's folders off ``sys.path`` and its output and warnings
    discarded (it runs between the learner's cells: nothing may appear in their outputs).
    False if it failed: the tool reports that itself when it is used.

    >>> import_quietly("json"), import_quietly("_no_such_module_")
    (True, False)
    """
    cwd = os.getcwd()
    saved = list(sys.path)
    try:
        sys.path[:] = [p for p in saved if not is_learner_folder(p, cwd)]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                importlib.import_module(name)
        return True
    except Exception:  # noqa: BLE001 - a background import must never disturb the learner
        return False
    finally:
        sys.path[:] = saved


def warm_up_later(names, delay: float = WARM_UP_DELAY, pause: float = WARM_UP_PAUSE, loop=None) -> list[str]:
    """Import the tools' ``WARM_UP`` modules in the background: the first after ``delay``
    seconds, then one every ``pause`` seconds, each in its own turn of the event loop (in the
    browser, the kernel's worker handles a learner's request between two of them).
    Returns the modules scheduled.

    >>> import asyncio, types; sys.modules["_tool2"] = types.SimpleNamespace(WARM_UP=("_no_such_module_", "colorsys"))
    >>> loop = asyncio.new_event_loop()
    >>> warm_up_later(["_tool2"], 0, 0, loop)
    ['_no_such_module_', 'colorsys']
    >>> import threading  # a thread of its own: the test session may be running a loop here
    >>> worker = threading.Thread(target=loop.run_until_complete, args=(asyncio.sleep(0.05),))
    >>> worker.start(); worker.join(); "colorsys" in sys.modules
    True
    """
    modules = warm_up_modules(names)
    if not modules:
        return modules
    if loop is None:
        import asyncio

        try:
            loop = asyncio.get_event_loop()  # Pyodide's WebLoop: call_later is a setTimeout
        except RuntimeError:
            return []
    pending = list(modules)

    def step():
        import_quietly(pending.pop(0))
        if pending:
            loop.call_later(pause, step)

    loop.call_later(delay, step)
    return modules
