"""``micropip.install`` offline: a static package index of the wheels the site ships.

micropip 0.11.1 (Pyodide 314.0.6) reads a PEP 503 "simple" index from any static host:
with an index URL and no ``{package_name}`` placeholder it fetches ``<url>/<name>/``,
which a static server answers with ``<name>/index.html`` as ``text/html`` (a ``.json``
file would come back as ``application/json``, which micropip reads as PyPI's *legacy*
JSON API, not PEP 691). So the build writes ``static/pyodide/simple/<name>/index.html``
beside the wheels and their ``pyodide-lock.json``.

At kernel start-up, code added to the course's start-up snippet points micropip at that
index, made absolute from ``pyodide.lockfileBaseUrl`` (the URL of ``static/pyodide/``;
relative URLs would resolve against the kernel's worker script), and wraps
``micropip.install`` so that a package the course does not ship fails at once, with a
message saying so, before any request is made.
"""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from .course import Course
from .names import canonical

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


STARTUP_TEMPLATE = '''
def _litecourse_offline_pip():
    # point micropip at the course's own package index; refuse other names at once
    import re
    from urllib.parse import urljoin
    import micropip, pyodide_js
    shipped = frozenset(SHIPPED)
    installable = INSTALLABLE
    base = str(getattr(pyodide_js, "lockfileBaseUrl", None) or "")
    if base:
        # no trailing slash: micropip appends "/<name>/"
        micropip.set_index_urls([urljoin(base, "INDEX_DIR")])
    if getattr(micropip.install, "_litecourse", False):
        return

    class NotInThisCourse(ValueError):
        """A package this course does not ship (shown as its message alone)."""
        __module__ = "litecourse"

        def _render_traceback_(self):
            return [f"NotInThisCourse: {self}"]

    NotInThisCourse.__qualname__ = "NotInThisCourse"

    def unshipped(requirements):
        names = []
        for req in [requirements] if isinstance(requirements, str) else list(requirements):
            text = str(req).strip()
            if "://" in text or text.endswith(".whl") or " @ " in text or text.startswith("emfs:"):
                continue
            m = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", text)
            name = re.sub(r"[-_.]+", "-", m.group(0)).lower() if m else text
            if name not in shipped:
                names.append(text)
        return names

    original = micropip.install

    async def install(requirements, *args, **kwargs):
        missing = unshipped(requirements)
        if missing:
            which = ", ".join(repr(n) for n in missing)
            offer = ", ".join(installable) if installable else "none beyond what is already installed"
            raise NotInThisCourse(
                f"{which} {'is' if len(missing) == 1 else 'are'} not part of this course, so "
                f"{'it' if len(missing) == 1 else 'they'} cannot be installed here: the course "
                f"works offline and installs only the packages it ships. You can install: {offer}."
            )
        return await original(requirements, *args, **kwargs)

    install._litecourse = True
    install.__doc__ = original.__doc__
    micropip.install = install

_litecourse_offline_pip()
del _litecourse_offline_pip
'''


def startup_code(shipped: list[str], installable: list[str]) -> str:
    """Python for the start-up snippet: micropip uses the course index and refuses others.

    >>> code = startup_code(["pint"], ["pint"])
    >>> "frozenset(('pint',))" in code and 'installable = (\\'pint\\',)' in code
    True
    """
    return (
        STARTUP_TEMPLATE.replace("SHIPPED", repr(tuple(shipped)))
        .replace("INSTALLABLE", repr(tuple(installable)))
        .replace("INDEX_DIR", INDEX_DIR)
        .strip()
    )


def with_offline_pip(course: Course, shipped: list[str]) -> Course:
    """The course with the micropip set-up appended to its start-up snippet."""
    code = startup_code(shipped, [canonical(n) for n in course.installable])
    return replace(course, startup=f"{course.startup}\n{code}".strip())
