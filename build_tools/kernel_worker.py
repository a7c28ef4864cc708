"""The kernel's worker enters the learner's folder after its own imports, not before.

JupyterLite's Pyodide kernel worker mounts the learner's files at ``/drive`` and changes
into it *before* it imports the kernel (piplite, ipykernel, IPython, jedi, ...). Pyodide puts
``''`` (the working folder) first on ``sys.path``, so every one of those imports first asks
the drive whether it holds the module: a synchronous request from the worker through the
service worker to the page, about a hundred of them, made while the page is still busy
drawing the notebook. Measured in Chromium (issue 16), they made the kernel's imports take
0.95 s instead of 0.44 s and ``import piplite`` 0.3 s instead of 0.08 s.

So the build moves the worker's change of folder to just after ``import pyodide_kernel``:
the same folder (``/drive``, then the notebook's own folder as before), entered before any
learner's code runs, but the kernel's own modules are found in the runtime's folders without
asking the drive. The edit is made on the pinned JupyterLite build's minified worker code; a
version whose code differs fails the build with a message naming the file, never a site with
the old, slow order or a broken worker.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import BuildError

#: the kernel extension's bundles, relative to the built site
STATIC = Path("extensions") / "@jupyterlite" / "pyodide-kernel-extension" / "static"
#: where the worker mounts the learner's files (a constant of the worker's code)
DRIVE = "/drive"
#: initFilesystem: mount the drive, then change into it; the change is what moves
MOUNT_THEN_ENTER = re.compile(
    r"(?P<fs>[\w$]+)\.mount\((?P<drive>[\w$]+),\{\},(?P<at>[\w$]+)\),(?P=fs)\.chdir\((?P=at)\),"
)
#: initKernel: the script it runs ends with the kernel's import, then the notebook's folder
KERNEL_IMPORT = re.compile(r'(?P<lines>[\w$]+)\.push\("import pyodide_kernel"\),(?P<options>[\w$]+)\.mountDrive&&')
#: what initKernel's script gains; its presence marks a worker already edited
ENTER_DRIVE = f"\"import os\",\"os.chdir('{DRIVE}')\""


def enter_drive_after_imports(code: str) -> str:
    """The worker ``code`` with its change into the drive moved after the kernel's import.

    >>> worker = ('async initFilesystem(e){if(e.mountDrive){let t="/drive";s.mkdirTree(t),'
    ...           's.mount(a,{},t),s.chdir(t),this._driveFS=a}}'
    ...           'async initKernel(e){let s=[];s.push("import pyodide_kernel"),'
    ...           'e.mountDrive&&this._localPath&&s.push("import os")}')
    >>> edited = enter_drive_after_imports(worker)
    >>> "s.chdir(t)" in edited
    False
    >>> print(edited[edited.index("async initKernel"):].replace(",", ",\\n"))
    async initKernel(e){let s=[];s.push("import pyodide_kernel"),
    e.mountDrive&&s.push("import os",
    "os.chdir('/drive')"),
    e.mountDrive&&this._localPath&&s.push("import os")}
    >>> enter_drive_after_imports(edited) == edited
    True
    >>> try:
    ...     enter_drive_after_imports(worker.replace("s.chdir(t),", ""))
    ... except BuildError as error:
    ...     print(str(error).split(": ")[0])
    the Pyodide kernel's worker code is not the one this build knows (no change into /drive after mounting it)
    """
    if ENTER_DRIVE in code:
        return code
    without_enter, mounts = MOUNT_THEN_ENTER.subn(lambda m: f"{m['fs']}.mount({m['drive']},{{}},{m['at']}),", code)
    edited, imports = KERNEL_IMPORT.subn(
        lambda m: f'{m[0]}{m["lines"]}.push({ENTER_DRIVE}),{m["options"]}.mountDrive&&', without_enter
    )
    problems = [
        f"no change into {DRIVE} after mounting it" if not mounts else "",
        "no `import pyodide_kernel` step" if not imports else "",
        f"its drive is not mounted at {DRIVE}" if f'"{DRIVE}"' not in code else "",
    ]
    problem = "; ".join(p for p in problems if p)
    if problem:
        raise BuildError(
            f"the Pyodide kernel's worker code is not the one this build knows ({problem}): "
            "a new jupyterlite-pyodide-kernel? See build_tools/kernel_worker.py"
        )
    return edited


def edit_kernel_workers(output_dir: Path) -> list[Path]:
    """Edit every bundle of the built site's kernel extension that mounts the drive; their paths.

    Raises BuildError when none does (the site would start kernels the slow way unnoticed).
    """
    edited = []
    for bundle in sorted((output_dir / STATIC).glob("*.js")):
        code = bundle.read_text(encoding="utf-8")
        if not MOUNT_THEN_ENTER.search(code) and ENTER_DRIVE not in code:
            continue
        new = enter_drive_after_imports(code)
        if new != code:
            bundle.write_text(new, encoding="utf-8")
        edited.append(bundle)
    if not any(p.name.startswith("comlink.worker.") for p in edited):
        raise BuildError(f"no kernel worker (comlink.worker.*.js) that mounts {DRIVE} in {output_dir / STATIC}")
    return edited
