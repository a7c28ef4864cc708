"""The course home page: the site's root ``index.html``, built from ``content/`` + ``course.toml``.

Pure functions read a notebook's title and one-line summary, put the notebooks in course
order and render plain HTML that lists them (readable without JavaScript). A small script
(``lite_site/home/home.js``) adds, for this learner, each notebook's state read from the
browser's storage, and a "Continue where you left off" link.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import mistune

from .course import Course
from .errors import BuildError
from .guide import GUIDE  # the learners' guide, generated into every site

# CommonMark with GitHub's tables and strikethrough, as JupyterLab renders notebooks
_MARKDOWN = mistune.create_markdown(renderer=None, plugins=["strikethrough", "table"])
#: block tokens whose text is a summary candidate (``block_text``: an item of a tight list)
_PROSE = ("paragraph", "block_text")


@dataclass(frozen=True)
class Entry:
    """One notebook as the home page lists it."""

    path: str  # inside content/, with '/' separators
    title: str
    summary: str
    shipped: str = ""  # the shipped version's last_modified (ISO), as JupyterLite serves it


def _inline_text(tokens: list[dict]) -> str:
    """The words of inline tokens: link and image text kept, marks and raw HTML dropped."""
    parts = []
    for token in tokens:
        kind = token.get("type")
        if kind in ("text", "codespan"):
            parts.append(token.get("raw", ""))
        elif kind in ("softbreak", "linebreak"):
            parts.append(" ")
        elif kind != "inline_html":
            parts.append(_inline_text(token.get("children", [])))
    return "".join(parts)


def plain_text(markdown: str) -> str:
    """Markdown as plain text: links keep their words, marks go.

    >>> plain_text("Read **Python** with [flowcharts](a.ipynb) and `code`")
    'Read Python with flowcharts and code'
    """
    blocks = [_inline_text(t.get("children", [])) for t in _blocks(_MARKDOWN(markdown)) if "children" in t]
    return " ".join(" ".join(blocks).split())


def _blocks(tokens: list[dict]):
    """Every block token with inline content, in document order (list items and quotes entered)."""
    for token in tokens:
        kind = token.get("type")
        if kind in ("heading", *_PROSE):
            yield token
        elif kind not in ("table", "block_code", "block_html") and "children" in token:
            yield from _blocks(token["children"])


def _markdown_sources(nb: dict) -> list[str]:
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            out.append("".join(src) if isinstance(src, list) else str(src))
    return out


def title_and_summary(nb: dict, fallback_title: str) -> tuple[str, str]:
    """A notebook's title (its first heading, any style) and summary (the first paragraph of prose
    after that heading; in a notebook without a heading, its first paragraph). Text above the
    title (a book's front matter, a licence line) is never the summary.

    >>> nb = {"cells": [{"cell_type": "markdown", "source": "# Loops\\n\\nRepeat **work**.\\nTwice."}]}
    >>> title_and_summary(nb, "loops")
    ('Loops', 'Repeat work. Twice.')
    >>> front = {"cell_type": "markdown", "source": "*This notebook is from a book.*"}
    >>> title_and_summary({"cells": [front, {"cell_type": "markdown", "source": "# Loops\\n\\nAgain."}]}, "x")
    ('Loops', 'Again.')
    >>> title_and_summary({"cells": [{"cell_type": "markdown", "source": "Loops\\n====="}]}, "x")
    ('Loops', '')
    >>> title_and_summary({"cells": [front]}, "loops")
    ('loops', 'This notebook is from a book.')
    >>> title_and_summary({"cells": []}, "loops")
    ('loops', '')
    """
    title = summary = first_prose = ""
    for source in _markdown_sources(nb):
        for block in _blocks(_MARKDOWN(source)):
            text = " ".join(_inline_text(block["children"]).split())
            if block["type"] == "heading" and not title:
                title = text
            elif block["type"] in _PROSE and text:
                first_prose = first_prose or text
                if title and not summary:
                    summary = text
        if title and summary:
            break
    if not title:
        return fallback_title, first_prose
    return title, summary


#: a title that carries its own number ("1. Introduction", "2 Loops", "Lesson 3: Lists", "4.1 Sets")
_OWN_NUMBER = re.compile(
    r"^(?:(?:chapter|lesson|unit|week|part|section|lecture|session|module|lab|day|topic|notebook)\s+)?"
    r"\d+(?:\.\d+)*(?:[.):]|\s|$)",
    re.IGNORECASE,
)


def has_own_number(title: str) -> bool:
    """True when a title starts with its own number, so the home page adds none before it.

    >>> [has_own_number(t) for t in ("1. Introduction", "Lesson 3: Lists", "4.1 Sets", "Loops", "3D plots")]
    [True, True, True, False, False]
    """
    return bool(_OWN_NUMBER.match(title.strip()))


def fallback_title(path: str) -> str:
    """A title made from a file name, for a notebook without a heading.

    >>> fallback_title("unit-1/first_steps.ipynb")
    'First steps'
    """
    stem = PurePosixPath(path).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else path


def course_order(outline: tuple[str, ...] | list[str], notebooks: list[str]) -> list[str]:
    """Notebook paths in course order: the outline's first, then the others in filename order.

    A path in the outline that is not a notebook of the course stops the build by name.

    >>> course_order([], ["b.ipynb", "a.ipynb"])
    ['a.ipynb', 'b.ipynb']
    >>> course_order(["b.ipynb", "a.ipynb"], ["a.ipynb", "b.ipynb", "c.ipynb"])
    ['b.ipynb', 'a.ipynb', 'c.ipynb']
    """
    known = set(notebooks)
    missing = [p for p in outline if p not in known]
    if missing:
        raise BuildError(
            f"course.toml: [outline] names {', '.join(map(repr, missing))}, "
            "which is not a notebook in content/"
        )
    listed = list(dict.fromkeys(outline))
    return listed + sorted(known - set(listed))


#: the heading of the notebooks an outline leaves out
UNLISTED_TITLE = "More notebooks"


def course_parts(course: Course, notebooks: list[str]) -> list[tuple[str, list[str]]]:
    """The home page's groups, in order: (title, paths); the outline's untitled list has title "".

    Notebooks the outline leaves out come last, under "More notebooks" (every notebook when
    there is no outline, untitled).

    >>> from build_tools.course import Section
    >>> c = Course("c", "C", "1", outline=("a.ipynb", "b.ipynb"), sections=(Section("Week 2", ("b.ipynb",)),))
    >>> course_parts(c, ["a.ipynb", "b.ipynb", "z.ipynb"])
    [('', ['a.ipynb']), ('Week 2', ['b.ipynb']), ('More notebooks', ['z.ipynb'])]
    """
    if GUIDE in course.outline and GUIDE not in notebooks:
        notebooks = [*notebooks, GUIDE]  # every site has the learners' guide
    order = course_order(course.outline, notebooks)
    if not course.outline:
        return [("", order)]
    in_sections = [p for part in course.sections for p in part.notebooks]
    parts = [("", [p for p in dict.fromkeys(course.outline) if p not in in_sections])]
    parts += [(part.title, list(dict.fromkeys(part.notebooks))) for part in course.sections]
    parts.append((UNLISTED_TITLE, [p for p in order if p not in set(course.outline)]))
    return [(title, paths) for title, paths in parts if paths]


def notebook_url(path: str) -> str:
    """The single-notebook view of ``path``, relative to the site root.

    >>> notebook_url("unit 1/loops.ipynb")
    'notebooks/index.html?path=unit%201/loops.ipynb'
    """
    return "notebooks/index.html?path=" + quote(path, safe="/")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


STYLE = """
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#4a4a4a;--link:#0b57a4;--card:#f4f6f8;
  --line:#c9d1d9;--mark:#1d6b35}
@media (prefers-color-scheme:dark){:root{--fg:#eaeaea;--bg:#15171a;--muted:#c2c2c2;--link:#8cc4ff;--card:#1f2328;
  --line:#3d444d;--mark:#7ee29b}}
*{box-sizing:border-box}
body{margin:0;font:1.05rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
  background:var(--bg)}
.wrap{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--link);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0}
.intro{font-size:1.1rem}
.version,.state,.how{color:var(--muted);font-size:.95rem}
.continue{background:var(--card);border-left:4px solid var(--link);padding:.75rem 1rem;margin:1.25rem 0}
.continue a{font-weight:600}
main{counter-reset:n}\nol.lessons{list-style:none;padding:0;margin:0}
ol.lessons>li{counter-increment:n;border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
ol.lessons :is(h3,h4){margin:0;font-size:1.15rem}
ol.lessons :is(h3,h4)::before{content:counter(n) ". ";color:var(--muted)}
ol.lessons :is(h3,h4).own-number::before{content:none}
h3.part{font-size:1.3rem;margin:1.5rem 0 .25rem}
ol.lessons p{margin:.3rem 0 0}
.state.changed{color:var(--mark)}
.offline{color:var(--muted);font-size:.95rem}.offline.ready{color:var(--mark)}
.more li{margin:.4rem 0}
kbd{font:inherit;border:1px solid var(--line);border-radius:4px;padding:0 .3rem}
"""


def _lesson_list(entries: list[Entry], heading: str, label: str) -> str:
    items = []
    for entry in entries:
        summary = f"\n      <p>{_e(entry.summary)}</p>" if entry.summary else ""
        own = ' class="own-number"' if has_own_number(entry.title) else ""  # no "2. 1. Introduction"
        items.append(
            f'    <li data-path="{_e(entry.path)}" data-shipped="{_e(entry.shipped)}">\n'
            f'      <{heading}{own}><a href="{_e(notebook_url(entry.path))}">{_e(entry.title)}</a></{heading}>'
            f"{summary}\n"
            f'      <p class="state" hidden></p>\n'
            f"    </li>"
        )
    return f'    <ol class="lessons" aria-labelledby="{label}">\n' + "\n".join(items) + "\n    </ol>"


def render(course: Course, parts: list[tuple[str, list[Entry]]], *, guide: str | None, script: str = "home.js") -> str:
    """The home page's HTML: the course, its notebooks in order (in titled parts), and the ways in.

    >>> from build_tools.course import Course
    >>> page = render(Course("demo", "Demo <1>", "1"), [("", [Entry("a.ipynb", "A", "First.")])], guide=None)
    >>> "Demo &lt;1&gt;" in page and 'href="notebooks/index.html?path=a.ipynb"' in page
    True
    """
    blocks = []
    for number, (title, entries) in enumerate(parts, 1):
        if title:  # a titled part: its heading, then its lessons one level below
            blocks.append(f'    <h3 class="part" id="part-{number}">{_e(title)}</h3>')
            blocks.append(_lesson_list(entries, "h4", f"part-{number}"))
        else:
            blocks.append(_lesson_list(entries, "h3", "notebooks"))
    intro = f'\n    <p class="intro">{_e(course.introduction)}</p>' if course.introduction else ""
    guide_item = (
        f'\n      <li><a href="{_e(notebook_url(guide))}">How your work is saved</a>: '
        "where your changes live, how to back them up and how to start a notebook afresh.</li>"
        if guide else ""
    )
    empty = "    <p>This course has no notebooks yet.</p>"
    lessons = "\n".join(blocks) if any(entries for _, entries in parts) else empty
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{_e(course.title)}</title>
  <meta name="litecourse-storage" content="{_e(course.storage_prefix)}-contents">
  <link rel="icon" href="icon-120x120.png">
  <!-- JupyterLite's pages (lab/, notebooks/, ...) read this block from every parent
       folder's index.html while they start; without it they fail to load -->
  <script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{{}}</script>
  <style>{STYLE}</style>
  <script src="{_e(script)}" defer></script>
  <script src="offline.js" defer></script>
</head>
<body>
<a class="skip" href="#notebooks">Skip to the notebooks</a>
<div class="wrap">
  <header>
    <h1>{_e(course.title)}</h1>{intro}
    <p class="version">Course version {_e(course.version)}. Everything runs in your browser and works offline;
      your changes are kept in this browser.</p>
    <p class="offline" id="offline" role="status" hidden></p>
  </header>
  <main>
    <p class="continue" id="frame-note" role="alert" hidden>Your browser does not let this frame keep your
      work: changes made here are lost when you leave the page.
      <a href="" target="_blank" rel="noopener">Open the course in a new tab</a></p>
    <p class="continue" id="continue" hidden><a href="">Continue where you left off</a></p>
    <h2 id="notebooks">Notebooks</h2>
{lessons}
    <h2 id="more">More ways in</h2>
    <ul class="more" aria-labelledby="more">
      <li><a href="lab/index.html">Open the full JupyterLab</a>: the file browser, several notebooks side by side,
        and your own new notebooks.</li>{guide_item}
      <li>Back up your work: in any notebook, open the <strong>Course</strong> menu and choose
        <strong>Download all my work</strong>. It saves a zip of every notebook you changed.</li>
    </ul>
  </main>
</div>
</body>
</html>
"""


# ---- the edges: reading the content folder and the built site ---------------------------


def _notebooks(content_dir: Path) -> list[str]:
    return [
        p.relative_to(content_dir).as_posix()
        for p in sorted(content_dir.rglob("*.ipynb"))
        if not any(part.startswith(".") for part in p.relative_to(content_dir).parts)
    ]


def _entry(content_dir: Path, path: str) -> Entry:
    try:
        nb = json.loads((content_dir / path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{content_dir / path}: cannot read it for the home page ({exc})") from None
    return Entry(path, *title_and_summary(nb, fallback_title(path)))


def read_parts(
    content_dir: Path, course: Course, warn=print, guide: Path | None = None
) -> list[tuple[str, list[Entry]]]:
    """Every course notebook in its part of the course, with title and summary (dates left empty).

    The learners' guide (``guide``, the generated file) is a lesson only where the outline
    places it, and is linked on its own in any case; a notebook the outline leaves out is
    listed after it, and ``warn`` is told so the educator can place it.
    """
    notebooks = [p for p in _notebooks(content_dir) if p != GUIDE]
    parts = course_parts(course, notebooks)
    if guide is None:  # nothing to read the guide's title from: list the notebooks alone
        parts = [(title, [p for p in paths if p != GUIDE]) for title, paths in parts]
    for title, paths in parts:
        if title == UNLISTED_TITLE and course.outline:
            for path in paths:
                warn(f"warning: content/{path} is not in course.toml's [outline]; "
                     f"the home page lists it under \"{UNLISTED_TITLE}\"")
    folder = {GUIDE: guide.parent} if guide is not None else {}
    return [(title, [_entry(folder.get(p, content_dir), p) for p in paths]) for title, paths in parts]


def read_entries(content_dir: Path, course: Course, guide: Path | None = None) -> list[Entry]:
    """Every course notebook in course order (see ``read_parts``), without warnings."""
    return [e for _, entries in read_parts(content_dir, course, warn=lambda _: None, guide=guide) for e in entries]


def shipped_dates(output_dir: Path, paths: list[str]) -> dict[str, str]:
    """``last_modified`` of each shipped notebook, from JupyterLite's ``api/contents`` listings."""
    dates: dict[str, str] = {}
    for path in paths:
        parent = PurePosixPath(path).parent
        listing = output_dir / "api" / "contents" / (parent.as_posix() if str(parent) != "." else "") / "all.json"
        try:
            content = json.loads(listing.read_text(encoding="utf-8")).get("content", [])
        except (OSError, ValueError):
            continue
        for item in content:
            if item.get("path") == path and item.get("last_modified"):
                dates[path] = item["last_modified"]
    return dates


def write_home(output_dir: Path, content_dir: Path, course: Course, script: Path, guide: Path | None = None) -> Path:
    """Replace JupyterLite's redirecting root ``index.html`` with the course home page.

    ``guide`` is the learners' guide the site ships (generated); the page links to it.
    """
    parts = read_parts(content_dir, course, guide=guide)
    dates = shipped_dates(output_dir, [e.path for _, entries in parts for e in entries])
    parts = [(t, [Entry(e.path, e.title, e.summary, dates.get(e.path, "")) for e in entries]) for t, entries in parts]
    shutil.copy2(script, output_dir / script.name)
    target = output_dir / "index.html"
    target.write_text(render(course, parts, guide=GUIDE if guide else None, script=script.name), encoding="utf-8")
    return target
