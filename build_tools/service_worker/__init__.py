"""The site's service worker: JupyterLite's, with our handlers appended.

JupyterLite's ``service-worker.js`` relays the kernel's file and ``input()`` requests to the
page. Our handlers are the ``*.js`` files of this folder, appended in name order after
JupyterLite's code, each in a function scope of its own (JupyterLite's minified code owns
names such as ``CACHE`` at the top level). The browser calls fetch listeners in the order they
were added and the first ``respondWith`` wins: JupyterLite's listener answers only the
requests it knows (it leaves other ``/api/`` requests alone), so ours see the rest.
"""

from __future__ import annotations

from pathlib import Path

PARTS_DIR = Path(__file__).resolve().parent

#: the line after JupyterLite's code; what follows it is ours (so appending is repeatable)
MARKER = "/* litecourse: the course's own service worker handlers (build_tools/service_worker) */"


def parts() -> list[Path]:
    """Our handler files, in the order they are appended."""
    return sorted(PARTS_DIR.glob("*.js"))


def extended(jupyterlite_code: str, handlers: list[tuple[str, str]]) -> str:
    """JupyterLite's service worker code with ``handlers`` (name, code) appended once.

    >>> code = extended("lite();", [("a.js", "one();")])
    >>> code.endswith("// a.js\\n(function () {\\none();\\n})();\\n")
    True
    >>> extended(code, [("a.js", "two();")]).count("one()"), extended(code, []).count("lite()")
    (0, 1)
    """
    base = jupyterlite_code.split(MARKER)[0].rstrip()
    blocks = [f"// {name}\n(function () {{\n{code.strip()}\n}})();\n" for name, code in handlers]
    return "\n".join([base, MARKER, *blocks])


def extend_service_worker(output_dir: Path) -> Path:
    """Append our handlers to the built site's ``service-worker.js``; returns its path."""
    worker = output_dir / "service-worker.js"
    handlers = [(p.name, p.read_text(encoding="utf-8")) for p in parts()]
    worker.write_text(extended(worker.read_text(encoding="utf-8"), handlers), encoding="utf-8")
    return worker
