"""``micropip.install`` offline: a static package index of the wheels the site ships.

micropip 0.11.1 (Pyodide 314.0.6) reads a PEP 503 "simple" index from any static host:
with an index URL and no ``{package_name}`` placeholder it fetches ``<url>/<name>/``,
which a static server answers with ``<name>/index.html`` as ``text/html`` (a ``.json``
file would come back as ``application/json``, which micropip reads as PyPI's *legacy*
JSON API, not PEP 691). So the build writes ``static/pyodide/simple/<name>/index.html``
beside the wheels and their ``pyodide-lock.json``.

At kernel start-up, ``kernel_code/offline_pip.py``, added to the course's start-up snippet,
points micropip at that index and wraps ``micropip.install`` so that a package the course does
not ship fails at once, with a message saying so, before any request is made.
"""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from .course import Course
from .names import canonical
from .startup_statement import KERNEL_CODE, call_text, private_statement

#: folder of the index, inside the folder of the Pyodide lock and the wheels
INDEX_DIR = "simple"


def shipped_wheels(lock: dict) -> dict[str, list[tuple[str, str]]]:
    """Project name -> [(wheel file name, sha256)] for every wheel the lock lists.

    >>> shipped_wheels({"packages": {"Pint": {"name": "Pint", "file_name": "pint-1-py3-none-any.whl",
    ...     "sha256": "ab"}, "lib": {"name": "lib", "file_name": "lib.zip", "sha256": "cd"}}})
    {'pint': [('pint-1-py3-none-any.whl', 'ab')]}
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for key, entry in sorted(lock.get("packages", {}).items()):
        file_name = entry.get("file_name", "")
        if file_name.endswith(".whl"):
            name = canonical(entry.get("name", key))
            found.setdefault(name, []).append((file_name.rsplit("/", 1)[-1], entry.get("sha256", "")))
    return found


def project_page(name: str, wheels: list[tuple[str, str]]) -> str:
    """The PEP 503 page of one project; links are relative to ``simple/<name>/``.

    >>> 'href="../../pint-1-py3-none-any.whl#sha256=ab"' in project_page("pint", [("pint-1-py3-none-any.whl", "ab")])
    True
    """
    links = "\n".join(
        f'<a href="../../{html.escape(quote(f))}{"#sha256=" + h if h else ""}">{html.escape(f)}</a><br>'
        for f, h in wheels
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta name="pypi:repository-version" content="1.0">'
        f"<title>Links for {html.escape(name)}</title></head>\n<body>\n<h1>Links for {html.escape(name)}</h1>\n"
        f"{links}\n</body></html>\n"
    )


def root_page(names: list[str]) -> str:
    """The PEP 503 root page listing every project.

    >>> '<a href="pint/">pint</a>' in root_page(["pint"])
    True
    """
    links = "\n".join(f'<a href="{quote(n)}/">{html.escape(n)}</a><br>' for n in names)
    return (
        '<!DOCTYPE html>\n<html><head><meta name="pypi:repository-version" content="1.0">'
        f"<title>Packages of this course</title></head>\n<body>\n{links}\n</body></html>\n"
    )


def write_index(pyodide_dir: Path) -> list[str]:
    """Write ``pyodide_dir/simple/`` from ``pyodide_dir/pyodide-lock.json``; return the names."""
    wheels = shipped_wheels(json.loads((pyodide_dir / "pyodide-lock.json").read_text()))
    index = pyodide_dir / INDEX_DIR
    index.mkdir(parents=True, exist_ok=True)
    for name, files in wheels.items():
        (index / name).mkdir(exist_ok=True)
        (index / name / "index.html").write_text(project_page(name, files), encoding="utf-8")
    (index / "index.html").write_text(root_page(sorted(wheels)), encoding="utf-8")
    return sorted(wheels)


#: the Python that runs in the kernel (see its docstring)
SOURCE = KERNEL_CODE / "offline_pip.py"


def startup_code(shipped: list[str], installable: list[str]) -> str:
    """Python for the start-up snippet: micropip uses the course index and refuses others.

    >>> code = startup_code(["pint"], ["pint"])
    >>> code.startswith("exec(compile(") and 'use_course_index(["pint"], ["pint"], "simple")' in code
    True
    """
    call = call_text("use_course_index", list(shipped), list(installable), INDEX_DIR)
    return private_statement(SOURCE, call, "litecourse_offline_pip")


def with_offline_pip(course: Course, shipped: list[str]) -> Course:
    """The course with the micropip set-up appended to its start-up snippet."""
    code = startup_code(shipped, [canonical(n) for n in course.installable])
    return replace(course, startup=f"{course.startup}\n{code}".strip())
