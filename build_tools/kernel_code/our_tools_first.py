"""Import the course's own tools before a learner's file of the same name can take their place.

Runs at the start of every browser kernel, before the course's start-up snippet. The kernel's
working folder is the notebook's folder in the learner's storage and comes first on
``sys.path``, so a ``codecharts.py`` saved there (by a learner, or planted by a restored zip)
would be imported instead of our package: the magics break, or the planted file runs at every
start. Importing our packages once with the learner's folders off ``sys.path`` puts the real
ones in ``sys.modules``, where every later ``import`` and ``%load_ext`` finds them.

A learner who has such a file is told once, on a marked stderr line the extension turns into
a notice (the start-up request is silent, so a plain print would be seen by nobody).
"""

from __future__ import annotations

import importlib
import os
import sys

#: prefix of the stderr line the frontend shows as a notice (see startup-guard.ts)
NOTICE_MARKER = "LITECOURSE_STARTUP_NOTICE "

#: where JupyterLite mounts the learner's files in the kernel
LEARNER_DRIVE = "/drive"


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


def shadowing_files(name: str, folder: str) -> list[str]:
    """The learner's files in ``folder`` that ``import name`` would otherwise pick up.

    >>> import tempfile, pathlib
    >>> d = tempfile.mkdtemp(); _ = (pathlib.Path(d) / "workings.py").write_text("")
    >>> shadowing_files("workings", d), shadowing_files("codecharts", d)
    (['workings.py'], [])
    """
    found = []
    for candidate in (f"{name}.py", name):
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
    """
    if len(files) == 1:
        return f"Your file {files[0]} shares a course tool's name, so the tool is used. Rename your file to use it."
    listed = ", ".join(files[:-1]) + " and " + files[-1]
    return f"Your files {listed} share course tools' names, so the tools are used. Rename your files to use them."


def import_our_tools(names: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
    """Import ``names`` from the installed packages, never from the learner's folders.

    Returns, per tool, the learner's files that share its name (and reports them on stderr).
    A tool that fails to import is left for the start-up snippet to report, as before.
    """
    cwd = os.getcwd()
    saved = list(sys.path)
    shadowed: dict[str, list[str]] = {}
    try:
        sys.path[:] = [p for p in saved if not is_learner_folder(p, cwd)]
        importlib.invalidate_caches()
        import json  # here, so a learner's json.py cannot stand in for it either
        for name in names:
            module = sys.modules.get(name)
            origin = getattr(module, "__file__", None) or ""
            if module is not None and is_learner_folder(os.path.dirname(origin), cwd):
                del sys.modules[name]  # a learner's file got here first: replace it
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the snippet's own %load_ext reports it clearly
                continue
            files = shadowing_files(name, cwd)
            if files:
                shadowed[name] = files
    finally:
        sys.path[:] = saved
    if shadowed:
        files = [f for found in shadowed.values() for f in found]
        print(NOTICE_MARKER + json.dumps({"tools": list(shadowed), "message": notice_text(files)}),
              file=sys.stderr, flush=True)
    return shadowed
