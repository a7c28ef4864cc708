"""Embedding the course elsewhere: the ``embed.html`` page of copyable snippets, and the
runnable-code-block script (``litecourse-embed.js``, usable on any site) with the course-side
runner frame it talks to (``embed-runner.html``, which owns Python's worker) and a sample page.

Written into the built site after ``jupyter lite build``. The build does not know where the
site will be hosted, so snippets hold site-relative addresses and the page turns them into
absolute ones from ``location`` when it opens.
"""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .course import Course
from .notebooks import notebook_paths

#: copied unchanged from build_tools/embed_assets/ to the site root
ASSETS = ("litecourse-embed.js", "embed-runner.html", "litecourse-embed-runner.js", "litecourse-embed-worker.mjs",
          "embed-sample.html")
PAGE = "embed.html"


@dataclass(frozen=True)
class EmbedItem:
    """One notebook as the embed page lists it."""

    path: str  # inside content/, posix
    title: str
    first_code: str


def course_order(found: list[str], outline: tuple[str, ...]) -> list[str]:
    """Notebook paths in course order: the outline's first, then the rest by file name.

    Outline entries that name no notebook are skipped (the site has nothing to show for them).

    >>> course_order(["a.ipynb", "b.ipynb", "c.ipynb"], ("c.ipynb", "gone.ipynb", "a.ipynb"))
    ['c.ipynb', 'a.ipynb', 'b.ipynb']
    """
    present = set(found)
    ordered = [p for p in dict.fromkeys(outline) if p in present]
    return ordered + sorted(p for p in found if p not in set(ordered))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_title(nb: dict, fallback: str) -> str:
    """The text of the notebook's first markdown heading, else ``fallback``.

    >>> notebook_title({"cells": [{"cell_type": "markdown", "source": ["Intro\\n", "## Loops *and* lists\\n"]}]}, "x")
    'Loops and lists'
    >>> notebook_title({"cells": []}, "welcome")
    'welcome'
    """
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in _source(cell).splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                text = stripped.lstrip("#").strip().strip("#").strip()
                # headings often carry emphasis or code marks; the title is plain text
                for mark in ("**", "__", "*", "`"):
                    text = text.replace(mark, "")
                if text:
                    return text
    return fallback


def first_code(nb: dict) -> str:
    """The first code cell with code in it (trimmed), or ''.

    >>> first_code({"cells": [{"cell_type": "code", "source": "  \\n"}, {"cell_type": "code", "source": "x = 1\\n"}]})
    'x = 1'
    """
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and _source(cell).strip():
            return _source(cell).strip()
    return ""


def notebook_href(path: str) -> str:
    """Site-relative address of the single-notebook view of ``path``.

    >>> notebook_href("week 1/loops.ipynb")
    'notebooks/index.html?path=week%201/loops.ipynb'
    """
    return "notebooks/index.html?path=" + quote(path, safe="/")


def repl_href(code: str) -> str:
    """Site-relative address of a JupyterLite REPL that shows ``code`` and runs it when the
    learner presses Run (code in a link never runs by itself: anyone can make such a link).

    The parameters go in the fragment (JupyterLite reads them there too): browsers never send
    it, so the code is not in the host's logs and no server limit on address length applies.

    >>> repl_href('print("hi")')
    'repl/index.html#kernel=python&toolbar=1&code=print%28%22hi%22%29'
    """
    return "repl/index.html#kernel=python&toolbar=1&code=" + quote(code, safe="")


def collect(content_dir: Path, outline: tuple[str, ...]) -> list[EmbedItem]:
    """Every notebook in ``content_dir`` as an EmbedItem, in course order."""
    by_path = {p.relative_to(content_dir).as_posix(): p for p in notebook_paths(content_dir)}
    items = []
    for rel in course_order(list(by_path), outline):
        nb = json.loads(by_path[rel].read_text(encoding="utf-8"))
        items.append(EmbedItem(rel, notebook_title(nb, Path(rel).stem), first_code(nb)))
    return items


def _snippet_block(kind: str, label: str, href: str, title: str, snippet_id: str) -> str:
    e = html.escape
    return (
        f'<div class="snippet">\n'
        f'  <label for="{snippet_id}">{e(label)}</label>\n'
        f'  <textarea id="{snippet_id}" class="code" readonly rows="4" data-kind="{kind}" '
        f'data-href="{e(href)}" data-title="{e(title)}">{e(href)}</textarea>\n'
        f'  <button type="button" class="copy" data-target="{snippet_id}">'
        f'Copy<span class="vh"> {e(label)}</span></button>\n'
        f'  <a href="{e(href)}" target="_blank" rel="noopener">'
        f'Open<span class="vh"> {e(title)}</span> in a new tab</a>\n'
        f'</div>\n'
    )


def render_page(course: Course, items: list[EmbedItem]) -> str:
    """The HTML of ``embed.html``: per notebook, an iframe snippet and a REPL snippet."""
    e = html.escape
    sections = []
    for n, item in enumerate(items, 1):
        repl_code = item.first_code or "print('Hello from Python in your browser')"
        sections.append(
            f'<section aria-labelledby="nb{n}">\n<h3 id="nb{n}">{n}. {e(item.title)}</h3>\n'
            f'<p class="path"><code>{e(item.path)}</code></p>\n'
            + _snippet_block("iframe", f"Embed code for the notebook “{item.title}”",
                             notebook_href(item.path), item.title, f"nb{n}-iframe")
            + _snippet_block("iframe", f"Embed code for a console with the first code of “{item.title}”",
                             repl_href(repl_code), f"{item.title}: Python console", f"nb{n}-repl")
            + "</section>\n"
        )
    template = (Path(__file__).parent / "embed_assets" / "embed.template.html").read_text(encoding="utf-8")
    return (
        template.replace("{{title}}", e(course.title))
        .replace("{{version}}", e(course.version))
        .replace("{{notebooks}}", "".join(sections) or "<p>This course has no notebooks yet.</p>\n")
    )


def write_embed_files(output: Path, course: Course, content_dir: Path, assets_dir: Path) -> list[Path]:
    """Write ``embed.html`` and copy the embed script, its runner frame, worker and sample page into the site."""
    written = [output / PAGE]
    (output / PAGE).write_text(render_page(course, collect(content_dir, course.outline)), encoding="utf-8")
    for name in ASSETS:
        shutil.copy2(assets_dir / name, output / name)
        written.append(output / name)
    return written


def embed_sources(assets_dir: Path) -> list[Path]:
    """Inputs of the embed files (file_dep of the site task)."""
    return [assets_dir / name for name in (*ASSETS, "embed.template.html")]


def embed_targets(output: Path) -> list[Path]:
    """Files the embed step writes into the site."""
    return [output / PAGE, *(output / name for name in ASSETS)]
