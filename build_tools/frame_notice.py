"""The frame notice: what an app page (``lab/``, ``notebooks/``, ``repl/``...) shows when the
browser refuses what the course needs, instead of a "File Load Error" or an empty white box.

Courses meet learners inside VLE pages of another site, where a browser may refuse the frame
its storage (third-party site data blocked, private modes), give it an opaque origin (an
iframe ``sandbox`` without ``allow-same-origin``) or no scripts at all (``sandbox=""``).
Written into the built pages after ``jupyter lite build``:

- a ``<noscript>`` notice (replacing JupyterLite's one-liner): a frame without scripts shows it;
- a hidden notice first in ``<body>``, in the course's style, and a small script right after
  the page's ``jupyter-config-data`` (``frame_notice.js``) that shows the part of the notice
  that applies, before the app starts. Each offers "Open the course in a new tab" (the same
  address, top level); where the notebook still runs without storage, it says that work will
  not be kept and lets the learner stay.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .course import Course
from .errors import BuildError

SCRIPT = Path(__file__).with_name("frame_notice.js")
#: the JupyterLite app pages a learner can land on (the ones present in the built site are patched)
APP_PAGES = ("lab", "notebooks", "repl", "tree", "edit", "consoles")
#: marks a patched page, so a second run changes nothing
MARK = "<!-- litecourse frame notice -->"

STYLE = """
.lc-notice{position:fixed;inset:0;z-index:100000;overflow:auto;background:#fff;color:#1b1b1b;
  font:1.05rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}
.lc-notice[hidden],.lc-unsaved[hidden],.lc-notice [hidden],.lc-unsaved [hidden]{display:none}
.lc-notice .lc-authors{color:#4a4a4a;font-size:.9rem}
.lc-notice .lc-wrap{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.lc-notice .lc-course{color:#4a4a4a;font-size:.95rem;margin:0}
.lc-notice h1{font-size:1.5rem;line-height:1.25;margin:.4rem 0 .8rem}
.lc-notice p{margin:.6rem 0}
.lc-notice a{color:#0b57a4}
.lc-notice a.lc-open-here{display:inline-block;background:#0b57a4;color:#fff;font-weight:600;
  padding:.5rem 1rem;border-radius:6px;text-decoration:none}
.lc-notice button.lc-stay{font:inherit;color:#0b57a4;background:#fff;border:1px solid #0b57a4;
  border-radius:6px;padding:.4rem .9rem;cursor:pointer}
.lc-notice code{word-break:break-all;background:#f4f6f8;padding:0 .2rem}
.lc-notice :focus-visible,.lc-unsaved :focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
.lc-unsaved{position:fixed;right:.5rem;bottom:.5rem;z-index:100000;max-width:30rem;background:#fff4ce;
  color:#1b1b1b;border:1px solid #8a6d00;border-radius:6px;padding:.3rem .7rem;
  font:.9rem/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.lc-unsaved a{color:#0b57a4;font-weight:600}
@media (prefers-color-scheme:dark){
 .lc-notice{background:#15171a;color:#eaeaea}.lc-notice .lc-course{color:#c2c2c2}
 .lc-notice a{color:#8cc4ff}.lc-notice code{background:#1f2328}
 .lc-notice a.lc-open-here{background:#8cc4ff;color:#15171a}
 .lc-notice button.lc-stay{background:#15171a;color:#8cc4ff;border-color:#8cc4ff}}
"""

#: what happened, for each way the browser can say no (the script shows the one that applies)
OPAQUE = (
    "This frame does not let the course run",
    "The page around it sandboxes this frame: the course cannot load Python or keep your work here.",
)
BLOCKED = (
    "Your work cannot be saved in this frame",
    "Your browser does not let this frame keep data (third-party site data is blocked, or a "
    "private window). The notebook can still run here, but your changes will not be kept: "
    "they are lost when you leave or reload this page. Code that asks you to type an answer "
    "(input()) works only in a new tab.",
)
#: site data refused to the course opened at top level (not in a frame): a new tab would fare no
#: better; the browser's settings or a normal window would
BLOCKED_TOP = (
    "Your work cannot be saved in this browser",
    "Your browser does not let this site keep data (site data is blocked for it in the browser's "
    "settings, or this is a private window that keeps none). The notebook can still run here, but "
    "your changes will not be kept: they are lost when you leave or reload this page. To keep your "
    "work, allow this site to store data in your browser's settings (or open the course in a "
    "normal window), then reload.",
)
#: a tab opened from a sandboxed frame without allow-popups-to-escape-sandbox inherits the sandbox
OPAQUE_TAB = (
    "This tab inherits the sandbox of the page that opened it",
    "The page you came from sandboxes its frames, and this tab was opened with the same sandbox: "
    "the course cannot run in it either. Copy the address below into a new tab of your own.",
)
#: one line for whoever made the page around the frame
FOR_AUTHORS = (
    "For the page's author: the course needs allow-scripts and allow-same-origin in the frame's "
    "sandbox attribute (and allow-popups allow-popups-to-escape-sandbox, for this link to open the "
    "course in a working tab), or no sandbox attribute at all."
)
NO_SCRIPTS = (
    "This frame does not let the course run",
    "The course runs in your browser with JavaScript, which this frame (or your browser) does not allow.",
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def notice_html(course: Course) -> str:
    """The hidden notice, the "not saved" bar and the ``<noscript>`` notice, for ``<body>``.

    >>> from build_tools.course import Course
    >>> page = notice_html(Course("demo", "Demo <1>", "1"))
    >>> "Demo &lt;1&gt;" in page and 'target="_blank"' in page and "<noscript>" in page
    True
    """
    new_tab = '<a class="lc-open-here" href="" target="_blank" rel="noopener">Open the course in a new tab</a>'
    course_line = f'<p class="lc-course">{_e(course.title)}</p>'
    return f"""{MARK}
<div id="litecourse-notice" class="lc-notice" hidden>
 <div class="lc-wrap" role="alert" aria-labelledby="litecourse-notice-title">
  {course_line}
  <h1 id="litecourse-notice-title"><span data-when="opaque">{_e(OPAQUE[0])}</span>
   <span data-when="blocked">{_e(BLOCKED[0])}</span>
   <span data-when="blocked-top">{_e(BLOCKED_TOP[0])}</span>
   <span data-when="opaque-tab">{_e(OPAQUE_TAB[0])}</span></h1>
  <p data-when="opaque">{_e(OPAQUE[1])}</p>
  <p data-when="blocked">{_e(BLOCKED[1])}</p>
  <p data-when="blocked-top">{_e(BLOCKED_TOP[1])}</p>
  <p data-when="opaque-tab">{_e(OPAQUE_TAB[1])}</p>
  <p data-when="opaque blocked">{new_tab}</p>
  <p data-when="opaque blocked">If nothing opens, copy this address into a new tab: <code class="lc-address"></code></p>
  <p data-when="opaque-tab"><code class="lc-address"></code></p>
  <p data-when="opaque opaque-tab" class="lc-authors">{_e(FOR_AUTHORS)}</p>
  <p data-when="blocked blocked-top"><button type="button" class="lc-stay">Use it here without saving</button></p>
 </div>
</div>
<div id="litecourse-unsaved" class="lc-unsaved" role="status" hidden><span data-when="blocked">Not saved: this
 frame cannot keep your work. <a class="lc-open-here" href="" target="_blank" rel="noopener">Open the course in a new
 tab</a></span><span data-when="blocked-top">Not saved: this browser keeps no data for this site.</span></div>
<noscript>
<div class="lc-notice" id="litecourse-noscript">
 <div class="lc-wrap" role="alert">
  {course_line}
  <h1>{_e(NO_SCRIPTS[0])}</h1>
  <p>{_e(NO_SCRIPTS[1])}</p>
  <p>{new_tab}</p>
  <p>If nothing opens, copy the link's address (right-click it) into a new tab. If the course does not
   start there either, turn on JavaScript for this site.</p>
 </div>
</div>
</noscript>
"""


_CONFIG_SCRIPT = re.compile(r'<script id="jupyter-config-data"[^>]*>.*?</script>', re.S)
_BODY_OPEN = re.compile(r"<body\b[^>]*>")
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>\s*", re.S)


def patch_page(page: str, course: Course, script: str) -> str:
    """``page`` (a JupyterLite app page's HTML) with the notice: its style and ``script`` right
    after ``jupyter-config-data`` (before the app starts), the notice first in ``<body>``.

    JupyterLite's own ``<noscript>`` line is replaced by ours. A patched page is returned as is.

    >>> from build_tools.course import Course
    >>> page = ('<html><head><script id="jupyter-config-data" type="application/json">{}</script>'
    ...         '<script>start()</script></head><body class="x"><noscript>JS!</noscript></body></html>')
    >>> out = patch_page(page, Course("demo", "Demo", "1"), "check()")
    >>> out.index("check()") < out.index("start()") and "JS!" not in out
    True
    >>> out.index('<body class="x">') < out.index('id="litecourse-notice"')
    True
    >>> patch_page(out, Course("demo", "Demo", "1"), "check()") == out
    True
    """
    if MARK in page:
        return page
    config = _CONFIG_SCRIPT.search(page)
    body = _BODY_OPEN.search(page)
    if not config or not body:
        raise BuildError("a JupyterLite app page has no jupyter-config-data or <body>: cannot add the frame notice")
    head_part = f"\n<style>{STYLE}</style>\n<script>{script}</script>"
    page = page[: config.end()] + head_part + page[config.end():]
    body = _BODY_OPEN.search(page)
    rest = _NOSCRIPT.sub("", page[body.end():], count=1)
    return page[: body.end()] + "\n" + notice_html(course) + rest


def write_frame_notices(output_dir: Path, course: Course) -> list[Path]:
    """Patch every app page of the built site in ``output_dir``; returns the pages patched."""
    script = SCRIPT.read_text(encoding="utf-8")
    patched = []
    for name in APP_PAGES:
        target = output_dir / name / "index.html"
        if not target.is_file():
            continue
        text = target.read_text(encoding="utf-8")
        new = patch_page(text, course, script)
        if new != text:
            # a new file, not an edit in place: the staging folder may hard-link the build's files
            target.unlink()
            target.write_text(new, encoding="utf-8")
            patched.append(target)
    return patched
