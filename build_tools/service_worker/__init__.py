"""The site's service worker: JupyterLite's, with our handlers before and after it.

JupyterLite's ``service-worker.js`` relays the kernel's file and ``input()`` requests to the
page. Our handlers are the ``*.js`` files of this folder, appended in name order after
JupyterLite's code, each in a function scope of its own (JupyterLite's minified code owns
names such as ``CACHE`` at the top level). The browser calls fetch listeners in the order they
were added and the first ``respondWith`` wins: JupyterLite's listener answers only the
requests it knows (it leaves other ``/api/`` requests alone), so ours see the rest.

The handlers in ``first/`` go *before* JupyterLite's code, so their listeners run first: the
offline cache answers the site's own files (JupyterLite's listener would answer every one of
them from the network) and stops the event there; everything else passes on unchanged.
"""

from __future__ import annotations

from pathlib import Path

PARTS_DIR = Path(__file__).resolve().parent

#: the line after JupyterLite's code; what follows it is ours (so appending is repeatable)
MARKER = "/* litecourse: the course's own service worker handlers (build_tools/service_worker) */"
#: the line before JupyterLite's code; what precedes it is ours
FIRST_MARKER = "/* litecourse: handlers that run before JupyterLite's (build_tools/service_worker/first) */"


def parts() -> list[Path]:
    """Our handler files, in the order they are appended."""
    return sorted(PARTS_DIR.glob("*.js"))


def first_parts() -> list[Path]:
    """Our handler files that go before JupyterLite's code, in order."""
    return sorted((PARTS_DIR / "first").glob("*.js"))


def _blocks(handlers: list[tuple[str, str]]) -> list[str]:
    return [f"// {name}\n(function () {{\n{code.strip()}\n}})();\n" for name, code in handlers]


def extended(
    jupyterlite_code: str, handlers: list[tuple[str, str]], first: list[tuple[str, str]] = ()
) -> str:
    """JupyterLite's service worker code with ``handlers`` (name, code) appended once, and
    ``first`` put before it once.

    >>> code = extended("lite();", [("a.js", "one();")], [("f.js", "zero();")])
    >>> code.endswith("// a.js\\n(function () {\\none();\\n})();\\n")
    True
    >>> code.index("zero()") < code.index("lite()") < code.index("one()")
    True
    >>> again = extended(code, [("a.js", "two();")])
    >>> again.count("one()"), again.count("zero()"), extended(code, []).count("lite()")
    (0, 0, 1)
    """
    base = jupyterlite_code.split(MARKER)[0].rstrip()
    if FIRST_MARKER in base:
        base = base.split(FIRST_MARKER, 1)[1].lstrip()
    # JupyterLite's code opens with "use strict", a directive only as the file's first line
    head = ["'use strict';", *_blocks(list(first)), FIRST_MARKER] if first else []
    return "\n".join([*head, base, MARKER, *_blocks(handlers)])


def extend_service_worker(output_dir: Path) -> Path:
    """Append our handlers to the built site's ``service-worker.js``; returns its path."""
    worker = output_dir / "service-worker.js"
    handlers = [(p.name, p.read_text(encoding="utf-8")) for p in parts()]
    first = [(p.name, p.read_text(encoding="utf-8")) for p in first_parts()]
    worker.write_text(extended(worker.read_text(encoding="utf-8"), handlers, first), encoding="utf-8")
    return worker
