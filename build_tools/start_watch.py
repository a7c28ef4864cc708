"""Every app page of the site loads the start watch first (``lite_site/start-watch/start-watch.js``).

JupyterLite's app pages (``lab/``, ``notebooks/``, ``tree/``, ``repl/``, ...) start from a
small inline script; when that start stalls (seen in WebKit under load: a white page) the
learner saw nothing at all. The start watch says so and reloads once (see the script).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from . import paths

SOURCE = paths.LITE_SITE / "start-watch" / "start-watch.js"
NAME = "litecourse-start-watch.js"
MARK = 'id="litecourse-start-watch"'


def with_start_watch(html: str, src: str) -> str:
    """``html`` (an app page) loading the start watch from ``src`` before anything else; a page
    that already does, or that is not an app page, is returned as it was.

    >>> page = '<head>\\n<title>x</title><script id="jupyter-config-data"></script></head>'
    >>> print(with_start_watch(page, "../w.js"))
    <head>
    <script id="litecourse-start-watch" src="../w.js"></script>
    <title>x</title><script id="jupyter-config-data"></script></head>
    >>> with_start_watch(with_start_watch(page, "a.js"), "a.js") == with_start_watch(page, "a.js")
    True
    """
    if MARK in html or 'id="jupyter-config-data"' not in html or "<head>" not in html:
        return html
    tag = f'<script {MARK} src="{src}"></script>'
    return html.replace("<head>", f"<head>\n{tag}", 1)


def add_start_watch(output_dir: Path, source: Path = SOURCE) -> list[Path]:
    """Copy the start watch to the site's root and load it from every app page under it
    (one folder down, as JupyterLite lays them out); the pages changed."""
    shutil.copy2(source, output_dir / NAME)
    version = hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    changed = []
    for page in sorted(output_dir.glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        patched = with_start_watch(html, f"../{NAME}?_={version}")
        if patched != html:
            page.write_text(patched, encoding="utf-8")
            changed.append(page)
    return changed
